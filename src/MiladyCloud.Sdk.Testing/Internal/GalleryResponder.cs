using System.Globalization;
using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// GET /gallery over a fixed set of stored generations (newest first). The fake's own image route answers with inline
/// data (the form the service uses when its upload fails), which the real gallery leaves out too, so the set is seeded.
/// </summary>
internal sealed class GalleryResponder
{
    private readonly List<Item> _items;

    public GalleryResponder(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        _items =
        [
            new("image", "A lighthouse at dawn", "google/gemini-2.5-flash-image", "google", "image/png", 102_400, now.AddMinutes(-5), (1024, 1024, null)),
            new("video", "Waves on a beach", "fal-ai/veo3", "fal", "video/mp4", 2_048_000, now.AddMinutes(-30), (1280, 720, 8)),
            new("image", "A fox in the snow", "openai/gpt-image-2", "openai", "image/webp", 88_000, now.AddHours(-2), null),
            new("image", "A mountain landscape at sunset", "google/gemini-2.5-flash-image", "google", "image/png", 120_000, now.AddDays(-1), null),
        ];
    }

    public FakeResponse? Route(FakeCall call)
        => call is { Method: "GET", Path: "/api/v1/gallery" } ? List(call) : null;

    private FakeResponse List(FakeCall call)
    {
        var type = call.QueryValue("type");
        var issues = new List<(string Path, string Message)>();
        if (!string.IsNullOrEmpty(type) && type is not ("image" or "video"))
        {
            issues.Add(("type", "Invalid option: expected one of \"image\"|\"video\""));
        }

        var limit = Number(call.QueryValue("limit"), 100, 1, 1000, "limit", issues);
        var offset = Number(call.QueryValue("offset"), 0, 0, null, "offset", issues);
        if (issues.Count > 0)
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteString("error", "Validation error");
                w.WriteStartArray("details");
                foreach (var (path, message) in issues)
                {
                    w.WriteStartObject();
                    w.WriteString("code", "invalid_value");
                    w.WriteStartArray("path");
                    w.WriteStringValue(path);
                    w.WriteEndArray();
                    w.WriteString("message", message);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }), HttpStatusCode.BadRequest);
        }

        var matching = _items.Where(i => string.IsNullOrEmpty(type) || i.Type == type).Skip(offset).ToList();
        var page = matching.Take(limit).ToList();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteStartArray("items");
            foreach (var item in page)
            {
                Write(w, item);
            }

            w.WriteEndArray();
            w.WriteNumber("count", page.Count);
            w.WriteNumber("offset", offset);
            w.WriteNumber("limit", limit);
            w.WriteBoolean("hasMore", matching.Count > limit);
        }));
    }

    /// <summary>A query number as zod's <c>coerce.number().int()</c> reads it; an empty value is the default.</summary>
    private static int Number(string? raw, int fallback, int min, int? max, string name, List<(string, string)> issues)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return fallback;
        }

        if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            issues.Add((name, "Invalid input: expected int, received number"));
            return fallback;
        }

        if (value < min)
        {
            issues.Add((name, $"Too small: expected number to be >={min}"));
        }
        else if (value > max)
        {
            issues.Add((name, $"Too big: expected number to be <={max}"));
        }

        return value;
    }

    private static void Write(Utf8JsonWriter w, Item item)
    {
        w.WriteStartObject();
        w.WriteString("id", item.Id);
        w.WriteString("type", item.Type);
        w.WriteString("url", $"https://fake-media.invalid/{item.Type}s/{item.Id}{(item.MimeType == "video/mp4" ? ".mp4" : item.MimeType == "image/webp" ? ".webp" : ".png")}");
        w.WriteNull("thumbnailUrl");
        w.WriteString("prompt", item.Prompt);
        w.WriteNull("negativePrompt");
        w.WriteString("model", item.Model);
        w.WriteString("provider", item.Provider);
        w.WriteString("status", "completed");
        w.WriteString("createdAt", FakeFormat.Iso(item.CreatedAt));
        w.WriteString("completedAt", FakeFormat.Iso(item.CreatedAt.AddSeconds(9)));
        if (item.Dimensions is { } d)
        {
            w.WriteStartObject("dimensions");
            w.WriteNumber("width", d.Width);
            w.WriteNumber("height", d.Height);
            if (d.Duration is { } duration)
            {
                w.WriteNumber("duration", duration);
            }

            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("dimensions");
        }

        w.WriteString("mimeType", item.MimeType);
        w.WriteString("fileSize", item.FileSize.ToString(CultureInfo.InvariantCulture));
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private sealed record Item(string Type, string Prompt, string Model, string Provider, string MimeType, long FileSize, DateTimeOffset CreatedAt, (int Width, int Height, int? Duration)? Dimensions)
    {
        public string Id { get; } = FakeFormat.NewId();
    }
}
