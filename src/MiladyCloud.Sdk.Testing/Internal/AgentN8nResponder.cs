using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// <c>/api/v1/agents/{id}/n8n/{route}</c>: the service hands these to the n8n-workflow plugin inside the agent's runtime,
/// and the plugin, not the API, defines them. The fake stands in for the plugin with an in-memory workflow store per
/// agent, shaped like n8n's own API: <c>GET</c> / <c>POST workflows</c>, <c>GET</c> / <c>PUT</c> / <c>DELETE
/// workflows/{id}</c>, <c>POST workflows/{id}/activate</c> and <c>…/deactivate</c>. Any other route gets the service's
/// <c>No route found</c> 404; an unknown agent fails the runtime build, an unhandled 500 on the service.
/// </summary>
internal sealed class AgentN8nResponder(FakeCharacterStore store, TimeProvider clock)
{
    private const string PluginPrefix = "/n8n-workflow/";
    private readonly object _gate = new();
    private readonly Dictionary<string, List<JsonObject>> _workflows = new(StringComparer.Ordinal);

    public FakeResponse? Route(FakeCall call)
    {
        if (!FakePaths.TryResource(call.Path, AgentPaths.V1Agents, out var agentId, out var rest)
            || !rest.StartsWith("n8n/", StringComparison.Ordinal)
            || call.Method is not ("GET" or "POST" or "PUT" or "DELETE"))
        {
            return null;
        }

        if (!store.With(agentId, _ => true, () => false))
        {
            return FakeFormat.Unhandled();
        }

        var route = rest["n8n/".Length..].Split('/').Select(Uri.UnescapeDataString).ToArray();
        lock (_gate)
        {
            var workflows = _workflows.TryGetValue(agentId, out var list) ? list : _workflows[agentId] = [];
            return Dispatch(call, route, workflows) ?? NoRoute(call.Method, route);
        }
    }

    private FakeResponse? Dispatch(FakeCall call, string[] route, List<JsonObject> workflows) => (call.Method, route) switch
    {
        ("GET", ["workflows"]) => List(workflows),
        ("POST", ["workflows"]) => Create(workflows, call.Body),
        ("GET", ["workflows", var id]) => WithWorkflow(workflows, id, w => Json(w)),
        ("PUT", ["workflows", var id]) => WithWorkflow(workflows, id, w => Update(w, call.Body)),
        ("DELETE", ["workflows", var id]) => WithWorkflow(workflows, id, w => Delete(workflows, w)),
        ("POST", ["workflows", var id, "activate"]) => WithWorkflow(workflows, id, w => SetActive(w, true)),
        ("POST", ["workflows", var id, "deactivate"]) => WithWorkflow(workflows, id, w => SetActive(w, false)),
        _ => null,
    };

    private static FakeResponse List(List<JsonObject> workflows)
        => Json(new JsonObject { ["data"] = new JsonArray([.. workflows.Select(w => w.DeepClone())]), ["nextCursor"] = null });

    private FakeResponse Create(List<JsonObject> workflows, JsonElement body)
    {
        // n8n's editor names a new workflow this way; a stand-in that refused would answer a status the spec leaves open.
        var name = FakeFormat.Text(body, "name") is { Length: > 0 } given ? given : "My workflow";
        var now = FakeFormat.Iso(clock.GetUtcNow());
        var workflow = new JsonObject
        {
            ["id"] = FakeFormat.Hex(8),
            ["name"] = name,
            ["active"] = false,
            ["nodes"] = Node(body, "nodes") ?? new JsonArray(),
            ["connections"] = Node(body, "connections") ?? new JsonObject(),
            ["settings"] = Node(body, "settings") ?? new JsonObject(),
            ["createdAt"] = now,
            ["updatedAt"] = now,
        };
        workflows.Add(workflow);
        return Json(workflow);
    }

    private FakeResponse Update(JsonObject workflow, JsonElement body)
    {
        foreach (var member in new[] { "name", "nodes", "connections", "settings" })
        {
            if (Node(body, member) is { } value)
            {
                workflow[member] = value;
            }
        }

        workflow["updatedAt"] = FakeFormat.Iso(clock.GetUtcNow());
        return Json(workflow);
    }

    private static FakeResponse Delete(List<JsonObject> workflows, JsonObject workflow)
    {
        workflows.Remove(workflow);
        return Json(workflow);
    }

    private FakeResponse SetActive(JsonObject workflow, bool active)
    {
        workflow["active"] = active;
        workflow["updatedAt"] = FakeFormat.Iso(clock.GetUtcNow());
        return Json(workflow);
    }

    private static FakeResponse WithWorkflow(List<JsonObject> workflows, string id, Func<JsonObject, FakeResponse> action)
        => workflows.FirstOrDefault(w => (string?)w["id"] == id) is { } workflow ? action(workflow) : FakeFormat.PlainError(HttpStatusCode.NotFound, "Workflow not found");

    private static JsonNode? Node(JsonElement body, string member)
        => FakeFormat.Member(body, member) is { ValueKind: not JsonValueKind.Undefined } value ? JsonNode.Parse(value.GetRawText()) : null;

    private static FakeResponse Json(JsonNode node) => FakeResponse.Json(node.ToJsonString());

    private static FakeResponse NoRoute(string method, string[] route)
        => FakeFormat.Failure(HttpStatusCode.NotFound, $"No route found: {method} {PluginPrefix}{string.Join('/', route)}");
}
