using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// POST /generate-video: the server's synchronous answer (the stored video and provider metadata), after
/// <see cref="FakeReplies.VideoGenerationTime"/> so callers can show progress.
/// </summary>
internal static class VideoResponder
{
    public const string DefaultModel = "fal-ai/veo3";

    /// <summary>The size reported for the stored file (about what a few seconds of 720p video weigh).</summary>
    public const long FileSize = 4_821_337;

    /// <summary>The model ids the server accepts; anything else is a 400 that lists them.</summary>
    public static readonly IReadOnlyList<string> Models =
    [
        "fal-ai/veo3", "fal-ai/veo3/fast", "fal-ai/veo3.1", "fal-ai/veo3.1/fast", "fal-ai/veo3.1/lite",
        "fal-ai/kling-video/v3/standard/text-to-video", "fal-ai/kling-video/v3/pro/text-to-video", "fal-ai/kling-video/v2.6/pro/text-to-video",
        "fal-ai/minimax/hailuo-2.3/standard/text-to-video", "fal-ai/minimax/hailuo-2.3/pro/text-to-video", "wan/v2.6/text-to-video",
        "fal-ai/pixverse/v5/text-to-video", "fal-ai/pixverse/v5.5/text-to-video", "fal-ai/pixverse/v5.6/text-to-video",
        "bytedance/seedance-2.0/text-to-video", "bytedance/seedance-2.0/fast/text-to-video",
    ];

    public static FakeResponse Respond(JsonElement request, FakeReplies replies)
    {
        var prompt = request.ValueKind == JsonValueKind.Object && request.TryGetProperty("prompt", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return FakeResponse.Json("""{"error":"Prompt is required and must be a non-empty string"}""", HttpStatusCode.BadRequest);
        }

        var model = DefaultModel;
        if (request.TryGetProperty("model", out var m))
        {
            model = m.ValueKind == JsonValueKind.String ? m.GetString()! : string.Empty;
        }

        if (!Models.Contains(model))
        {
            return InvalidModel();
        }

        var requestId = Guid.NewGuid().ToString();
        var body = JsonText.Object(w =>
        {
            w.WriteStartObject("video");
            w.WriteString("url", $"https://fake-video-store.invalid/videos/{requestId}.mp4");
            w.WriteString("content_type", "video/mp4");
            w.WriteNumber("width", 1280);
            w.WriteNumber("height", 720);
            w.WriteString("file_name", "output.mp4");
            w.WriteNumber("file_size", FileSize);
            w.WriteEndObject();
            w.WriteNumber("seed", RandomNumberGenerator.GetInt32(int.MaxValue));
            w.WriteStartArray("has_nsfw_concepts");
            w.WriteBooleanValue(false);
            w.WriteEndArray();
            w.WriteStartObject("timings");
            w.WriteNumber("inference", Math.Round(replies.VideoGenerationTime.TotalSeconds, 3));
            w.WriteEndObject();
            w.WriteString("requestId", requestId);
        });
        return new FakeResponse { Body = body, Delay = replies.VideoGenerationTime };
    }

    private static FakeResponse InvalidModel() => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteString("error", "Invalid model specified");
        w.WriteStartArray("validModels");
        foreach (var id in Models)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
    }), HttpStatusCode.BadRequest);
}
