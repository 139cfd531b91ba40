using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>
/// One embedding vector. The server sends a JSON array of numbers, or a base64 string of little-endian
/// float32 values when <c>encoding_format</c> is <c>base64</c>; both are read straight into one float array.
/// </summary>
[JsonConverter(typeof(EmbeddingVectorJsonConverter))]
public sealed class EmbeddingVector
{
    private readonly float[] _values;

    /// <summary>Wraps the given values without copying them.</summary>
    /// <param name="values">The vector components.</param>
    public EmbeddingVector(float[] values) => _values = values ?? throw new ArgumentNullException(nameof(values));

    /// <summary>The vector components.</summary>
    public ReadOnlyMemory<float> Memory => _values;

    /// <summary>The vector components as a span.</summary>
    public ReadOnlySpan<float> Span => _values;

    /// <summary>The number of dimensions.</summary>
    public int Length => _values.Length;

    /// <summary><see langword="true"/> when the server sent the base64 form; it is written back in that form.</summary>
    public bool WasBase64 { get; init; }

    /// <summary>Returns the underlying array (no copy); do not modify it while others read the vector.</summary>
    /// <returns>The components.</returns>
    public float[] ToArray() => _values;

    /// <inheritdoc />
    public override string ToString() => $"EmbeddingVector[{_values.Length}]";
}
