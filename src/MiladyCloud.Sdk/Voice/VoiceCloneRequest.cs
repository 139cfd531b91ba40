using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>What <see cref="VoiceClient.CreateCloneAsync"/> sends: the voice's name and type, and its audio samples.</summary>
public sealed class VoiceCloneRequest
{
    /// <summary>The voice name (required, not blank).</summary>
    public required string Name { get; init; }

    /// <summary><see cref="VoiceCloneType.Instant"/> (seconds, from a few samples) or <see cref="VoiceCloneType.Professional"/> (long training; the server estimates 30–60 minutes).</summary>
    public required VoiceCloneType CloneType { get; init; }

    /// <summary>The samples: 1–10 audio files (<see cref="VoiceLimits"/>), each non-empty, of an <c>audio/*</c> type.</summary>
    public required IReadOnlyList<AudioFile> Samples { get; init; }

    /// <summary>A description; optional.</summary>
    public string? Description { get; init; }

    /// <summary>Voice settings stored with the voice; <c>language</c> (such as <c>"en"</c>, the default) is the cloning language.</summary>
    public IDictionary<string, JsonElement>? Settings { get; init; }
}
