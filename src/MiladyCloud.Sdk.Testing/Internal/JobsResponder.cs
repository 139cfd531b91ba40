using System.Collections.Concurrent;
using System.Net;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// <c>GET /jobs/{id}</c> over the jobs started with <see cref="MiladyCloudFakeServer.StartJob"/>: each read moves a job
/// one step (pending, in_progress, then completed or failed), like a provisioning job seen through polling; the
/// timestamps come from the fake's clock.
/// </summary>
internal sealed class JobsResponder(TimeProvider clock)
{
    private const string Prefix = "/api/v1/jobs/";
    private readonly ConcurrentDictionary<string, FakeJob> _jobs = new(StringComparer.Ordinal);

    public string Start(string type, string? failureMessage)
    {
        var job = new FakeJob(FakeFormat.NewId(), type, failureMessage, clock.GetUtcNow());
        _jobs[job.Id] = job;
        return job.Id;
    }

    public FakeResponse? Route(FakeCall call)
    {
        if (call.Method != "GET" || !call.Path.StartsWith(Prefix, StringComparison.Ordinal) || call.Path[Prefix.Length..].Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        return _jobs.TryGetValue(Uri.UnescapeDataString(call.Path[Prefix.Length..]), out var job)
            ? FakeResponse.Json(Write(job.Advance(clock.GetUtcNow())))
            : FakeFormat.Failure(HttpStatusCode.NotFound, "Job not found");
    }

    private static string Write(JobState job) => JsonText.Object(w =>
    {
        var running = job.Status is "pending" or "in_progress";
        w.WriteBoolean("success", true);
        w.WriteStartObject("data");
        w.WriteString("id", job.Id);
        w.WriteString("type", job.Type);
        w.WriteString("status", job.Status);
        if (job.Status == "completed")
        {
            w.WriteStartObject("result");
            w.WriteString("cloudAgentId", job.ResultId);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("result");
        }

        FakeFormat.WriteNullable(w, "error", job.Status == "failed" ? job.Error : null);
        w.WriteNumber("attempts", job.Status == "pending" ? 0 : 1);
        w.WriteNumber("maxAttempts", 3);
        w.WriteString("estimatedCompletionAt", FakeFormat.Iso(job.CreatedAt.AddSeconds(90)));
        w.WriteString("scheduledFor", FakeFormat.Iso(job.CreatedAt));
        FakeFormat.WriteNullable(w, "startedAt", job.StartedAt);
        FakeFormat.WriteNullable(w, "completedAt", job.CompletedAt);
        w.WriteString("createdAt", FakeFormat.Iso(job.CreatedAt));
        w.WriteString("updatedAt", FakeFormat.Iso(job.CompletedAt ?? job.StartedAt ?? job.CreatedAt));
        w.WriteEndObject();
        w.WriteStartObject("polling");
        if (running)
        {
            w.WriteNumber("intervalMs", 5000);
        }

        w.WriteBoolean("shouldContinue", running);
        w.WriteEndObject();
    });

    private sealed record JobState(string Id, string Type, string Status, string? Error, string ResultId, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt);

    private sealed class FakeJob(string id, string type, string? failureMessage, DateTimeOffset createdAt)
    {
        private readonly object _gate = new();
        private readonly string _resultId = FakeFormat.NewId();
        private int _reads;
        private DateTimeOffset? _startedAt;
        private DateTimeOffset? _completedAt;

        public string Id => id;

        /// <summary>The state one step further than the last read: the first read sees it pending, the second in progress, then done.</summary>
        public JobState Advance(DateTimeOffset now)
        {
            lock (_gate)
            {
                _reads++;
                if (_reads == 2)
                {
                    _startedAt = now;
                }
                else if (_reads == 3)
                {
                    _completedAt = now;
                }

                var status = _reads switch
                {
                    1 => "pending",
                    2 => "in_progress",
                    _ => failureMessage is null ? "completed" : "failed",
                };
                return new JobState(id, type, status, failureMessage, _resultId, createdAt, _startedAt, _completedAt);
            }
        }
    }
}
