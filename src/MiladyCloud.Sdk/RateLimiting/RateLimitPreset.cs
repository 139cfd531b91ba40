namespace MiladyCloud.Sdk;

/// <summary>
/// One of the server's rate-limit presets: how many calls of one key a route allows within its window. The server
/// keeps <b>one counter per key for every rate-limited route</b>; each route compares that shared count with its own
/// preset, so five calls to any routes exhaust a <see cref="Critical"/> route. Routes without a preset are never
/// limited (see <c>docs/rate-limits.md</c>).
/// </summary>
/// <param name="Name">The server's name for the preset (<c>STANDARD</c>, <c>CRITICAL</c> …).</param>
/// <param name="Limit">Calls allowed in one window.</param>
/// <param name="Window">The window's length.</param>
public sealed record RateLimitPreset(string Name, int Limit, TimeSpan Window)
{
    /// <summary>60 calls a minute: most account, knowledge and resource routes.</summary>
    public static RateLimitPreset Standard { get; } = new("STANDARD", 60, TimeSpan.FromMinutes(1));

    /// <summary>10 calls a minute: sensitive operations (key rotation, registry credentials, checkout).</summary>
    public static RateLimitPreset Strict { get; } = new("STRICT", 10, TimeSpan.FromMinutes(1));

    /// <summary>200 calls a minute: chat completions, messages, responses and embeddings.</summary>
    public static RateLimitPreset Relaxed { get; } = new("RELAXED", 200, TimeSpan.FromMinutes(1));

    /// <summary>5 calls in 5 minutes: expensive operations (video generation, container creation, withdrawals).</summary>
    public static RateLimitPreset Critical { get; } = new("CRITICAL", 5, TimeSpan.FromMinutes(5));

    /// <summary>10 calls a second: burst protection.</summary>
    public static RateLimitPreset Burst { get; } = new("BURST", 10, TimeSpan.FromSeconds(1));

    /// <summary>The preset with the given server name, or <see langword="null"/>.</summary>
    /// <param name="name">A name such as <c>STANDARD</c> (case-insensitive).</param>
    /// <returns>The preset, or <see langword="null"/> for an unknown name.</returns>
    public static RateLimitPreset? FromName(string? name) => name?.ToUpperInvariant() switch
    {
        "STANDARD" => Standard,
        "STRICT" => Strict,
        "RELAXED" => Relaxed,
        "CRITICAL" => Critical,
        "BURST" => Burst,
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Limit} per {Window.TotalSeconds:0} s)";
}
