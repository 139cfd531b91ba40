using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace MiladyCloud.Sdk.Redis.Internal;

/// <summary>
/// The Redis keys of one API key's shared state. They are named by an HMAC-SHA256 of the API key (never the key
/// itself) and share one hash tag, so a Redis cluster keeps them in one slot and one script may touch them all.
/// </summary>
internal sealed class FleetKeys
{
    private readonly string _root;

    public FleetKeys(string prefix, string secret, string apiKey)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(apiKey));
        // 128 bits are plenty to keep keys apart, and the name stays short.
        _root = $"{prefix}:{{{Convert.ToHexStringLower(mac.AsSpan(0, 16))}}}:";
        Log = _root + "log";
        Calls = _root + "calls";
        Window = _root + "window";
        State = _root + "state";
    }

    /// <summary>The sliding log (<c>redis</c> policy): a sorted set of counted calls by time.</summary>
    public RedisKey Log { get; }

    /// <summary>The fleet's own calls by time, whatever the policy (to tell which calls an answer already counted).</summary>
    public RedisKey Calls { get; }

    /// <summary>The fixed window (<c>in-memory</c> policy): count and reset.</summary>
    public RedisKey Window { get; }

    /// <summary>The server's latest report and policy, and when the server's sliding log expires.</summary>
    public RedisKey State { get; }

    /// <summary>A hold on one route bucket (a 429 from another limiter, such as the organization tier).</summary>
    public RedisKey RouteHold(string bucket) => _root + "hold:route:" + bucket;

    /// <summary>A hold on every route of one preset (a 429 from the key's counter).</summary>
    public RedisKey PresetHold(string preset) => _root + "hold:preset:" + preset;
}
