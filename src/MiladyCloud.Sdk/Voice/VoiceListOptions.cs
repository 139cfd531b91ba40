using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>Filters and window of <see cref="VoiceClient.ListAsync"/>; every member left out takes the server's default.</summary>
public sealed class VoiceListOptions
{
    /// <summary>Also list deleted and deactivated voices (deletion is soft).</summary>
    public bool IncludeInactive { get; init; }

    /// <summary>Only voices of this clone type.</summary>
    public VoiceCloneType? CloneType { get; init; }

    /// <summary>Window size, 1–100; the server's default is 50.</summary>
    public int? Limit { get; init; }

    /// <summary>Voices to skip, at least 0.</summary>
    public int? Offset { get; init; }
}
