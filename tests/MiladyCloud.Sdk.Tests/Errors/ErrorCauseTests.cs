using System.Net;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Retry;

namespace MiladyCloud.Sdk.Tests.Errors;

/// <summary>
/// Error answers whose headline says little and whose cause sits elsewhere in the body (the knowledge routes'
/// <c>details</c>, video's <c>originalError</c>), and the server's ForbiddenError texts that catch-all handlers answer
/// as 500: the exception type and message come from the cause, and what cannot succeed is sent once. The bodies are the
/// handlers' own shapes (elizaOS/cloud at 60bc09e7); retries are on, with no delay, so a wrong retry shows in the count.
/// </summary>
public class ErrorCauseTests
{
    /// <summary>The knowledge handlers' catch-all: <c>{error:"Failed to …", details: error.message}</c>, status 500.</summary>
    private static IEnumerable<TestCaseData> KnowledgeCalls()
    {
        yield return new TestCaseData("Failed to list documents", new Func<MiladyCloudClient, Task>(c => c.Knowledge.ListAsync())).SetArgDisplayNames("GET /knowledge");
        yield return new TestCaseData("Failed to query knowledge", new Func<MiladyCloudClient, Task>(c => c.Knowledge.QueryAsync("reset password"))).SetArgDisplayNames("POST /knowledge/query");
        yield return new TestCaseData("Failed to upload document", new Func<MiladyCloudClient, Task>(c => c.Knowledge.CreateAsync(new CreateKnowledgeDocumentRequest { Content = "Handbook", Filename = "handbook.md", ContentType = "text/markdown" })))
            .SetArgDisplayNames("POST /knowledge");
        yield return new TestCaseData("Failed to upload files", new Func<MiladyCloudClient, Task>(c => c.Knowledge.UploadAsync([KnowledgeFile.FromBytes([65], "a.txt")]))).SetArgDisplayNames("POST /knowledge/upload-file");
    }

