using MiladyCloud.Sdk.LiveTests.Infrastructure;

namespace MiladyCloud.Sdk.LiveTests.Errors;

/// <summary>How the server answers each way of presenting (or not presenting) a key, and what the SDK makes of it.</summary>
public sealed class AuthenticationLiveTests(TestMode mode) : LiveTestBase(mode)
{
    [TestCase(MiladyCloudAuthentication.Bearer)]
    [TestCase(MiladyCloudAuthentication.ApiKeyHeader)]
    [TestCase(MiladyCloudAuthentication.Both)]
    public async Task Every_header_form_of_the_key_is_accepted(MiladyCloudAuthentication form)
    {
        var client = CreateClient(o => o.Authentication = form);

        var user = await client.User.GetAsync();

        Assert.That(user.Id, Is.Not.Empty);
    }

    [Test]
    public void An_unknown_key_is_unauthorized_and_not_retried()
    {
        var client = CreateClient(o => o.ApiKey = LiveSettings.UnknownApiKey);

        var error = Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => client.User.GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Unauthorized));
            Assert.That(error.Message, Does.Contain("Invalid or expired API key"));
            Assert.That(RequestsSent, Is.EqualTo(1), "an authentication failure is never retried");
        });
    }

    [Test]
    public void An_unknown_key_on_a_route_that_answers_500_is_still_unauthorized()
    {
        var client = CreateClient(o => o.ApiKey = LiveSettings.UnknownApiKey);

        var error = Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => client.Apps.ListAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.InternalServerError), "the apps routes answer an authentication failure with 500");
            Assert.That(RequestsSent, Is.EqualTo(1), "an authentication failure is never retried");
        });
    }

    [Test]
    public void No_key_and_a_session_cookie_that_is_no_session_is_unauthorized()
    {
        // The SDK cannot send a request without any credential (the options need a key or a session token), so the
        // nearest a client comes to "no key" is a session cookie the server does not know.
        var client = CreateClient(o =>
        {
            o.ApiKey = null;
            o.SessionToken = "not-a-session";
        });

        var error = Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => client.User.GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Unauthorized));
            Assert.That(error.ServerMessage, Is.EqualTo("Invalid authentication token"));
            Assert.That(RequestsSent, Is.EqualTo(1), "an authentication failure is never retried");
        });
    }
}
