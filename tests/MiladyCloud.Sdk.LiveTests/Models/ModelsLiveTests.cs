using MiladyCloud.Sdk.LiveTests.Infrastructure;

namespace MiladyCloud.Sdk.LiveTests.Models;

/// <summary>The model catalog (the local server lists a provider's models when it has a key for it, even a dummy one).</summary>
public sealed class ModelsLiveTests(TestMode mode) : LiveTestBase(mode)
{
    [Test]
    public async Task The_catalog_lists_and_gets_models_without_a_key()
    {
        var client = CreateClient();

        var list = await client.Models.ListAsync(useCache: false);
        var first = list.Data[0];
        var one = await client.Models.GetAsync(first.Id);

        Assert.Multiple(() =>
        {
            Assert.That(list.Data, Is.Not.Empty);
            Assert.That(one.Id, Is.EqualTo(first.Id));
        });
    }

    [Test]
    public async Task Model_status_reports_each_model_asked_for()
    {
        var client = CreateClient();
        var list = await client.Models.ListAsync(useCache: false);

        var status = await client.Models.GetStatusAsync([list.Data[0].Id, "nobody/no-such-model"]);

        Assert.That(status, Is.Not.Null);
    }

    [Test]
    public void An_unknown_model_is_not_found_or_the_provider_lookup_fails()
    {
        // The server asks the provider for a model it does not cache: 404 when the provider says so; a local server
        // that cannot reach the provider answers 500 "Failed to fetch model details".
        var client = CreateClient();

        var error = Assert.CatchAsync<MiladyCloudApiException>(() => client.Models.GetAsync("nobody/no-such-model"));

        Assert.That(error is MiladyCloudNotFoundException || error!.ServerMessage == "Failed to fetch model details", Is.True, error!.Message);
    }
}
