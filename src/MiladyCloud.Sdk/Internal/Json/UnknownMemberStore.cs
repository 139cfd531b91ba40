using System.Text.Json;
using System.Text.Unicode;

namespace MiladyCloud.Sdk.Internal.Json;

/// <summary>
/// Where the hand-written readers keep the unknown members they skip: the members of one object are copied, as one
/// JSON object, into a byte array of their exact size and handed out as <see cref="UnknownMembers"/>. A stream repeats
/// most of them (<c>system_fingerprint</c>, <c>service_tier</c>, <c>logprobs: null</c>): when an object's unknown
/// members are byte for byte those of the previous object at the same place, that earlier array (never written
/// again) is shared and nothing is copied.
/// </summary>
internal sealed class UnknownMemberStore
{
    /// <summary>Places that remember their previous members: chunk, choice, delta, tool call, function, usage, message.</summary>
    public const int Slots = 8;

    private readonly byte[]?[]? _previous;

    /// <summary>For one-off answers: nothing to remember, so one instance serves every thread.</summary>
    public static UnknownMemberStore Unshared { get; } = new(remember: false);

    /// <param name="remember">Share an array with the next object at the same place when the bytes repeat (streams).</param>
    public UnknownMemberStore(bool remember)
    {
        _previous = remember ? new byte[]?[Slots] : null;
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

        var previous = _previous?[slot];
        if (previous is not null && previous.Length == total && Matches(json, spans, previous))
        {
            return new UnknownMembers(previous);
        }

        var raw = new byte[total];
        raw[0] = (byte)'{';
        var at = 1;
        for (var i = 0; i < spans.Count; i++)
        {
            if (i > 0)
            {
                raw[at++] = (byte)',';
            }

            json.Slice(spans.Start(i), spans.Length(i)).CopyTo(raw.AsSpan(at));
            at += spans.Length(i);
        }

        raw[at] = (byte)'}';
        if (_previous is not null)
        {
            _previous[slot] = raw;
        }

        return new UnknownMembers(raw);
    }

    /// <summary>Compares in place, so a repeat costs no copy.</summary>
    private static bool Matches(ReadOnlySpan<byte> json, in UnknownSpans spans, byte[] previous)
    {
        var at = 1;
        for (var i = 0; i < spans.Count; i++)
        {
            if (i > 0)
            {
                at++;
            }

            var member = json.Slice(spans.Start(i), spans.Length(i));
            if (!member.SequenceEqual(previous.AsSpan(at, member.Length)))
            {
                return false;
            }

            at += member.Length;
        }

        return true;
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
