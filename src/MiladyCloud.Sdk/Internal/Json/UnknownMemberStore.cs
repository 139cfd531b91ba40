using System.Text.Json;
using System.Text.Unicode;

namespace MiladyCloud.Sdk.Internal.Json;

/// <summary>
/// Where the hand-written readers keep the unknown members they skip: the members of one object are copied, as one
/// JSON object, into an append-only arena shared by every object the store serves (a stream's chunks, or one answer),
/// and handed out as <see cref="UnknownMembers"/>. A stream repeats most of them (<c>system_fingerprint</c>,
/// <c>service_tier</c>, <c>logprobs: null</c>): when an object's unknown members are byte for byte those of the
/// previous object at the same place, the earlier copy is shared (it is never written again) and nothing is copied.
/// </summary>
internal sealed class UnknownMemberStore
{
    /// <summary>Places that remember their previous members: chunk, choice, delta, tool call, function, usage, message.</summary>
    public const int Slots = 8;

    private readonly int _chunkSize;
    private readonly ReadOnlyMemory<byte>[]? _previous;
    private byte[]? _arena;
    private int _used;

    /// <param name="chunkSize">The size of each arena block.</param>
    /// <param name="remember">Share a copy with the next object at the same place when the bytes repeat (streams).</param>
    public UnknownMemberStore(int chunkSize, bool remember)
    {
        _chunkSize = chunkSize;
        _previous = remember ? new ReadOnlyMemory<byte>[Slots] : null;
    }

    /// <summary>The members recorded in <paramref name="spans"/> (slices of <paramref name="json"/>), or <see langword="null"/> when there are none.</summary>
    public UnknownMembers? Create(ReadOnlySpan<byte> json, in UnknownSpans spans, int slot)
    {
        if (spans.Count == 0)
        {
            return null;
        }

        var total = 1 + spans.Count;
        for (var i = 0; i < spans.Count; i++)
        {
            total += spans.Length(i);
        }

        if (_arena is null || _arena.Length - _used < total)
        {
            _arena = new byte[Math.Max(_chunkSize, total)];
            _used = 0;
        }

        var target = _arena.AsSpan(_used, total);
        target[0] = (byte)'{';
        var at = 1;
        for (var i = 0; i < spans.Count; i++)
        {
            if (i > 0)
            {
                target[at++] = (byte)',';
            }

            json.Slice(spans.Start(i), spans.Length(i)).CopyTo(target[at..]);
            at += spans.Length(i);
        }

        target[at] = (byte)'}';
        if (_previous is not null)
        {
            ref var previous = ref _previous[slot];
            if (previous.Length == total && previous.Span.SequenceEqual(target))
            {
                return new UnknownMembers(previous);
            }

            previous = new ReadOnlyMemory<byte>(_arena, _used, total);
            _used += total;
            return new UnknownMembers(previous);
        }

        var raw = new ReadOnlyMemory<byte>(_arena, _used, total);
        _used += total;
        return new UnknownMembers(raw);
    }

    /// <summary>
    /// With the reader on the name of a member this reader does not know, skips its value and records where the member
    /// lies. An escaped name or one that is not valid UTF-8 returns <see langword="false"/>: the general path decides
    /// what such a name means (it may be a known member written with escapes).
    /// </summary>
    public static bool Skip(ref Utf8JsonReader reader, ref UnknownSpans spans)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || !Utf8.IsValid(reader.ValueSpan))
        {
            return false;
        }

        var start = (int)reader.TokenStartIndex;
        if (!reader.Read())
        {
            return false;
        }

        reader.Skip();
        return spans.TryAdd(start, (int)reader.BytesConsumed);
    }
}