    [TestCaseSource(nameof(KnowledgeCalls))]
    public void A_knowledge_500_whose_details_is_an_auth_failure_is_Unauthorized_says_why_and_is_sent_once(string headline, Func<MiladyCloudClient, Task> call)
    {
        var body = $$"""{"error":"{{headline}}","details":"Invalid or expired API key"}""";
        using var api = Retrying(o => o.RetryCreditConsumingRequestsOnAmbiguousFailures = true);
        api.Then(500, body).Then(500, body).Then(500, body).Then(500, body);

        var ex = Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => call(api.Client));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(ex.Message, Is.EqualTo($"elizaOS Cloud returned 500 Internal Server Error: {headline}: Invalid or expired API key"));
            Assert.That(ex.ErrorCode, Is.EqualTo(MiladyCloudErrorCode.Unauthorized));
            Assert.That(ex.IsRetryable, Is.False);
            Assert.That(ex.RawBody, Is.EqualTo(body));
            Assert.That(api.RequestCount, Is.EqualTo(1), "an authentication failure is never repeated");
        });
    }

    [Test]
    public async Task The_same_knowledge_500_with_another_cause_is_a_retried_server_error_that_still_says_why()
    {
        // The control for the test above: without an auth failure in details, a 500 on GET is retried.
        const string body = """{"error":"Failed to list documents","details":"Connection terminated unexpectedly"}""";
        using var api = Retrying().Then(500, body).Then(500, body).Then(500, body).Then(500, body);

        var ex = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => api.Client.Knowledge.ListAsync());

        Assert.That(ex!.Message, Is.EqualTo("elizaOS Cloud returned 500 Internal Server Error: Failed to list documents: Connection terminated unexpectedly"));
        await api.WaitForRequestsAsync(4);
    }

    [TestCase("Invalid or expired API key", typeof(MiladyCloudUnauthorizedException))]
    [TestCase("Organization is inactive", typeof(MiladyCloudForbiddenException))]
    [TestCase("Request to fal.ai timed out", typeof(MiladyCloudInternalServerErrorException))]
    public void A_video_500_takes_its_type_and_message_from_originalError(string cause, Type expected)
    {
        // The generate-video handler's fallback body for any failure it cannot classify.
        var body = $$"""{"error":"Video generation failed. Please try again.","isFallback":true,"originalError":"{{cause}}"}""";
        using var api = Retrying().Then(500, body);

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => api.Client.Videos.CreateAsync("A red fox in the snow"));

        Assert.Multiple(() =>
        {
            Assert.That(ex, Is.TypeOf(expected));
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(ex.Message, Is.EqualTo($"elizaOS Cloud returned 500 Internal Server Error: Video generation failed. Please try again.: {cause}"));
            Assert.That(api.RequestCount, Is.EqualTo(1), "video generation is never repeated after a 500");
        });
    }

    [Test]
    public void A_video_500_whose_originalError_is_an_auth_failure_is_not_repeated_even_when_ambiguous_retries_are_allowed()
    {
        const string body = """{"error":"Video generation failed. Please try again.","isFallback":true,"originalError":"Invalid or expired API key"}""";
        using var api = Retrying(o => o.RetryCreditConsumingRequestsOnAmbiguousFailures = true).Then(500, body).Then(500, body).Then(500, body).Then(500, body);

        var ex = Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => api.Client.Videos.CreateAsync("A red fox in the snow"));

        Assert.That(ex!.IsRetryable, Is.False);
        Assert.That(api.RequestCount, Is.EqualTo(1));
    }

    /// <summary>
    /// The server's ForbiddenError texts (packages/lib/auth.ts), which these handlers' catch-alls answer as 500 with the
    /// text as the error (apps: <c>{success:false, error}</c>) or as the details (knowledge).
    /// </summary>
    private static IEnumerable<TestCaseData> ForbiddenAnswers()
    {
        yield return new TestCaseData("""{"success":false,"error":"Organization is inactive"}""", new Func<MiladyCloudClient, Task>(c => c.Apps.ListAsync()))
            .SetArgDisplayNames("Organization is inactive (GET /apps)");
        yield return new TestCaseData("""{"error":"Failed to list documents","details":"User account is inactive"}""", new Func<MiladyCloudClient, Task>(c => c.Knowledge.ListAsync()))
            .SetArgDisplayNames("User account is inactive (GET /knowledge)");
        yield return new TestCaseData("""{"success":false,"error":"API key is inactive"}""", new Func<MiladyCloudClient, Task>(c => c.Apps.ListAsync()))
            .SetArgDisplayNames("API key is inactive (GET /apps)");
        yield return new TestCaseData("""{"success":false,"error":"This feature requires a full account. Please sign up to continue."}""", new Func<MiladyCloudClient, Task>(c => c.Apps.ListAsync()))
            .SetArgDisplayNames("This feature requires a full account (GET /apps)");
    }

    [TestCaseSource(nameof(ForbiddenAnswers))]
    public void A_500_carrying_a_ForbiddenError_text_is_Forbidden_and_sent_once(string body, Func<MiladyCloudClient, Task> call)
    {
        using var api = Retrying().Then(500, body).Then(500, body).Then(500, body).Then(500, body);

        var ex = Assert.ThrowsAsync<MiladyCloudForbiddenException>(() => call(api.Client));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(ex.ErrorCode, Is.EqualTo(MiladyCloudErrorCode.Forbidden));
            Assert.That(ex.IsRetryable, Is.False);
            Assert.That(api.RequestCount, Is.EqualTo(1), "a permission failure is never repeated");
        });
    }

    /// <summary>Retries on, with no backoff (the fake clock never has to move), so a wrongly retried answer is counted.</summary>
    private static ScriptedServer Retrying(Action<MiladyCloudClientOptions>? configure = null) => new(o =>
    {
        o.RetryBaseDelay = TimeSpan.Zero;
        configure?.Invoke(o);
    });
}
