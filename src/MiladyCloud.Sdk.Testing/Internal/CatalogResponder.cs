using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>GET /models, GET /models/{id}, POST /models/status from the fake's catalog.</summary>
internal static class CatalogResponder
{
    private const long Created = 1767225600;

    public static FakeResponse List(FakeReplies replies)
    {
        var response = FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var id in replies.ModelIds)
            {
                WriteModel(w, id);
            }

            w.WriteEndArray();
        }));
        response.Headers["Cache-Control"] = "public, s-maxage=3600, stale-while-revalidate=7200";
        return response;
    }

    public static FakeResponse Get(string id, FakeReplies replies)
    {
        if (!replies.ModelIds.Contains(id))
        {
            return FakeResponse.Json(ErrorBodies.Build(FakeErrorEnvelope.OpenAI, HttpStatusCode.NotFound, $"Model {id} not found", "invalid_request_error", "model_not_found"), HttpStatusCode.NotFound);
        }

        return FakeResponse.Json(JsonText.Write(w => WriteModel(w, id)));
    }

    public static FakeResponse Status(JsonElement request, FakeReplies replies, TimeProvider clock)
    {
        if (!request.TryGetProperty("modelIds", out var ids) || ids.ValueKind != JsonValueKind.Array || ids.GetArrayLength() == 0)
        {
            return FakeResponse.Json("""{"error":"modelIds array is required"}""", HttpStatusCode.BadRequest);
        }

        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteStartArray("models");
            foreach (var id in ids.EnumerateArray().Select(e => e.GetString() ?? string.Empty))
            {
                w.WriteStartObject();
                w.WriteString("modelId", id);
                var known = replies.ModelIds.Contains(id);
                w.WriteBoolean("available", known);
                if (!known)
                {
                    w.WriteString("reason", "Model not found in gateway");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("timestamp", clock.GetUtcNow().ToUnixTimeMilliseconds());
        }));
    }

    private static void WriteModel(Utf8JsonWriter w, string id)
    {
        var provider = id.Split('/')[0];
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "model");
        w.WriteNumber("created", Created);
        w.WriteString("owned_by", provider);
        var name = id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var type = id.Contains("embedding", StringComparison.Ordinal) ? "embedding" : id.Contains("image", StringComparison.Ordinal) ? "image" : "language";
        w.WriteString("name", name);
        w.WriteString("description", $"{name} from {provider}, served by the local fake");
        w.WriteString("type", type);
        w.WriteStartArray("tags");
        if (type == "language")
        {
            w.WriteStringValue("tool-use");
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
