using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>POST /embeddings: deterministic unit vectors (the same text always gets the same vector).</summary>
internal static class EmbeddingsResponder
{
    private static readonly char[] Separators = [' ', '\t', '\n', '\r', '.', ',', ';', ':', '!', '?', '"', '\'', '(', ')'];

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

    /// <summary>
    /// A bag-of-words vector: every word adds a pseudo-random direction chosen by its hash, so texts that share words
    /// are more similar, like real embeddings, while staying deterministic.
    /// </summary>
    public static float[] Vector(string text, int dimensions)
    {
        var vector = new float[Math.Max(1, dimensions)];
        foreach (var word in text.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var random = new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(word))));
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] += (float)(random.NextDouble() * 2 - 1);
            }
        }

        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        if (norm == 0)
        {
            vector[0] = 1;
            return vector;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(vector[i] / norm);
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
