using System.Collections.Concurrent;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The API keys the fake has minted (app keys, created keys) that are currently valid, so a key returned by the fake
/// works against it until it is regenerated, deactivated or deleted, as on the real service.
/// </summary>
internal sealed class FakeKeyRing
{
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);

    public void Add(string key) => _keys[key] = 0;

    public void Remove(string? key)
    {
        if (key is not null)
        {
            _keys.TryRemove(key, out _);
        }
    }

    public bool Contains(string key) => _keys.ContainsKey(key);
}
