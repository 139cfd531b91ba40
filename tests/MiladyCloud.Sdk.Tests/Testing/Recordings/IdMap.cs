using System.Text.Json;
using System.Text.RegularExpressions;
using MiladyCloud.Sdk.LiveTests.Infrastructure;

namespace MiladyCloud.Sdk.Tests.Testing.Recordings;

/// <summary>
/// The ids the server handed out in a recording and the ones the fake handed out for the same things, learned by reading
/// both answers side by side, so later requests name the fake's own resources.
/// </summary>
internal sealed partial class IdMap
{
    private readonly Dictionary<string, string> _map = new(StringComparer.Ordinal);

    public IdMap()
    {
        _map[LiveSettings.PlaceholderApiKey] = Sdk.Testing.MiladyCloudFakeServer.ApiKey;
        _map[LiveSettings.PlaceholderSessionToken] = Sdk.Testing.MiladyCloudFakeServer.SessionToken;
    }

    /// <summary>Learns from the server's and the fake's answers to the same request; the first value learned for an id stays.</summary>
    public void Learn(JsonElement server, JsonElement fake, string? member = null)
    {
        switch (server.ValueKind)
        {
            case JsonValueKind.String when fake.ValueKind == JsonValueKind.String:
                var (recorded, own) = (server.GetString()!, fake.GetString()!);
                if (recorded != own && IsId(recorded, member))
                {
                    _map.TryAdd(recorded, own);
                }

                break;
            case JsonValueKind.Object when fake.ValueKind == JsonValueKind.Object:
                foreach (var property in server.EnumerateObject())
                {
                    if (fake.TryGetProperty(property.Name, out var value))
                    {
                        Learn(property.Value, value, property.Name);
                    }
                }

                break;
            case JsonValueKind.Array when fake.ValueKind == JsonValueKind.Array && server.GetArrayLength() == fake.GetArrayLength():
                // Lists of different lengths hold different things: pairing them would learn wrong ids.
                for (var i = 0; i < server.GetArrayLength(); i++)
                {
                    Learn(server[i], fake[i], member);
                }

                break;
        }
    }

    /// <summary>The text with every recorded id (and the masked credentials) replaced by the fake's.</summary>
    public string Apply(string text)
    {
        foreach (var (recorded, own) in _map.OrderByDescending(pair => pair.Key.Length))
        {
            text = text.Replace(recorded, own, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>A UUID or an <c>eliza_</c> key anywhere, or a long value of a member named like an id.</summary>
    private static bool IsId(string value, string? member)
        => IdShape().IsMatch(value)
            || (member is not null && value.Length >= 16 && (member == "id" || member.EndsWith("Id", StringComparison.Ordinal) || member.EndsWith("_id", StringComparison.Ordinal)));

    [GeneratedRegex("^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|eliza_[0-9a-fA-F]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();
}
