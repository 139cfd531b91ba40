using System.Net;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>What a responder decided to send; the router turns it into WireMock's response.</summary>
internal sealed class FakeResponse
{
    public HttpStatusCode Status { get; init; } = HttpStatusCode.OK;

    public string ContentType { get; init; } = "application/json";

    public string? Body { get; init; }

    /// <summary>A binary body (audio), sent instead of <see cref="Body"/>.</summary>
    public byte[]? Bytes { get; init; }

    /// <summary>Complete SSE frames (each ending with a blank line), for streaming responses.</summary>
    public IReadOnlyList<string>? Events { get; init; }

    /// <summary>The SSE frame that marks a clean end (<c>[DONE]</c> or <c>message_stop</c>), sent last.</summary>
    public string? TerminalEvent { get; init; }

    /// <summary>The stream never ends on its own (the container log stream): after the terminal frame it stays open until the client leaves or the fake stops.</summary>
    public bool KeepOpen { get; init; }

    /// <summary>Builds the in-band error frame for a <see cref="FakeFaultKind.StreamError"/>.</summary>
    public Func<FakeFault, string>? ErrorEvent { get; init; }

    /// <summary>How long the fake works (by its clock) before answering, like a synchronous generation.</summary>
    public TimeSpan Delay { get; init; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static FakeResponse Json(string body, HttpStatusCode status = HttpStatusCode.OK) => new() { Body = body, Status = status };
}
