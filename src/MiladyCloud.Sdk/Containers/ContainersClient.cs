using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Internal.Streaming;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>Container deployments (<c>/containers</c>). Obtain it from <see cref="MiladyCloudClient.Containers"/>.</summary>
public class ContainersClient : CategoryClient
{
    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(60);
    // The server waits for the cloud stack: up to 13 minutes on create, 15 on update and delete.
    private static readonly TimeSpan CreateAllowance = TimeSpan.FromMinutes(13);
    private static readonly TimeSpan StackChangeAllowance = TimeSpan.FromMinutes(16);

    /// <summary>For mocking frameworks.</summary>
    protected ContainersClient()
    {
    }

    internal ContainersClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>Lists the organization's containers.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The containers.</returns>
    public virtual async Task<IReadOnlyList<Container>> ListAsync(CancellationToken cancellationToken = default)
    {
        var envelope = await Pipeline.GetJsonAsync("containers", MiladyCloudJsonContext.Default.ContainerListResponse, cancellationToken).ConfigureAwait(false);
        return envelope.Data.ToList();
    }

    /// <summary>Gets one container, including its current <c>status</c>.</summary>
    /// <param name="containerId">The container id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The container.</returns>
    /// <exception cref="ArgumentException"><paramref name="containerId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual async Task<Container> GetAsync(string containerId, CancellationToken cancellationToken = default)
    {
        var envelope = await Pipeline.GetJsonAsync(ContainerPath(containerId), MiladyCloudJsonContext.Default.ContainerResponse, cancellationToken).ConfigureAwait(false);
        return envelope.Data;
    }

    /// <summary>
    /// Starts a deployment; an existing container of the caller with the same project name is redeployed. A deployment fee
    /// is charged, so after an ambiguous failure the call is not repeated (see
    /// <see cref="MiladyCloudClientOptions.RetryCreditConsumingRequestsOnAmbiguousFailures"/>). The route is rate limited
    /// (5 calls per 5 minutes on the key's shared counter).
    /// </summary>
    /// <param name="settings">The container settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The accepted deployment; poll with <see cref="WaitUntilHealthyAsync"/>.</returns>
    /// <exception cref="ArgumentException">A setting is outside the documented limits.</exception>
    /// <exception cref="MiladyCloudInsufficientCreditsException">The balance does not cover the deployment fee (402).</exception>
    /// <exception cref="MiladyCloudForbiddenException">The organization's container quota is used up (403; the body's <c>quota</c> has the counts).</exception>
    /// <exception cref="MiladyCloudNotFoundException">The image is not in the registry (404).</exception>
    /// <exception cref="MiladyCloudApiException">Another container of the organization has this name (409).</exception>
    /// <exception cref="MiladyCloudServiceUnavailableException">Container deployments are not configured on this server (503).</exception>
    public virtual Task<CreateContainerResponse> CreateAsync(CreateContainerRequest settings, CancellationToken cancellationToken = default)
    {
        ContainerSettingsValidator.Validate(settings);
        return Pipeline.SendJsonAsync(HttpMethod.Post, "containers", settings, MiladyCloudJsonContext.Default.CreateContainerRequest, MiladyCloudJsonContext.Default.CreateContainerResponse, cancellationToken, new SendOptions(SendFlags.ConsumesCredits, CreateAllowance));
    }

    /// <summary>
    /// Updates cpu, memory, port or image and waits for the server to apply it (a cloud stack update of 5-15 minutes).
    /// Each call starts another stack update, so after an ambiguous failure (a timeout or a 500) it is never repeated
    /// automatically: read the container to see where it stands before calling again.
    /// </summary>
    /// <param name="containerId">The container id.</param>
    /// <param name="update">At least one updatable setting.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated container.</returns>
    /// <exception cref="ArgumentException">Nothing to update, a value is out of range, or <paramref name="containerId"/> is not a UUID.</exception>
    public virtual async Task<Container> UpdateAsync(string containerId, UpdateContainerRequest update, CancellationToken cancellationToken = default)
    {
        var path = ContainerPath(containerId);
        ContainerSettingsValidator.Validate(update);
        var envelope = await Pipeline.SendJsonAsync(HttpMethod.Patch, path, update, MiladyCloudJsonContext.Default.UpdateContainerRequest, MiladyCloudJsonContext.Default.UpdateContainerResponse, cancellationToken, new SendOptions(SendFlags.NotIdempotent, StackChangeAllowance)).ConfigureAwait(false);
        return envelope.Data;
    }

