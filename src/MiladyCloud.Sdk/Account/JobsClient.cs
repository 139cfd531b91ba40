using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>Asynchronous jobs (<c>/jobs</c>), such as hosted-agent provisioning. Obtain it from <see cref="MiladyCloudClient.Jobs"/>.</summary>
public class JobsClient : CategoryClient
{
    /// <summary>For mocking frameworks.</summary>
    protected JobsClient()
    {
    }

    internal JobsClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>The interval used when the server advises to continue without saying how long to wait.</summary>
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>Bounds on the server's advice, so a hostile or broken answer can neither spin nor stall the wait.</summary>
    private static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromMinutes(1);

    /// <summary>Gets a job's state and the server's polling advice (<see cref="JobPolling.IntervalMs"/>, <see cref="JobPolling.ShouldContinue"/>).</summary>
    /// <param name="jobId">The job id (a UUID); the job must belong to the caller's organization.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job and the polling advice.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is not a UUID (the service would answer 500).</exception>
    /// <exception cref="MiladyCloudNotFoundException">No such job in the organization.</exception>
    public virtual Task<JobResponse> GetAsync(string jobId, CancellationToken cancellationToken = default)
    {
        return Pipeline.GetJsonAsync("jobs/" + RequestPath.UuidSegment(jobId, nameof(jobId)), MiladyCloudJsonContext.Default.JobResponse, cancellationToken, SendFlags.SuccessFlagInBody);
    }

    /// <summary>
    /// Polls a job as the server advises (its <see cref="JobPolling.IntervalMs"/>, 5 seconds while a job is pending or in
    /// progress) until the advice says to stop, and returns that last answer: <see cref="Job.Status"/> is then
    /// <c>completed</c> (see <see cref="Job.Result"/>) or <c>failed</c> (see <see cref="Job.Error"/>).
    /// </summary>
    /// <param name="jobId">The job id (a UUID).</param>
    /// <param name="timeout">How long to wait at most, measured with the client's time provider.</param>
    /// <param name="progress">Receives every answer, the last one included.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The answer in which the server advised to stop polling.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is not a UUID.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not positive.</exception>
    /// <exception cref="MiladyCloudTimeoutException">The job was still running at the deadline (<see cref="MiladyCloudTimeoutKind.WaitDeadline"/>).</exception>
    public virtual async Task<JobResponse> WaitForCompletionAsync(string jobId, TimeSpan timeout, IProgress<JobResponse>? progress = null, CancellationToken cancellationToken = default)
    {
        RequestPath.UuidSegment(jobId, nameof(jobId));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var clock = Pipeline.TimeProvider;
        var started = clock.GetTimestamp();
        while (true)
        {
            var job = await GetAsync(jobId, cancellationToken).ConfigureAwait(false);
            progress?.Report(job);
            if (job.Polling is not { ShouldContinue: true } advice)
            {
                return job;
            }

            var remaining = timeout - clock.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new MiladyCloudTimeoutException(MiladyCloudTimeoutKind.WaitDeadline, timeout);
            }

            var interval = AdvisedInterval(advice);
            await Task.Delay(interval < remaining ? interval : remaining, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan AdvisedInterval(JobPolling advice)
    {
        if (advice.IntervalMs is not { } ms)
        {
            return DefaultPollInterval;
        }

        var interval = TimeSpan.FromMilliseconds(Math.Clamp(ms, (long)MinPollInterval.TotalMilliseconds, (long)MaxPollInterval.TotalMilliseconds));
        return interval;
    }
}
