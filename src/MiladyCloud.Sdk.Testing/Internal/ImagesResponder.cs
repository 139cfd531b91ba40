using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>POST /generate-image: base64 data URLs (the form the server uses when its upload fails).</summary>
internal static class ImagesResponder
{
    public static FakeResponse Respond(JsonElement request, FakeReplies replies)
    {
        var prompt = request.TryGetProperty("prompt", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return FakeResponse.Json("""{"error":"Prompt is required and must be a non-empty string"}""", HttpStatusCode.BadRequest);
        }

        var count = request.TryGetProperty("numImages", out var n) && n.TryGetInt32(out var requested) ? requested : 1;
        if (count is < 1 or > 4)
        {
            return FakeResponse.Json("""{"error":"numImages must be an integer between 1 and 4"}""", HttpStatusCode.BadRequest);
        }

        var dataUrl = "data:image/png;base64," + Convert.ToBase64String(replies.ImageBytes);
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteStartArray("images");
            for (var i = 0; i < count; i++)
            {
                w.WriteStartObject();
                w.WriteString("image", dataUrl);
                w.WriteString("text", string.Empty);
                w.WriteString("mimeType", "image/png");
                w.WriteNumber("fileSize", replies.ImageBytes.Length);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("numImages", count);
        }));
    }
}
