using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>
/// The text of a container log entry. The service copies the <c>message</c> member of a JSON log line as it was
/// logged, so besides the usual string it can be any JSON value (a number, an object, …); such an entry is kept
/// whole instead of failing the list or the live stream. <see cref="Text"/> is always set: the string itself, or the
/// JSON text of any other value.
/// </summary>
[JsonConverter(typeof(ContainerLogMessageJsonConverter))]
public sealed class ContainerLogMessage : IEquatable<ContainerLogMessage>
{
    private ContainerLogMessage(string text, JsonElement? value)
    {
        Text = text;
        Value = value;
    }

    /// <summary>The message as text: the string itself, or the JSON text of a value that is not a string (such as <c>42</c> or <c>{"code":7}</c>).</summary>
    public string Text { get; }

    /// <summary>The value as logged when it is not a string (number, boolean, object or array); <see langword="null"/> for a string.</summary>
    public JsonElement? Value { get; }

    /// <summary><see langword="true"/> when the service sent a string (the usual case).</summary>
    public bool IsText => Value is null;

    /// <summary>Creates the string form.</summary>
    /// <param name="text">The message.</param>
    /// <returns>The value.</returns>
    public static ContainerLogMessage FromText(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

    /// <summary>Creates a message from any JSON value; a JSON string becomes the string form.</summary>
    /// <param name="value">The value as logged.</param>
    /// <returns>The value.</returns>
    public static ContainerLogMessage FromJson(JsonElement value)
        => value.ValueKind == JsonValueKind.String ? new(value.GetString()!, null) : new(value.GetRawText(), value.Clone());

    /// <summary>Lets a plain string stand for the string form.</summary>
    /// <param name="text">The message.</param>
    public static implicit operator ContainerLogMessage(string text) => FromText(text);

    /// <summary>The message as text (<see cref="Text"/>), or <see langword="null"/> for no message.</summary>
    /// <param name="message">The message.</param>
    public static implicit operator string?(ContainerLogMessage? message) => message?.Text;

    /// <summary>Compares the form and the JSON text.</summary>
    /// <param name="other">The other message.</param>
    /// <returns>Whether both hold the same value.</returns>
    public bool Equals(ContainerLogMessage? other) => other is not null && IsText == other.IsText && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ContainerLogMessage);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(IsText, StringComparer.Ordinal.GetHashCode(Text));

    /// <summary>The message as text.</summary>
    /// <returns><see cref="Text"/>.</returns>
    public override string ToString() => Text;
}
