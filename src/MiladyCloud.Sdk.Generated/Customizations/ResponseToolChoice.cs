using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>
/// How the model may use tools in a Responses request: a mode string (<c>none</c>, <c>auto</c>, <c>required</c>) or a
/// named function in the flat Responses form, which both of the server's paths accept.
/// </summary>
[JsonConverter(typeof(ResponseToolChoiceJsonConverter))]
public sealed class ResponseToolChoice
{
    private ResponseToolChoice(string? mode, ResponseNamedToolChoice? function)
    {
        Mode = mode;
        Function = function;
    }

    /// <summary>The model decides (<c>auto</c>).</summary>
    public static ResponseToolChoice Auto { get; } = new("auto", null);

    /// <summary>No tool may be called (<c>none</c>).</summary>
    public static ResponseToolChoice None { get; } = new("none", null);

    /// <summary>At least one tool must be called (<c>required</c>).</summary>
    public static ResponseToolChoice Required { get; } = new("required", null);

    /// <summary>The mode string, or <see langword="null"/> when a named function is forced.</summary>
    public string? Mode { get; }

    /// <summary>The forced function, or <see langword="null"/> when a mode string is used.</summary>
    public ResponseNamedToolChoice? Function { get; }

    /// <summary>Creates a choice from a mode string; any string is accepted.</summary>
    /// <param name="mode">The mode, such as <c>auto</c>.</param>
    /// <returns>The choice.</returns>
    public static ResponseToolChoice FromMode(string mode)
        => new(string.IsNullOrWhiteSpace(mode) ? throw new ArgumentException("A tool choice mode must not be empty.", nameof(mode)) : mode, null);

    /// <summary>Forces a call of the named function.</summary>
    /// <param name="functionName">The function name, as declared in the request's tools.</param>
    /// <returns>The choice.</returns>
    public static ResponseToolChoice ForFunction(string functionName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        return new(null, new ResponseNamedToolChoice { Type = "function", Name = functionName });
    }

    /// <summary>Wraps a named tool choice object.</summary>
    /// <param name="function">The object.</param>
    /// <returns>The choice.</returns>
    public static ResponseToolChoice FromObject(ResponseNamedToolChoice function)
        => new(null, function ?? throw new ArgumentNullException(nameof(function)));

    /// <inheritdoc />
    public override string ToString() => Mode ?? $"function:{Function!.Name}";
}
