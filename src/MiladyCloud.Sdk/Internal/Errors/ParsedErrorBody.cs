using System.Text.Json;

namespace MiladyCloud.Sdk.Internal;

/// <summary>What could be read from an error body, whichever of the server's envelopes it used.</summary>
internal sealed record ParsedErrorBody
{
    public static readonly ParsedErrorBody Empty = new();

    public string? Message { get; init; }

    public string? Code { get; init; }

    public string? Type { get; init; }

    public JsonElement? Details { get; init; }

    /// <summary>
    /// The underlying reason when the body gives one apart from its headline: a text <c>details</c> (the knowledge routes
    /// answer <c>{error:"Failed to …", details:"Invalid or expired API key"}</c>) or <c>originalError</c> (video).
    /// </summary>
    public string? Cause { get; init; }

    public string? RequestId { get; init; }

    public decimal? Required { get; init; }

    public decimal? Balance { get; init; }

    /// <summary>The body's own <c>retryAfter</c> (shape B sends seconds; shape E sometimes text such as "5 minutes").</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary><see langword="true"/> when the body said <c>"success": false</c>.</summary>
    public bool SuccessFalse { get; init; }
}
