using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace MiladyCloud.Sdk.Internal.Json;

/// <summary>
/// The extension data of an object read by a hand-written reader: the members this SDK does not know, kept as their
/// raw UTF-8 text (an object <c>{"a":…,"b":…}</c>) and turned into the <see cref="JsonElement"/> dictionary the
/// generated serializer would have built only when someone looks at it. Most callers never do, so a stream pays for a
/// slice of bytes instead of a dictionary and a document per member. Behaves as a plain mutable dictionary.
/// </summary>
internal sealed class UnknownMembers : IDictionary<string, JsonElement>, IReadOnlyDictionary<string, JsonElement>
{
    /// <summary>
    /// The raw text (a <see cref="T:byte[]"/> that other objects of the stream may share; never written to), then the
    /// dictionary: one field keeps the object at 24 bytes, as it is built for every chunk of a stream.
    /// </summary>
    private object _state;

    /// <param name="raw">A JSON object holding only the unknown members, already checked by a reader.</param>
    public UnknownMembers(byte[] raw) => _state = raw;

    /// <summary>The raw text while nothing has asked for the members (tests and diagnostics).</summary>
    public bool IsMaterialized => _state is Dictionary<string, JsonElement>;

    private Dictionary<string, JsonElement> Members => _state as Dictionary<string, JsonElement> ?? Materialize();

    public JsonElement this[string key]
    {
        get => Members[key];
        set => Members[key] = value;
    }

    public ICollection<string> Keys => Members.Keys;

    public ICollection<JsonElement> Values => Members.Values;

    IEnumerable<string> IReadOnlyDictionary<string, JsonElement>.Keys => Members.Keys;

    IEnumerable<JsonElement> IReadOnlyDictionary<string, JsonElement>.Values => Members.Values;

    public int Count => Members.Count;

    public bool IsReadOnly => false;

    public void Add(string key, JsonElement value) => Members.Add(key, value);

    public void Add(KeyValuePair<string, JsonElement> item) => ((ICollection<KeyValuePair<string, JsonElement>>)Members).Add(item);

    public void Clear() => Members.Clear();

    public bool Contains(KeyValuePair<string, JsonElement> item) => ((ICollection<KeyValuePair<string, JsonElement>>)Members).Contains(item);

    public bool ContainsKey(string key) => Members.ContainsKey(key);

    public void CopyTo(KeyValuePair<string, JsonElement>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, JsonElement>>)Members).CopyTo(array, arrayIndex);

    public bool Remove(string key) => Members.Remove(key);

    public bool Remove(KeyValuePair<string, JsonElement> item) => ((ICollection<KeyValuePair<string, JsonElement>>)Members).Remove(item);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out JsonElement value) => Members.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, JsonElement>> GetEnumerator() => Members.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Each value becomes its own document, as the generated serializer stores extension data; a repeated name keeps
    /// the last value, as it does.
    /// </summary>
    private Dictionary<string, JsonElement> Materialize()
    {
        var state = Volatile.Read(ref _state);
        if (state is not byte[] raw)
        {
            return (Dictionary<string, JsonElement>)state;
        }

        var reader = new Utf8JsonReader(raw);
        reader.Read();
        var members = new Dictionary<string, JsonElement>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            members[name] = JsonElement.ParseValue(ref reader);
        }

        // Two readers racing here build equal dictionaries; one of them wins and the raw text is let go.
        return Interlocked.CompareExchange(ref _state, members, raw) as Dictionary<string, JsonElement> ?? members;
    }
}
