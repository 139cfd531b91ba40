using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Voice;

/// <summary>Voice list, get, update, delete and the cloning jobs, against the handlers' real shapes.</summary>
public class VoiceManagementTests
{
    private const string VoiceId = "123e4567-e89b-42d3-a456-426614174000";
    private const string JobId = "5b1f0c7e-2a44-4d0e-9b7a-0f6c1d2e3f40";
    private const string Summary = """
        {"id":"123e4567-e89b-42d3-a456-426614174000","elevenlabsVoiceId":"xyz789abcdefghijklmn","name":"My Voice","description":null,"cloneType":"instant",
         "sampleCount":2,"totalAudioDurationSeconds":null,"audioQualityScore":"8.50","usageCount":3,"lastUsedAt":"2026-04-28T09:00:00.000Z",
         "isActive":true,"isPublic":false,"createdAt":"2026-04-27T10:30:00.000Z","updatedAt":"2026-04-28T09:00:00.000Z"}
        """;
    private const string FullVoice = """
        {"success":true,"voice":{"id":"123e4567-e89b-42d3-a456-426614174000","organizationId":"0f0a4e00-0000-4000-8000-000000000001","userId":"fa4e0000-0000-4000-8000-000000000002",
         "elevenlabsVoiceId":"xyz789abcdefghijklmn","name":"My Voice","description":null,"cloneType":"professional","settings":{"language":"en","stability":0.5},
         "sampleCount":2,"totalAudioDurationSeconds":1900,"audioQualityScore":null,"usageCount":0,"lastUsedAt":null,"isActive":true,"isPublic":false,
         "creationCost":"20.00","createdAt":"2026-04-27T10:30:00.000Z","updatedAt":"2026-04-27T10:30:00.000Z",
         "samples":[{"id":"9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a","userVoiceId":null,"jobId":"5b1f0c7e-2a44-4d0e-9b7a-0f6c1d2e3f40","organizationId":"0f0a4e00-0000-4000-8000-000000000001",
           "userId":"fa4e0000-0000-4000-8000-000000000002","fileName":"one.mp3","fileSize":123456,"fileType":"audio/mpeg","blobUrl":"https://blob.example/one.mp3",
           "durationSeconds":"61.20","sampleRate":null,"channels":null,"qualityScore":null,"isProcessed":false,"transcription":null,"createdAt":"2026-04-27T10:29:00.000Z"}]}}
        """;

