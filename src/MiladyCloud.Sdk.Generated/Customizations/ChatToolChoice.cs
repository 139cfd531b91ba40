using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>
/// How the model may use tools: a mode string (<c>none</c>, <c>auto</c>, <c>required</c>) or a named function.
/// The server currently ignores tool choice; it is sent for OpenAI compatibility.
/// </summary>
[JsonConverter(typeof(ChatToolChoiceJsonConverter))]
public sealed class ChatToolChoice
{
    private ChatToolChoice(string? mode, ChatNamedToolChoice? function)
    {
        Mode = mode;
        Function = function;
    }

    /// <summary>The model decides (<c>auto</c>).</summary>
    public static ChatToolChoice Auto { get; } = new("auto", null);

    /// <summary>No tool may be called (<c>none</c>).</summary>
    public static ChatToolChoice None { get; } = new("none", null);

    /// <summary>At least one tool must be called (<c>required</c>).</summary>
    public static ChatToolChoice Required { get; } = new("required", null);

    /// <summary>The mode string, or <see langword="null"/> when a named function is forced.</summary>
    public string? Mode { get; }

    /// <summary>The forced function, or <see langword="null"/> when a mode string is used.</summary>
    public ChatNamedToolChoice? Function { get; }

    /// <summary>Creates a choice from a mode string; any string is accepted.</summary>
    /// <param name="mode">The mode, such as <c>auto</c>.</param>
    /// <returns>The choice.</returns>
    public static ChatToolChoice FromMode(string mode)
        => new(string.IsNullOrWhiteSpace(mode) ? throw new ArgumentException("A tool choice mode must not be empty.", nameof(mode)) : mode, null);

    /// <summary>Forces a call of the named function.</summary>
    /// <param name="functionName">The function name, as declared in the request's tools.</param>
    /// <returns>The choice.</returns>
    public static ChatToolChoice ForFunction(string functionName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        return new(null, new ChatNamedToolChoice { Type = "function", Function = new ChatNamedFunction { Name = functionName } });
    }

    /// <summary>Wraps a named tool choice object.</summary>
    /// <param name="function">The object.</param>
    /// <returns>The choice.</returns>
    public static ChatToolChoice FromObject(ChatNamedToolChoice function)
        => new(null, function ?? throw new ArgumentNullException(nameof(function)));

    /// <inheritdoc />
    public override string ToString() => Mode ?? $"function:{Function!.Function?.Name}";
}
