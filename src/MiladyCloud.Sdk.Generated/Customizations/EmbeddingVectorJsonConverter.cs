using System.Buffers;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiladyCloud.Sdk.Models;

/// <summary>Reads a float array or a base64 float32 string into an <see cref="EmbeddingVector"/> without intermediate lists.</summary>
public sealed class EmbeddingVectorJsonConverter : JsonConverter<EmbeddingVector>
{
    private const int InitialCapacity = 1536;

    /// <inheritdoc />
    public override EmbeddingVector? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return reader.TokenType switch
        {
            JsonTokenType.StartArray => new EmbeddingVector(ReadArray(ref reader)),
            JsonTokenType.String => new EmbeddingVector(ReadBase64(ref reader)) { WasBase64 = true },
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected an array or a base64 string for an embedding, got {reader.TokenType}."),
        };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, EmbeddingVector value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.WasBase64)
        {
            writer.WriteBase64StringValue(MemoryMarshal.AsBytes(value.Span));
            return;
        }

        writer.WriteStartArray();
        foreach (var component in value.Span)
        {
            writer.WriteNumberValue(component);
        }

        writer.WriteEndArray();
    }

    private static float[] ReadArray(ref Utf8JsonReader reader)
    {
        var buffer = ArrayPool<float>.Shared.Rent(InitialCapacity);
        var count = 0;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (count == buffer.Length)
                {
                    var larger = ArrayPool<float>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<float>.Shared.Return(buffer);
                    buffer = larger;
                }

                buffer[count++] = reader.GetSingle();
            }

            return buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static float[] ReadBase64(ref Utf8JsonReader reader)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Base64 embeddings are little-endian float32; big-endian hosts are not supported.");
        }

        // The common case decodes straight into the result: no intermediate byte array, no copy.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var encoded = reader.ValueSpan;
            var values = new float[Base64.GetMaxDecodedFromUtf8Length(encoded.Length) / sizeof(float)];
            var status = Base64.DecodeFromUtf8(encoded, MemoryMarshal.AsBytes(values.AsSpan()), out _, out var written);
            if (status == OperationStatus.Done && written % sizeof(float) == 0)
            {
                return written == values.Length * sizeof(float) ? values : values[..(written / sizeof(float))];
            }
        }

        var bytes = reader.GetBytesFromBase64();
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new JsonException($"A base64 embedding must decode to a whole number of float32 values; got {bytes.Length} bytes.");
        }

        var copy = new float[bytes.Length / sizeof(float)];
        bytes.AsSpan().CopyTo(MemoryMarshal.AsBytes(copy.AsSpan()));
        return copy;
    }
}
