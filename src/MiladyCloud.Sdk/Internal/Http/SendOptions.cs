namespace MiladyCloud.Sdk.Internal;

/// <summary>How one call is sent: its <see cref="SendFlags"/> and, for routes slow by nature, a longer per-attempt timeout.</summary>
/// <param name="Flags">The route's traits.</param>
/// <param name="MinimumAttemptTimeout">
/// The least time one attempt gets (the server works that long before answering); zero for the configured
/// <see cref="MiladyCloudClientOptions.NetworkTimeout"/>.
/// </param>
internal readonly record struct SendOptions(SendFlags Flags = SendFlags.None, TimeSpan MinimumAttemptTimeout = default)
{
    public static implicit operator SendOptions(SendFlags flags) => new(flags);

    public MiladyCloudRoute Root => Has(SendFlags.SiteRoot) ? MiladyCloudRoute.Site : MiladyCloudRoute.ApiV1;

    public bool Has(SendFlags flag) => (Flags & flag) == flag;
}
