using System.Text.Json;

namespace MiladyCloud.Sdk.Internal.Streaming;

/// <summary>
/// A string member that every event of a stream repeats (id, model, object): when the bytes equal the previous
/// event's, the previous string is returned instead of a new one.
/// </summary>
internal struct RepeatedString
{
    private byte[]? _bytes;
    private int _length;
    private string? _value;

    /// <summary>The reader is on a string token.</summary>
    public string Read(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return reader.GetString()!;
        }

        var raw = reader.ValueSpan;
        if (_value is not null && raw.SequenceEqual(_bytes.AsSpan(0, _length)))
        {
            return _value;
        }

        if (_bytes is null || _bytes.Length < raw.Length)
        {
            _bytes = new byte[Math.Max(raw.Length, 64)];
        }

        raw.CopyTo(_bytes);
        _length = raw.Length;
        return _value = reader.GetString()!;
    }
}
