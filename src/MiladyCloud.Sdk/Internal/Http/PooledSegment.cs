using System.Buffers;

namespace MiladyCloud.Sdk.Internal;

/// <summary>One pooled array of a <see cref="PooledContent"/>, linked to the next so the body reads as one sequence.</summary>
internal sealed class PooledSegment : ReadOnlySequenceSegment<byte>
{
    public PooledSegment(int size, PooledSegment? previous)
    {
        Array = ArrayPool<byte>.Shared.Rent(size);
        if (previous is not null)
        {
            RunningIndex = previous.RunningIndex + previous.Length;
            previous.Next = this;
        }
    }

    /// <summary>The rented array; only its first <see cref="Length"/> bytes are body.</summary>
    public byte[] Array { get; }

    public int Length { get; private set; }

    public int Free => Array.Length - Length;

    public Memory<byte> FreeMemory => Array.AsMemory(Length);

    public void Advance(int count)
    {
        Length += count;
        Memory = Array.AsMemory(0, Length);
    }

    public void Return() => ArrayPool<byte>.Shared.Return(Array);
}
