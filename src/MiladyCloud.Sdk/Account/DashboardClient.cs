using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>The account dashboard (<c>/dashboard</c>). Obtain it from <see cref="MiladyCloudClient.Dashboard"/>.</summary>
public class DashboardClient : CategoryClient
{
    /// <summary>For mocking frameworks.</summary>
    protected DashboardClient()
    {
    }

    internal DashboardClient(MiladyCloudPipeline pipeline)
        : base(pipeline)
    {
    }

    /// <summary>
    /// Gets usage counters, onboarding progress, the caller's agents and the organization's containers. The server
    /// answers authentication failures on this route with a 500 whose body it does not define.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dashboard.</returns>
    public virtual Task<Dashboard> GetAsync(CancellationToken cancellationToken = default)
        => Pipeline.GetJsonAsync("dashboard", MiladyCloudJsonContext.Default.Dashboard, cancellationToken, SendFlags.SuccessFlagInBody);
}
