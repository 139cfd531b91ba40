using System.Net;
using MiladyCloud.Sdk.Tests.Infrastructure;

namespace MiladyCloud.Sdk.Tests.UiChat;

/// <summary>The error bodies of POST /api/v1/chat, as its handler writes them, mapped to the typed exceptions.</summary>
public class UiChatErrorTests : WireMockClientTests
{
    protected override void Configure(MiladyCloudClientOptions options) => options.MaxRetries = 3;

    [Test]
    public void A_400_is_an_invalid_request_with_the_servers_text()
    {
        Respond("/api/v1/chat", "POST", """{"error":"Invalid message role \"bot\" at index 0. Valid roles: user, assistant, system, tool"}""", 400);

        var ex = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => Api.Client.UiChat.CreateAsync("Hi"));

        Assert.That(ex!.ServerMessage, Does.StartWith("Invalid message role"));
        Assert.That(ex.RawBody, Does.Contain("Valid roles"));
        Assert.That(Api.Server.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_401_without_an_anonymous_session_is_unauthorized()
    {
        Respond("/api/v1/chat", "POST", """{"error":"Authentication required"}""", 401);

        var ex = Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => Api.Client.UiChat.CreateAsync("Hi"));

        Assert.That(ex!.ServerMessage, Is.EqualTo("Authentication required"));
        Assert.That(ex.Message, Does.Not.Contain(FakeApi.ApiKey));
    }

    [Test]
    public void A_402_is_insufficient_credits_with_the_details()
    {
        Respond("/api/v1/chat", "POST", """{"error":"Insufficient balance","details":"Insufficient credits. Required: $0.0200, Available: $0.0000"}""", 402);

        var ex = Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => Api.Client.UiChat.CreateAsync("Hi"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.PaymentRequired));
            Assert.That(ex.ServerMessage, Is.EqualTo("Insufficient balance"));
            Assert.That(ex.Details!.Value.GetString(), Does.Contain("Required: $0.0200"));
            Assert.That(ex.Message, Does.Contain("Available: $0.0000"));
            Assert.That(Api.Server.LogEntries, Has.Count.EqualTo(1), "a credit failure is not retried");
        });
    }

    [Test]
    public void A_403_for_a_suspended_account_is_forbidden()
    {
        Respond("/api/v1/chat", "POST", """{"error":"Your account has been suspended due to policy violations. Please contact support."}""", 403);

        var ex = Assert.ThrowsAsync<MiladyCloudForbiddenException>(() => Api.Client.UiChat.CreateAsync("Hi"));

        Assert.That(ex!.ServerMessage, Does.Contain("suspended"));
    }

    [Test]
    public void The_anonymous_limit_429_is_rate_limited_with_its_body_kept()
    {
        const string body = """{"error":"You've reached your free message limit (5 messages). Sign up to continue chatting!","requiresSignup":true,"reason":"message_limit","limit":5,"remaining":0}""";
        Respond("/api/v1/chat", "POST", body, 429);

        var ex = Assert.ThrowsAsync<MiladyCloudRateLimitedException>(() => Api.Client.UiChat.CreateAsync("Hi"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.ServerMessage, Does.Contain("free message limit"));
            Assert.That(ex.RawBody, Is.EqualTo(body));
            Assert.That(ex.RetryAfter, Is.Null, "the session's limit names no time to wait");
        });
    }

    [Test]
    public void A_503_provider_not_configured_is_final_and_not_retried()
    {
        Respond("/api/v1/chat", "POST", """{"error":"AI services are not configured on this deployment"}""", 503);

        var ex = Assert.ThrowsAsync<MiladyCloudServiceUnavailableException>(() => Api.Client.UiChat.CreateAsync("Hi"));

        Assert.That(ex!.ServerMessage, Is.EqualTo("AI services are not configured on this deployment"));
        Assert.That(ex.IsRetryable, Is.False, "what the SDK does not retry it does not advise retrying");
        Assert.That(Api.Server.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_500_is_an_internal_server_error()
    {
        Respond("/api/v1/chat", "POST", """{"error":"Failed to process chat"}""", 500);

        var ex = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => Api.Client.UiChat.CreateAsync("Hi"));

        Assert.That(ex!.ServerMessage, Is.EqualTo("Failed to process chat"));
    }
}
