using System.Net;
using MiladyCloud.Sdk.Internal.Resilience;

namespace MiladyCloud.Sdk.Internal.RateLimiting;

/// <summary>Tells the tracker what an answer said about the server's limits.</summary>
internal static class RateLimitReporter
{
    public static async ValueTask ReportAsync(RateLimitTracker tracker, RateLimitRoute route, HttpRequestMessage request, HttpResponseMessage response, DateTimeOffset sentAt, TimeProvider clock, CancellationToken cancellationToken)
    {
        request.SetFlag(RequestTraits.AnswerRecorded, true);
        var info = RateLimitInfo.FromHeaders(response.Headers);
        var body = response.StatusCode == HttpStatusCode.TooManyRequests ? await MiladyCloudResilience.BufferedBodyAsync(response, cancellationToken).ConfigureAwait(false) : null;
        var rejected = response.StatusCode == HttpStatusCode.TooManyRequests && !ErrorResponseReader.IsInsufficientCredits(response.StatusCode, body);
        if (info is null && !rejected)
        {
            return;
        }

        var report = new RateLimitReport
        {
            SentAt = sentAt,
            ReceivedAt = clock.GetUtcNow(),
            // /messages reports missing credits as 429: that is no rate limit, so it is reported as the 402 it means.
            StatusCode = rejected ? HttpStatusCode.TooManyRequests : response.StatusCode == HttpStatusCode.TooManyRequests ? HttpStatusCode.PaymentRequired : response.StatusCode,
            Info = info,
            RetryAfter = rejected ? RetryAfterHeaders.Read(response.Headers, clock, includeReset: true) ?? ErrorBodyParser.Parse(body).RetryAfter : null,
        };
        await tracker.RecordAsync(route, report, cancellationToken).ConfigureAwait(false);
        if (info?.Remaining is { } remaining)
        {
            MiladyCloudTelemetry.RateLimitRemaining.Record(remaining, new KeyValuePair<string, object?>("miladycloud.rate_limit.preset", route.Preset?.Name ?? "none"));
        }
    }

}
