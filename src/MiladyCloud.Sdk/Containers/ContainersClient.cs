using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>Container deployments (<c>/containers</c>). Obtain it from <see cref="MiladyCloudClient.Containers"/>.</summary>
public class ContainersClient : CategoryClient
{
    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(60);
    private static readonly string[] LogLevels = ["all", "error", "warn", "info", "debug"];

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
        var request = Pipeline.CreateRequest(HttpMethod.Get, "containers");
        var envelope = await Pipeline.SendJsonAsync(request, MiladyCloudJsonContext.Default.ContainerListResponse, cancellationToken).ConfigureAwait(false);
        return envelope.Data.ToList();
    }

    /// <summary>Gets one container, including its current <c>status</c>.</summary>
    /// <param name="containerId">The container id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The container.</returns>
    /// <exception cref="ArgumentException"><paramref name="containerId"/> is empty, <c>.</c> or <c>..</c>.</exception>
    public virtual async Task<Container> GetAsync(string containerId, CancellationToken cancellationToken = default)
    {
        var request = Pipeline.CreateRequest(HttpMethod.Get, ContainerPath(containerId));
        var envelope = await Pipeline.SendJsonAsync(request, MiladyCloudJsonContext.Default.ContainerResponse, cancellationToken).ConfigureAwait(false);
        return envelope.Data;
    }

    /// <summary>Starts a deployment; an existing container with the same project name is redeployed. A deployment fee is charged.</summary>
    /// <param name="settings">The container settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The accepted deployment; poll with <see cref="WaitUntilHealthyAsync"/>.</returns>
    /// <exception cref="ArgumentException">A setting is outside the documented limits.</exception>
    public virtual Task<CreateContainerResponse> CreateAsync(CreateContainerRequest settings, CancellationToken cancellationToken = default)
    {
        ContainerSettingsValidator.Validate(settings);
        var request = Pipeline.CreateJsonRequest(HttpMethod.Post, "containers", settings, MiladyCloudJsonContext.Default.CreateContainerRequest);
        return Pipeline.SendJsonAsync(request, MiladyCloudJsonContext.Default.CreateContainerResponse, cancellationToken);
    }

    /// <summary>Updates cpu, memory, port or image and waits for the server to apply it.</summary>
    /// <param name="containerId">The container id.</param>
    /// <param name="update">At least one updatable setting.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated container.</returns>
    /// <exception cref="ArgumentException">Nothing to update, or a value is out of range.</exception>
    public virtual Task<UpdateContainerResponse> UpdateAsync(string containerId, UpdateContainerRequest update, CancellationToken cancellationToken = default)
    {
        var path = ContainerPath(containerId);
        ContainerSettingsValidator.Validate(update);
        var request = Pipeline.CreateJsonRequest(HttpMethod.Patch, path, update, MiladyCloudJsonContext.Default.UpdateContainerRequest);
        return Pipeline.SendJsonAsync(request, MiladyCloudJsonContext.Default.UpdateContainerResponse, cancellationToken);
    }

    /// <summary>Tears a container down; running containers may get a prorated refund.</summary>
    /// <param name="containerId">The container id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result, with any refund.</returns>
    public virtual Task<DeleteContainerResponse> DeleteAsync(string containerId, CancellationToken cancellationToken = default)
    {
        var request = Pipeline.CreateRequest(HttpMethod.Delete, ContainerPath(containerId));
        return Pipeline.SendJsonAsync(request, MiladyCloudJsonContext.Default.DeleteContainerResponse, cancellationToken);
    }

    /// <summary>Runs a live HTTP health check against the container's URL.</summary>
    /// <param name="containerId">The container id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The check result.</returns>
    public virtual async Task<ContainerHealth> GetHealthAsync(string containerId, CancellationToken cancellationToken = default)
    {
        var request = Pipeline.CreateRequest(HttpMethod.Get, ContainerPath(containerId) + "/health");
        var envelope = await Pipeline.SendJsonAsync(request, MiladyCloudJsonContext.Default.ContainerHealthResponse, cancellationToken).ConfigureAwait(false);
        return envelope.Data;
    }

    /// <summary>Streams new log entries as they appear. The server never ends the stream: it runs until <paramref name="cancellationToken"/> is cancelled, which closes the connection.</summary>
    /// <param name="containerId">The container id.</param>
    /// <param name="level"><c>all</c> (default), <c>error</c>, <c>warn</c>, <c>info</c> or <c>debug</c>.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>Log entries and error events (the server keeps polling after an error), in arrival order.</returns>
    public virtual async IAsyncEnumerable<ContainerLogStreamEvent> StreamLogsAsync(string containerId, string? level = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = ContainerPath(containerId) + "/logs/stream";
        if (level is not null)
        {
            if (!LogLevels.Contains(level, StringComparer.Ordinal))
            {
                throw new ArgumentException($"level must be one of {string.Join(", ", LogLevels)}.", nameof(level));
            }

            path += "?level=" + level;
        }

        var request = Pipeline.CreateRequest(HttpMethod.Get, path).MarkStream();
        using var response = await Pipeline.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await Pipeline.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var parser = SseParser.Create(stream, static (_, data) => JsonSerializer.Deserialize(data, MiladyCloudJsonContext.Default.ContainerLogStreamEvent));
            await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                if (item.Data is not null)
                {
                    yield return item.Data;
                }
            }
        }
    }

    /// <summary>Polls the container after create or deploy until it is <c>running</c>, with growing delays (5 s doubling to 60 s).</summary>
    /// <param name="containerId">The container id.</param>
    /// <param name="timeout">How long to wait before giving up; deployments usually take 8-12 minutes.</param>
    /// <param name="progress">Receives each observed status.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The running container.</returns>
    /// <exception cref="MiladyCloudTimeoutException">The deadline passed first (<see cref="MiladyCloudTimeoutKind.WaitDeadline"/>).</exception>
    /// <exception cref="MiladyCloudException">The deployment ended in <c>failed</c>, <c>stopped</c>, <c>deleting</c> or <c>suspended</c>.</exception>
    public virtual async Task<Container> WaitUntilHealthyAsync(string containerId, TimeSpan timeout, IProgress<ContainerHealthProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        RequestPath.Segment(containerId, nameof(containerId));
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
                throw new MiladyCloudException($"Container {containerId} is {container.Status}: {container.ErrorMessage ?? "no error message"}.");
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

    private static string ContainerPath(string containerId) => "containers/" + RequestPath.Segment(containerId, nameof(containerId));
}
