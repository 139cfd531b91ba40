using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>
/// Voice cloning jobs (<c>/voice/jobs</c>). Obtain it from <see cref="VoiceClient.CloneJobs"/>. The service clones
/// while the clone call is open, so a job is listed only during such a call (one made elsewhere, say in the dashboard,
/// or one whose answer was lost); once it finishes, completed or failed, it is no longer listed.
/// </summary>
public class VoiceCloneJobsClient : CategoryClient
{
    /// <summary>
    /// How often an instant clone's job is polled: the service estimates such a clone at 30 seconds
    /// (<see cref="VoiceCloneResponse.EstimatedCompletionTime"/>).
    /// </summary>
    public static readonly TimeSpan InstantPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>How often a professional clone's job is polled: the service estimates such a clone at 30–60 minutes.</summary>
    public static readonly TimeSpan ProfessionalPollInterval = TimeSpan.FromMinutes(1);

    /// <summary>For mocking frameworks.</summary>
    protected VoiceCloneJobsClient()
    {
    }

    internal VoiceCloneJobsClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Lists the caller's active (pending or processing) cloning jobs, newest first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The active jobs.</returns>
    public virtual Task<VoiceCloneJobList> ListAsync(CancellationToken cancellationToken = default)
        => Pipeline.GetJsonAsync("voice/jobs", MiladyCloudJsonContext.Default.VoiceCloneJobList, cancellationToken);

    /// <summary>
    /// Polls the active jobs until <paramref name="jobId"/> is no longer among them, at the pace the service's estimate
    /// for its type advises (<see cref="InstantPollInterval"/>, <see cref="ProfessionalPollInterval"/>). The route does
    /// not show how a job ended: look for the voice with <see cref="VoiceClient.ListAsync"/> (a failed clone creates
    /// none).
    /// </summary>
    /// <param name="jobId">The job id (a UUID), from <see cref="VoiceCloneResponse.Job"/> or <see cref="ListAsync"/>.</param>
    /// <param name="timeout">How long to wait at most, measured with the client's time provider.</param>
    /// <param name="progress">Receives the job's state at every poll while it is active.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The job's last state seen while it was active, or <see langword="null"/> when it was not active at the first poll (already finished, or not the caller's).</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is not a UUID.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not positive.</exception>
    /// <exception cref="MiladyCloudTimeoutException">The job was still active at the deadline (<see cref="MiladyCloudTimeoutKind.WaitDeadline"/>).</exception>
    public virtual async Task<VoiceCloneJob?> WaitForCompletionAsync(string jobId, TimeSpan timeout, IProgress<VoiceCloneJob>? progress = null, CancellationToken cancellationToken = default)
    {
        RequestPath.UuidSegment(jobId, nameof(jobId));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var clock = Pipeline.TimeProvider;
        var started = clock.GetTimestamp();
        VoiceCloneJob? last = null;
        while (true)
        {
            var jobs = await ListAsync(cancellationToken).ConfigureAwait(false);
            var job = jobs.Jobs.FirstOrDefault(j => string.Equals(j.Id, jobId, StringComparison.OrdinalIgnoreCase));
            if (job is null)
            {
                return last;
            }

            last = job;
            progress?.Report(job);
            var remaining = timeout - clock.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new MiladyCloudTimeoutException(MiladyCloudTimeoutKind.WaitDeadline, timeout);
            }

            var interval = job.JobType == VoiceCloneType.Professional ? ProfessionalPollInterval : InstantPollInterval;
            await Task.Delay(interval < remaining ? interval : remaining, clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
