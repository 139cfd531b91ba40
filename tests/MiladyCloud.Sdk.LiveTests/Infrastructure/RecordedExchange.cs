using System.Text.Json.Nodes;

namespace MiladyCloud.Sdk.LiveTests.Infrastructure;

/// <summary>One request as the SDK sent it and the server's answer, with credentials masked.</summary>
internal sealed class RecordedExchange
{
    /// <summary>When the SDK sent it: the replay clock shows this time until the request arrives.</summary>
    public DateTimeOffset SentAt { get; set; }

    public RecordedRequest Request { get; set; } = new();

    public RecordedResponse Response { get; set; } = new();
}

/// <summary>The request line, the headers that matter for matching, and the body.</summary>
internal sealed class RecordedRequest
{
    public string Method { get; set; } = "GET";

    /// <summary>Path and query as sent.</summary>
    public string Target { get; set; } = "/";

    /// <summary>Content-Type and the credential headers (masked); other headers vary by machine and are not kept.</summary>
    public SortedDictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body as text (UTF-8) when it is not JSON, or null.</summary>
    public string? Body { get; set; }

    /// <summary>The body when it is JSON that reads back byte for byte (kept as JSON so recordings read well).</summary>
    public JsonNode? Json { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public string? Text => RecordedBody.Text(Body, Json);
}

/// <summary>The status, headers and body the server answered.</summary>
internal sealed class RecordedResponse
{
    public int Status { get; set; }

    /// <summary>Every header but the hop-by-hop ones; repeated headers are joined with a newline.</summary>
    public SortedDictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body as text when it is UTF-8 but not JSON, else null (see <see cref="Json"/> and <see cref="BodyBase64"/>).</summary>
    public string? Body { get; set; }

    /// <summary>The body when it is JSON that reads back byte for byte.</summary>
    public JsonNode? Json { get; set; }

    public string? BodyBase64 { get; set; }
}
