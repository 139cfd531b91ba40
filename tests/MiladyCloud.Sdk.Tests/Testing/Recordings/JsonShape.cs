using System.Text.Json;

namespace MiladyCloud.Sdk.Tests.Testing.Recordings;

/// <summary>
/// Whether the fake's JSON has the server's shape: every member the server sent, with the same JSON kind, at every
/// depth. A null on either side matches anything (the server and the fake may hold different optional state); arrays
/// are compared by their first elements, since both sides may list different things.
/// </summary>
internal static class JsonShape
{
    /// <summary>Adds one line per difference to <paramref name="differences"/>; <paramref name="optional"/> names paths the fake may leave out.</summary>
    public static void Compare(JsonElement server, JsonElement fake, string path, List<string> differences, Func<string, bool>? optional = null)
    {
        if (server.ValueKind == JsonValueKind.Null || fake.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (Kind(server) != Kind(fake))
        {
            differences.Add($"{path}: the server sent {server.ValueKind}, the fake {fake.ValueKind}");
            return;
        }

        if (server.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in server.EnumerateObject())
            {
                var memberPath = path + "." + member.Name;
                if (fake.TryGetProperty(member.Name, out var fakeMember))
                {
                    Compare(member.Value, fakeMember, memberPath, differences, optional);
                }
                else if (optional?.Invoke(memberPath) != true)
                {
                    differences.Add($"{memberPath}: missing in the fake's answer");
                }
            }
        }
        else if (server.ValueKind == JsonValueKind.Array && server.GetArrayLength() > 0 && fake.GetArrayLength() > 0)
        {
            Compare(server[0], fake[0], path + "[0]", differences, optional);
        }
    }

    /// <summary>
    /// For error bodies, which are small and fixed: the fake sends no member the server did not, and every text the
    /// server sent (after <paramref name="expected"/> maps the server's ids to the fake's) is the same.
    /// </summary>
    public static void CompareExactly(JsonElement server, JsonElement fake, string path, List<string> differences, Func<string, string> expected)
    {
        if (server.ValueKind == JsonValueKind.String && fake.ValueKind == JsonValueKind.String && expected(server.GetString()!) is var text && text != fake.GetString())
        {
            differences.Add($"{path}: the server sent \"{text}\", the fake \"{fake.GetString()}\"");
        }
        else if (server.ValueKind == JsonValueKind.Object && fake.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in fake.EnumerateObject())
            {
                if (server.TryGetProperty(member.Name, out var serverMember))
                {
                    CompareExactly(serverMember, member.Value, path + "." + member.Name, differences, expected);
                }
                else
                {
                    differences.Add($"{path}.{member.Name}: not in the server's answer");
                }
            }
        }
        else if (server.ValueKind == JsonValueKind.Array && fake.ValueKind == JsonValueKind.Array)
        {
            for (var i = 0; i < Math.Min(server.GetArrayLength(), fake.GetArrayLength()); i++)
            {
                CompareExactly(server[i], fake[i], $"{path}[{i}]", differences, expected);
            }
        }
    }

    /// <summary>The kind, with true and false as one (a boolean).</summary>
    public static JsonValueKind Kind(JsonElement element) => element.ValueKind is JsonValueKind.True or JsonValueKind.False ? JsonValueKind.True : element.ValueKind;
}
