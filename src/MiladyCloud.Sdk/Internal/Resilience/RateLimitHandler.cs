using MiladyCloud.Sdk.Internal.RateLimiting;

namespace MiladyCloud.Sdk.Internal.Resilience;

/// <summary>
/// Sits inside the retry handler, so it sees every attempt: a retry is counted against the key's shared counter (the
/// server counts it), and every answer is reported to the tracker, so the replica is corrected even by the answers the
/// retry handler swallows. Attempts of a call that did not pass the gate (no tracker) go through untouched.
/// </summary>
internal sealed class RateLimitHandler(TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(RequestTraits.RateLimits, out var tracker) || request.GetRoute() is not { } route)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var sentAt = clock.GetUtcNow();
        if (!request.TakeFlag(RequestTraits.AttemptCounted))
        {
            await tracker.CountAsync(route, sentAt, cancellationToken).ConfigureAwait(false);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await RateLimitReporter.ReportAsync(tracker, route, request, response, sentAt, clock, cancellationToken).ConfigureAwait(false);
        return response;
    }
}
