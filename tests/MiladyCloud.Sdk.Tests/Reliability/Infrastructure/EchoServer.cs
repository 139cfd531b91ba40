using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.Tests.Reliability.Infrastructure;

/// <summary>
/// A keep-alive loopback server for load tests: each chat request is answered with its own user message echoed
/// back (as JSON, or as an event stream of two chunks when <c>stream</c> is set), so a mixed-up answer is detected.
/// </summary>
internal static partial class EchoServer
{
    public static RawServer Start() => new(ServeAsync);

    private static async Task ServeAsync(RawConnection connection)
    {
        while (await connection.ReadRequestAsync() is { } request)
        {
            var marker = Marker().Match(request.Body).Groups[1].Value;
            if (request.Body.Contains("\"stream\":true", StringComparison.Ordinal))
            {
                var body = Faults.ChatChunk(marker[..(marker.Length / 2)]) + Faults.ChatChunk(marker[(marker.Length / 2)..]) + Faults.Done;
                await connection.RespondAsync(200, body, "text/event-stream");
            }
            else
            {
                await connection.RespondAsync(200, Faults.Completion.Replace("\"content\":\"ok\"", $"\"content\":\"{marker}\"", StringComparison.Ordinal));
            }
        }
    }

    [GeneratedRegex("\"content\":\"(call-[0-9]+)\"")]
    private static partial Regex Marker();
}