    private FakeApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new FakeApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task ListAsync_sends_the_filters_and_reads_the_window()
    {
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/list").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($$"""{"success":true,"voices":[{{Summary}}],"total":21,"limit":10,"offset":20,"hasMore":false}"""));

        var list = await _api.Client.Voice.ListAsync(new VoiceListOptions { IncludeInactive = true, CloneType = VoiceCloneType.Professional, Limit = 10, Offset = 20 });

        var sent = _api.SingleRequest().RequestMessage!;
        Assert.Multiple(() =>
        {
            Assert.That(sent.RawQuery?.TrimStart('?'), Is.EqualTo("includeInactive=true&cloneType=professional&limit=10&offset=20"));
            Assert.That((list.Total, list.Limit, list.Offset, list.HasMore), Is.EqualTo((21, 10, 20, false)));
            var voice = list.Voices.Single();
            Assert.That(voice.ElevenlabsVoiceId, Is.EqualTo("xyz789abcdefghijklmn"));
            Assert.That(voice.CloneType, Is.EqualTo(VoiceCloneType.Instant));
            Assert.That(voice.Description, Is.Null);
            Assert.That(voice.AudioQualityScore, Is.EqualTo("8.50"));
            Assert.That(voice.UsageCount, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task ListAsync_without_options_sends_no_query_and_inactive_false_is_left_out()
    {
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/list").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"success":true,"voices":[],"total":0,"limit":50,"offset":0,"hasMore":false}"""));

        await _api.Client.Voice.ListAsync();
        await _api.Client.Voice.ListAsync(new VoiceListOptions { IncludeInactive = false });

        Assert.That(_api.Server.LogEntries.Select(e => e.RequestMessage!.RawQuery ?? string.Empty), Is.All.Empty);
    }

    [TestCase(0, 0)]
    [TestCase(101, 0)]
    [TestCase(10, -1)]
    public void A_window_the_server_would_clamp_is_refused_before_sending(int limit, int offset)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _api.Client.Voice.ListAsync(new VoiceListOptions { Limit = limit, Offset = offset }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _api.Client.Voice.ListAllAsync(new VoiceListOptions { Limit = limit == 10 ? 0 : limit }));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task ListAllAsync_walks_the_offsets_until_the_total()
    {
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/list").WithParam("offset", "0").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($$"""{"success":true,"voices":[{{Summary}}],"total":2,"limit":1,"offset":0,"hasMore":true}"""));
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/list").WithParam("offset", "1").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($$"""{"success":true,"voices":[{{Summary.Replace("My Voice", "Second")}}],"total":2,"limit":1,"offset":1,"hasMore":false}"""));

        var names = new List<string>();
        await foreach (var voice in _api.Client.Voice.ListAllAsync(new VoiceListOptions { Limit = 1 }))
        {
            names.Add(voice.Name);
        }

        Assert.That(names, Is.EqualTo(new[] { "My Voice", "Second" }));
        Assert.That(_api.Server.LogEntries, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task GetAsync_reads_the_stored_row_with_settings_and_samples()
    {
        _api.Server.Given(Request.Create().WithPath($"/api/v1/voice/{VoiceId}").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(FullVoice));

        var voice = await _api.Client.Voice.GetAsync(VoiceId);

        Assert.Multiple(() =>
        {
            Assert.That(voice.CloneType, Is.EqualTo(VoiceCloneType.Professional));
            Assert.That(voice.Settings["language"].GetString(), Is.EqualTo("en"));
            Assert.That(voice.CreationCost, Is.EqualTo("20.00"));
            Assert.That(voice.TotalAudioDurationSeconds, Is.EqualTo(1900));
            Assert.That(voice.Samples!.Single().FileName, Is.EqualTo("one.mp3"));
            Assert.That(voice.Samples!.Single().DurationSeconds, Is.EqualTo("61.20"));
        });
    }

    [Test]
    public async Task UpdateAsync_patches_only_the_members_set()
    {
        _api.Server.Given(Request.Create().WithPath($"/api/v1/voice/{VoiceId}").UsingPatch())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(FullVoice.Replace(",\n         \"samples\"", ",\"ignored\"")));

        await _api.Client.Voice.UpdateAsync(VoiceId, new UpdateVoiceRequest { Name = "Renamed", IsActive = false });

        var sent = _api.SingleRequest().RequestMessage!;
        Assert.That(sent.Method, Is.EqualTo("PATCH"));
        Assert.That(sent.Body, Is.EqualTo("""{"name":"Renamed","isActive":false}"""));
    }

    [Test]
    public async Task DeleteAsync_sends_DELETE_and_completes_on_the_confirmation()
    {
        _api.Server.Given(Request.Create().WithPath($"/api/v1/voice/{VoiceId}").UsingDelete())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"success":true,"message":"Voice deleted successfully"}"""));

        await _api.Client.Voice.DeleteAsync(VoiceId);

        Assert.That(_api.SingleRequest().RequestMessage!.Method, Is.EqualTo("DELETE"));
    }

    [Test]
    public void A_provider_voice_id_or_a_blank_name_is_refused_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.GetAsync("xyz789abcdefghijklmn"));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.DeleteAsync("../list"));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.UpdateAsync("not-a-uuid", new UpdateVoiceRequest()));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.UpdateAsync(VoiceId, new UpdateVoiceRequest { Name = " " }));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [TestCase("GET", 400, """{"error":"Invalid voice ID format","message":"Please use the internal voice ID (UUID format) from the 'List Voices' endpoint.","hint":"Call GET /api/v1/voice/list to get your voice IDs"}""", typeof(MiladyCloudInvalidRequestException))]
    [TestCase("GET", 404, """{"error":"Voice not found","message":"Voice not found in your organization. Make sure you're using the correct voice ID from 'List Voices'."}""", typeof(MiladyCloudNotFoundException))]
    [TestCase("PATCH", 404, """{"error":"Voice not found"}""", typeof(MiladyCloudNotFoundException))]
    [TestCase("DELETE", 404, """{"error":"Voice not found","message":"Voice not found in your organization. Make sure you're using the correct voice ID from 'List Voices'."}""", typeof(MiladyCloudNotFoundException))]
    [TestCase("GET", 401, """{"success":false,"error":"Invalid or expired API key","code":"authentication_required"}""", typeof(MiladyCloudUnauthorizedException))]
    [TestCase("DELETE", 403, """{"success":false,"error":"Organization is inactive","code":"access_denied"}""", typeof(MiladyCloudForbiddenException))]
    [TestCase("PATCH", 500, """{"success":false,"error":"An unexpected error occurred","code":"internal_error"}""", typeof(MiladyCloudInternalServerErrorException))]
    public void Each_error_of_the_voice_routes_maps_to_its_exception(string method, int status, string body, Type expected)
    {
        _api.Server.Given(Request.Create().WithPath($"/api/v1/voice/{VoiceId}").UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

        var error = Assert.CatchAsync<MiladyCloudApiException>(() => method switch
        {
            "GET" => _api.Client.Voice.GetAsync(VoiceId),
            "PATCH" => _api.Client.Voice.UpdateAsync(VoiceId, new UpdateVoiceRequest { Description = "x" }),
            _ => _api.Client.Voice.DeleteAsync(VoiceId),
        });

        Assert.That((error!.GetType(), (int)error.StatusCode, error.RawBody), Is.EqualTo((expected, status, body)));
    }

    [TestCase(401, """{"success":false,"error":"Invalid or expired API key","code":"authentication_required"}""", typeof(MiladyCloudUnauthorizedException))]
    [TestCase(500, """{"success":false,"error":"An unexpected error occurred","code":"internal_error"}""", typeof(MiladyCloudInternalServerErrorException))]
    public void List_and_jobs_errors_use_the_canonical_envelope(int status, string body, Type expected)
    {
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/*").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

        var list = Assert.CatchAsync<MiladyCloudApiException>(() => _api.Client.Voice.ListAsync());
        var jobs = Assert.CatchAsync<MiladyCloudApiException>(() => _api.Client.Voice.CloneJobs.ListAsync());

        Assert.That(list, Is.InstanceOf(expected));
        Assert.That(jobs, Is.InstanceOf(expected));
    }

    [Test]
    public async Task CloneJobs_ListAsync_reads_the_active_jobs()
    {
        _api.Server.Given(Request.Create().WithPath("/api/v1/voice/jobs").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(JobsAnswer("processing", 40)));

        var jobs = await _api.Client.Voice.CloneJobs.ListAsync();

        var job = jobs.Jobs.Single();
        Assert.That((job.Id, job.VoiceName, job.JobType, job.Status, job.Progress, jobs.Total), Is.EqualTo((JobId, "My Voice", VoiceCloneType.Professional, VoiceCloneJobStatus.Processing, 40, 1)));
        Assert.That(job.ErrorMessage, Is.Null);
    }

    [Test]
    public async Task WaitForCompletionAsync_polls_at_the_pace_of_the_clone_type_until_the_job_leaves_the_list()
    {
        var clock = new FakeTimeProvider();
        using var api = new FakeApi(o => o.TimeProvider = clock);
        api.Server.Given(Request.Create().WithPath("/api/v1/voice/jobs").UsingGet()).InScenario("job").WillSetStateTo("second")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(JobsAnswer("pending", 0, "instant")));
        api.Server.Given(Request.Create().WithPath("/api/v1/voice/jobs").UsingGet()).InScenario("job").WhenStateIs("second").WillSetStateTo("done")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(JobsAnswer("processing", 60, "instant")));
        api.Server.Given(Request.Create().WithPath("/api/v1/voice/jobs").UsingGet()).InScenario("job").WhenStateIs("done")
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"success":true,"jobs":[],"total":0}"""));
        var seen = new List<int>();

        var wait = api.Client.Voice.CloneJobs.WaitForCompletionAsync(JobId, TimeSpan.FromMinutes(5), new Reporter(j => seen.Add(j.Progress)));
        await WaitForRequestsAsync(api, 1);
        clock.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(50);
        Assert.That(api.Server.LogEntries, Has.Count.EqualTo(1), "not polled before the instant interval");
        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForRequestsAsync(api, 2);
        clock.Advance(VoiceCloneJobsClient.InstantPollInterval);
        var last = await wait.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(last!.Progress, Is.EqualTo(60));
        Assert.That(seen, Is.EqualTo(new[] { 0, 60 }));
        Assert.That(api.Server.LogEntries, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task WaitForCompletionAsync_returns_null_for_a_job_that_is_not_active_and_times_out_on_one_that_stays()
    {
        var clock = new FakeTimeProvider();
        using var api = new FakeApi(o => o.TimeProvider = clock);
        api.Server.Given(Request.Create().WithPath("/api/v1/voice/jobs").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(JobsAnswer("processing", 10)));

        var other = await api.Client.Voice.CloneJobs.WaitForCompletionAsync("0e0e0e0e-0000-4000-8000-000000000000", TimeSpan.FromMinutes(1));
        var stuck = api.Client.Voice.CloneJobs.WaitForCompletionAsync(JobId, TimeSpan.FromMinutes(2));
        await WaitForRequestsAsync(api, 2);
        clock.Advance(VoiceCloneJobsClient.ProfessionalPollInterval);
        await WaitForRequestsAsync(api, 3);
        clock.Advance(VoiceCloneJobsClient.ProfessionalPollInterval);

        Assert.That(other, Is.Null);
        var timeout = Assert.ThrowsAsync<MiladyCloudTimeoutException>(async () => await stuck.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.That(timeout!.Kind, Is.EqualTo(MiladyCloudTimeoutKind.WaitDeadline));
    }

    [Test]
    public void WaitForCompletionAsync_checks_its_arguments_before_polling()
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Voice.CloneJobs.WaitForCompletionAsync("job-1", TimeSpan.FromMinutes(1)));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _api.Client.Voice.CloneJobs.WaitForCompletionAsync(JobId, TimeSpan.Zero));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    private static string JobsAnswer(string status, int progress, string type = "professional") => $$"""
        {"success":true,"jobs":[{"id":"{{JobId}}","voiceName":"My Voice","jobType":"{{type}}","status":"{{status}}","progress":{{progress}},"errorMessage":null,
          "createdAt":"2026-04-27T10:30:00.000Z","startedAt":"2026-04-27T10:30:00.000Z"}],"total":1}
        """;

    private static async Task WaitForRequestsAsync(FakeApi api, int count)
    {
        for (var i = 0; i < 500 && api.Server.LogEntries.Count() < count; i++)
        {
            await Task.Delay(10);
        }

        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(count));
        // Let the client reach its wait after the answer.
        await Task.Delay(50);
    }

    private sealed class Reporter(Action<VoiceCloneJob> report) : IProgress<VoiceCloneJob>
    {
        public void Report(VoiceCloneJob value) => report(value);
    }
}