    /// <summary>
    /// Tears a container down and waits for it (up to 15 minutes); running containers may get a prorated refund. The
    /// route is rate limited (60 calls per minute on the key's shared counter).
    /// </summary>
    /// <param name="containerId">The container id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result, with any refund.</returns>
    /// <exception cref="ArgumentException"><paramref name="containerId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual Task<DeleteContainerResponse> DeleteAsync(string containerId, CancellationToken cancellationToken = default)
    {
        return Pipeline.SendJsonAsync(HttpMethod.Delete, ContainerPath(containerId), MiladyCloudJsonContext.Default.DeleteContainerResponse, cancellationToken, new SendOptions(SendFlags.None, StackChangeAllowance));
    }

    /// <summary>
    /// Runs a live HTTP health check against the container's URL. <see cref="ContainerHealth.Healthy"/> is
    /// <see langword="false"/> only when the container answered with a status outside 200-299 (a running container is
    /// then marked <c>failed</c>); the server reports a container it cannot reach as an error, not as unhealthy.
    /// </summary>
    /// <param name="containerId">The container id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The check result.</returns>
    /// <exception cref="ArgumentException"><paramref name="containerId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    /// <exception cref="MiladyCloudInvalidRequestException">The container has no URL yet, because it is still deploying (400).</exception>
    /// <exception cref="MiladyCloudInternalServerErrorException">
    /// The container could not be reached: the server's request failed or timed out after 10 seconds (500, <c>fetch failed</c>
    /// or <c>This operation was aborted</c>). While polling, treat it as "not healthy yet".
    /// </exception>
    public virtual async Task<ContainerHealth> GetHealthAsync(string containerId, CancellationToken cancellationToken = default)
    {
        var envelope = await Pipeline.GetJsonAsync(ContainerPath(containerId) + "/health", MiladyCloudJsonContext.Default.ContainerHealthResponse, cancellationToken).ConfigureAwait(false);
        return envelope.Data;
    }

    /// <summary>Gets the organization's container allowance, credit standing, billing, prices and limits.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The quota.</returns>
    public virtual async Task<ContainerQuota> GetQuotaAsync(CancellationToken cancellationToken = default)
    {
        var envelope = await Pipeline.GetJsonAsync("containers/quota", MiladyCloudJsonContext.Default.ContainerQuotaResponse, cancellationToken).ConfigureAwait(false);
        return envelope.Data;
    }

    /// <summary>
    /// Gets registry credentials to push an image for a project (the repository is created if needed). Log in to
    /// <see cref="ContainerCredentials.RegistryEndpoint"/> as <c>AWS</c>, push to <see cref="ContainerCredentials.EcrImageUri"/>,
    /// then pass that URI to <see cref="CreateAsync"/>. The token is a credential; <c>ToString</c> never shows it.
    /// </summary>
    /// <param name="projectId">The project; names the repository.</param>
    /// <param name="version">The version; part of the image tag.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The credentials and image coordinates.</returns>
    /// <exception cref="ArgumentException"><paramref name="projectId"/> or <paramref name="version"/> is empty.</exception>
    public virtual async Task<ContainerCredentials> CreateCredentialsAsync(string projectId, string version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var body = new ContainerCredentialsRequest { ProjectId = projectId, Version = version };
        var envelope = await Pipeline.SendJsonAsync(HttpMethod.Post, "containers/credentials", body, MiladyCloudJsonContext.Default.ContainerCredentialsRequest, MiladyCloudJsonContext.Default.ContainerCredentialsResponse, cancellationToken).ConfigureAwait(false);
        return envelope.Data;
    }

    /// <summary>Lists a container's deployments (from the organization's most recent usage records).</summary>
    /// <param name="containerId">The container id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The container and its deployments.</returns>
    /// <exception cref="ArgumentException"><paramref name="containerId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual async Task<ContainerDeploymentHistory> ListDeploymentsAsync(string containerId, CancellationToken cancellationToken = default)
    {
        var envelope = await Pipeline.GetJsonAsync(ContainerPath(containerId) + "/deployments", MiladyCloudJsonContext.Default.ContainerDeploymentsResponse, cancellationToken).ConfigureAwait(false);
        return envelope.Data;
    }

