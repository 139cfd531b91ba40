using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>POST /embeddings: deterministic unit vectors (the same text always gets the same vector).</summary>
internal static class EmbeddingsResponder
{
    public static FakeResponse Respond(JsonElement request, FakeReplies replies)
    {
        var inputs = Inputs(request);
        var model = request.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        if (string.IsNullOrEmpty(model) || inputs is null)
        {
            return FakeResponse.Json(ErrorBodies.Build(FakeErrorEnvelope.OpenAI, HttpStatusCode.BadRequest, "Missing required fields: model and input", code: "missing_required_parameter"), HttpStatusCode.BadRequest);
        }

        var tokens = inputs.Sum(text => Math.Max(1, text.Length / 4));
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            for (var i = 0; i < inputs.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("object", "embedding");
                w.WriteStartArray("embedding");
                foreach (var component in Vector(inputs[i], replies.EmbeddingDimensions))
                {
                    w.WriteNumberValue(component);
                }

                w.WriteEndArray();
                w.WriteNumber("index", i);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("model", model);
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", tokens);
            w.WriteNumber("total_tokens", tokens);
            w.WriteEndObject();
        }));
    }

    public static float[] Vector(string text, int dimensions)
    {
        var seed = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var random = new Random(seed);
        var vector = new float[Math.Max(1, dimensions)];
        double norm = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
            norm += vector[i] * vector[i];
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }

    private static List<string>? Inputs(JsonElement request)
    {
        if (!request.TryGetProperty("input", out var input))
        {
            return null;
        }

        if (input.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(input.GetString()))
        {
            return [input.GetString()!];
        }

        if (input.ValueKind == JsonValueKind.Array && input.GetArrayLength() > 0)
        {
            return input.EnumerateArray().Select(item => item.GetString() ?? string.Empty).ToList();
        }

        return null;
    }
}
