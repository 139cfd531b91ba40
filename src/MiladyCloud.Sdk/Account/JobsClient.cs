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

    /// <summary>Gets a job's state and the server's polling advice (<see cref="JobPolling.IntervalMs"/>, <see cref="JobPolling.ShouldContinue"/>).</summary>
    /// <param name="jobId">The job id; the job must belong to the caller's organization.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job and the polling advice.</returns>
    /// <exception cref="ArgumentException"><paramref name="jobId"/> is empty, <c>.</c> or <c>..</c>.</exception>
    /// <exception cref="NotFoundException">No such job in the organization.</exception>
    public virtual Task<JobResponse> GetAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var request = Pipeline.CreateRequest(HttpMethod.Get, "jobs/" + RequestPath.Segment(jobId, nameof(jobId)));
        return SuccessFlagJson.SendAsync(Pipeline, request, MiladyCloudJsonContext.Default.JobResponse, cancellationToken);
    }
}
