using System.Globalization;
using System.Net;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// A container's logs: <c>GET /containers/{id}/logs</c> (recent lines, newest first, with the service's filters) and
/// <c>GET /containers/{id}/logs/stream</c> (the same lines as SSE, then silence until the client leaves). The lines are
/// <see cref="FakeReplies.ContainerLogLines"/>, 100 ms apart, the first the newest; levels are read by
/// <see cref="ContainerLogParser"/>.
/// </summary>
internal sealed class ContainerLogsResponder(FakeReplies replies, TimeProvider clock)
{
    private const int MaxLimit = 500;
    private const string NotDeployed = "Container has not been deployed to ECS yet. Logs will be available once deployment is complete.";

    public FakeResponse? Route(FakeCall call, string rest, FakeContainer container) => rest switch
    {
        "logs" => Recent(call, container),
        "logs/stream" => Stream(container, Level(call)),
        _ => null,
    };

    /// <summary>Limit clamped to 1–500 (100 when absent or not a number), <c>since</c> passed on, any <c>level</c> filters.</summary>
    private FakeResponse Recent(FakeCall call, FakeContainer container)
    {
        if (container.ServiceArn is null)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, NotDeployed);
        }

        var limit = Math.Clamp(ContainersResponder.ParseInt(call.QueryValue("limit")) ?? 100, 1, MaxLimit);
        var since = call.QueryValue("since");
        var level = Level(call);
        var raw = Lines().Where(l => After(l.Timestamp, since)).Take(limit).ToList();
        var parsed = raw.Select(l => (l.Timestamp, Entry: ContainerLogParser.Parse(l.Text))).Where(l => level == "all" || l.Entry.Level == level).ToList();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartObject("data");
            w.WriteStartObject("container");
            w.WriteString("id", container.Id);
            w.WriteString("name", container.Name);
            w.WriteString("status", container.Status);
            FakeFormat.WriteNullable(w, "ecs_service_arn", container.ServiceArn);
            w.WriteEndObject();
            w.WriteStartArray("logs");
            parsed.ForEach(l => l.Entry.Write(w, l.Timestamp));
            w.WriteEndArray();
            w.WriteNumber("total", parsed.Count);
            w.WriteBoolean("hasLogs", raw.Count > 0);
            if (raw.Count == 0)
            {
                w.WriteString("message", "No logs available yet. Logs may take a few moments to appear after deployment.");
            }

            w.WriteStartObject("filters");
            w.WriteNumber("limit", limit);
            FakeFormat.WriteNullable(w, "since", since);
            w.WriteString("level", level);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    /// <summary>
    /// The configured log lines, newest first as the server sends a poll, then silence with keep-alives until the client
    /// leaves. Like the list, it needs the ECS service, which exists once the container has first come up.
    /// </summary>
    private FakeResponse Stream(FakeContainer container, string level)
    {
        if (container.ServiceArn is null)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, NotDeployed);
        }

        var events = Lines()
            .Select(l => (l.Timestamp, Entry: ContainerLogParser.Parse(l.Text)))
            .Where(l => level == "all" || l.Entry.Level == level)
            .Select(l => JsonText.DataFrame(JsonText.Object(w =>
            {
                w.WriteString("type", "log");
                w.WritePropertyName("data");
                l.Entry.Write(w, l.Timestamp);
            })))
            .ToList();
        return new FakeResponse
        {
            Events = events,
            TerminalEvent = ": keepalive\n\n",
            KeepOpen = true,
            ErrorEvent = fault => JsonText.DataFrame(JsonText.Object(w =>
            {
                w.WriteString("type", "error");
                w.WriteString("message", fault.Message ?? "Failed to read logs");
            })),
        };
    }

    private static string Level(FakeCall call) => call.QueryValue("level") is { Length: > 0 } given ? given : "all";

    private List<(DateTimeOffset Timestamp, string Text)> Lines()
    {
        var now = clock.GetUtcNow();
        return replies.ContainerLogLines.Select((line, i) => (now - TimeSpan.FromMilliseconds(i * 100), line)).ToList();
    }

    /// <summary>CloudWatch's start time is inclusive; a <c>since</c> that is not a time filters nothing here.</summary>
    private static bool After(DateTimeOffset timestamp, string? since)
        => since is null || !DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start) || timestamp >= start;
}
