using System.Text.Json;
using MiladyCloud.Sdk.LiveTests.Infrastructure;

namespace MiladyCloud.Sdk.Tests.Testing.Recordings;

/// <summary>One request of a live test and the server's answer (credentials masked).</summary>
internal sealed record LiveExchange(
    int Index,
    string Method,
    string Target,
    IReadOnlyDictionary<string, string> RequestHeaders,
    string? RequestBody,
    int Status,
    IReadOnlyDictionary<string, string> ResponseHeaders,
    JsonElement? Json)
{
    /// <summary>The <paramref name="index"/>th exchange of a recording, as the live suite reads it.</summary>
    public static LiveExchange From(RecordedExchange exchange, int index) => new(
        index,
        exchange.Request.Method,
        exchange.Request.Target,
        Headers(exchange.Request.Headers),
        exchange.Request.Text,
        exchange.Response.Status,
        Headers(exchange.Response.Headers),
        exchange.Response.Json is { } json ? JsonSerializer.SerializeToElement(json) : null);

    /// <summary>The path without the query.</summary>
    public string Path => Target.Split('?')[0];

    public string? ResponseHeader(string name) => ResponseHeaders.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"#{Index} {Method} {Target} ({Status})";

    // The serializer fills the recording's header maps with its own, case-sensitive comparer.
    private static Dictionary<string, string> Headers(IDictionary<string, string> headers)
        => new(headers, StringComparer.OrdinalIgnoreCase);
}