    /// <summary>Gets the latest 5-minute averages of CPU, memory and network.</summary>
    /// <param name="containerId">The container id.</param>
    /// <param name="periodMinutes">The period in minutes (the server's default is 60); positive.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentException"><paramref name="containerId"/> is not a UUID (the server would fail with a 500 instead of a 404).</exception>
    public virtual async Task<ContainerMetricsReport> GetMetricsAsync(string containerId, int? periodMinutes = null, CancellationToken cancellationToken = default)
    {
        if (periodMinutes is { } minutes)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minutes, nameof(periodMinutes));
        }

        var path = new QueryString().Add("period", periodMinutes).AppendTo(ContainerPath(containerId) + "/metrics");
        var envelope = await Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.ContainerMetricsResponse, cancellationToken).ConfigureAwait(false);
        return envelope.Data;
    }

    /// <summary>
    /// Gets recent log entries, newest first. An entry's <see cref="ContainerLogEntry.Message"/> is usually text; for a
    /// JSON log line it is the line's <c>message</c> as logged, which may be any JSON value (see <see cref="ContainerLogMessage"/>).
    /// </summary>
    /// <param name="containerId">The container id.</param>
    /// <param name="level"><c>all</c> (default), <c>error</c>, <c>warn</c>, <c>info</c> or <c>debug</c>.</param>
    /// <param name="limit">1-500 entries (the server's default is 100).</param>
    /// <param name="since">Only entries after this time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries and the filters applied.</returns>
    /// <exception cref="ArgumentException">An unknown level, a limit outside 1-500, or <paramref name="containerId"/> is not a UUID.</exception>
    public virtual async Task<ContainerLogs> GetLogsAsync(string containerId, string? level = null, int? limit = null, DateTimeOffset? since = null, CancellationToken cancellationToken = default)
    {
        var path = ContainerLogQuery.Build(ContainerPath(containerId) + "/logs", level, limit, since);
        var envelope = await Pipeline.GetJsonAsync(path, MiladyCloudJsonContext.Default.ContainerLogsResponse, cancellationToken).ConfigureAwait(false);
        return envelope.Data;
    }

    /// <summary>
    /// Streams new log entries as they appear; the request is sent when enumeration starts. The server may first
    /// replay up to 50 recent entries, then sends entries newer than the last one seen (within one poll, newest first).
    /// It never ends the stream: it runs until <paramref name="cancellationToken"/> is cancelled or the loop is left,
    /// which closes the connection. Long silences are normal, so no idle deadline applies once the stream is open.
    /// </summary>
    /// <param name="containerId">The container id.</param>
    /// <param name="level"><c>all</c> (default), <c>error</c>, <c>warn</c>, <c>info</c> or <c>debug</c>.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>Log entries and error events, in arrival order.</returns>
    /// <exception cref="ArgumentException">An id that is not a UUID or an unknown level (thrown here, before anything is sent).</exception>
    public virtual ContainerLogStream StreamLogsAsync(string containerId, string? level = null, CancellationToken cancellationToken = default)
    {
        var path = ContainerLogQuery.Build(ContainerPath(containerId) + "/logs/stream", level);
        return new ContainerLogStream(Pipeline.OpenStream(path, new ContainerLogEventDecoder(), default, cancellationToken));
    }

    /// <summary>Polls the container after create or deploy until it is <c>running</c>, with growing delays (5 s doubling to 60 s).</summary>
    /// <param name="containerId">The container id.</param>
    /// <param name="timeout">How long to wait before giving up; deployments usually take 8-12 minutes.</param>
    /// <param name="progress">Receives each observed status.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The running container.</returns>
    /// <exception cref="ArgumentException"><paramref name="containerId"/> is not a UUID, or the timeout is not positive.</exception>
    /// <exception cref="MiladyCloudTimeoutException">The deadline passed first (<see cref="MiladyCloudTimeoutKind.WaitDeadline"/>).</exception>
    /// <exception cref="MiladyCloudException">The deployment ended in <c>failed</c>, <c>stopped</c>, <c>deleting</c> or <c>suspended</c>.</exception>
    public virtual async Task<Container> WaitUntilHealthyAsync(string containerId, TimeSpan timeout, IProgress<ContainerHealthProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        RequestPath.UuidSegment(containerId, nameof(containerId));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var clock = Pipeline.TimeProvider;
        var started = clock.GetTimestamp();
        var delay = FirstPollDelay;
        for (var attempt = 1; ; attempt++)
        {
            var container = await GetAsync(containerId, cancellationToken).ConfigureAwait(false);
            var elapsed = clock.GetElapsedTime(started);
            progress?.Report(new ContainerHealthProgress(attempt, container.Status, elapsed));
            if (container.Status == "running")
            {
                return container;
            }

            if (container.Status is "failed" or "stopped" or "deleting" or "suspended")
            {
                throw new MiladyCloudException(Pipeline.Scrub($"Container {containerId} is {container.Status}: {container.ErrorMessage ?? "no error message"}."));
            }

            var remaining = timeout - elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new MiladyCloudTimeoutException(MiladyCloudTimeoutKind.WaitDeadline, timeout);
            }

            await Task.Delay(delay < remaining ? delay : remaining, clock, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxPollDelay.Ticks));
        }
    }

    private static string ContainerPath(string containerId) => "containers/" + RequestPath.UuidSegment(containerId, nameof(containerId));
}
