using System.Text.Json;

namespace MiladyCloud.Sdk.Testing;

/// <summary>What the fake server answers on the happy path; change any of it between calls.</summary>
public sealed class FakeReplies
{
    private TimeSpan _videoGenerationTime;
    private decimal _appChatCost = 0.001m;
    private string _rateLimitPolicy = "redis";
    private int _rateLimitMultiplier = 1;
    private double _rateLimitWindowScale = 1;

    /// <summary>
    /// How the fake's rate limiter counts, as the service's <c>X-RateLimit-Policy</c> names it: <c>redis</c> (the
    /// default, as in production: a sliding log per key, plus the organization tier on chat and embeddings) or
    /// <c>in-memory</c> (one fixed window per key, as a development server does). Either way one counter per key is
    /// shared by every limited route, each with its own preset (see <c>docs/rate-limits.md</c>).
    /// </summary>
    public string RateLimitPolicy
    {
        get => _rateLimitPolicy;
        set => _rateLimitPolicy = value is "redis" or "in-memory" ? value : throw new ArgumentException("Use \"redis\" or \"in-memory\".", nameof(value));
    }

    /// <summary>Scales every preset, as the service's <c>RATE_LIMIT_MULTIPLIER</c> does outside production. Defaults to 1.</summary>
    public int RateLimitMultiplier
    {
        get => _rateLimitMultiplier;
        set => _rateLimitMultiplier = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "The multiplier is at least 1.");
    }

    /// <summary>
    /// Shortens every rate-limit window by this factor, so tests of pacing over several windows run in seconds: 0.05
    /// makes a minute three seconds and five minutes fifteen. The headers report the shortened windows
    /// (<c>X-RateLimit-Reset</c>, <c>Retry-After</c>), which is how the SDK learns them. Defaults to 1 (the service's own).
    /// </summary>
    public double RateLimitWindowScale
    {
        get => _rateLimitWindowScale;
        set => _rateLimitWindowScale = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "The scale is above 0 and at most 1.");
    }

    /// <summary>
    /// The assistant text for chat and messages. <c>{input}</c> is replaced with the last user text.
    /// Defaults to a reply that names the fake, so nobody mistakes it for the real service.
    /// </summary>
    public string AssistantText { get; set; } = "Hello from the local MiladyCloud fake! You said: {input}";

    /// <summary>
    /// When set, a messages request that declares tools gets a <c>tool_use</c> block for the first tool with this
    /// input (until the conversation carries a <c>tool_result</c>). When <see langword="null"/>, the input is made from
    /// the tool's JSON schema (each required string property gets a sample value).
    /// </summary>
    public JsonElement? ToolInput { get; set; }

    /// <summary>Whether messages requests with tools get a tool call at all. On by default.</summary>
    public bool CallToolsWhenOffered { get; set; } = true;

    /// <summary>How many characters each streamed text delta carries at most. Defaults to 8.</summary>
    public int StreamChunkLength { get; set; } = 8;

    /// <summary>The length of embedding vectors. Defaults to 512 (the real models use 1,536 or more).</summary>
    public int EmbeddingDimensions { get; set; } = 512;

    /// <summary>The bytes returned as a generated image (a valid 1×1 PNG by default).</summary>
    public byte[] ImageBytes { get; set; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>
    /// How long a video generation takes before the fake answers, measured on the fake's clock (the real service
    /// answers only when the video is ready, after up to a few minutes). Zero by default; set a few seconds to show
    /// progress in a demo.
    /// </summary>
    public TimeSpan VideoGenerationTime
    {
        get => _videoGenerationTime;
        set => _videoGenerationTime = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), "The generation time must not be negative.");
    }

    /// <summary>
    /// The organization's credit balance in US dollars, 50 by default. The fake changes it as credits are bought
    /// (checkout, auto top-up) or spent (chat through an app, tweets, promotion); set it to test a low or empty balance.
    /// </summary>
    public decimal CreditBalance { get; set; } = 50m;

    /// <summary>
    /// What one chat completion through an app costs before the app's markup, in US dollars (0.001 by default). With
    /// monetization on, the creator earns this times the markup percentage; raise it to reach the payout threshold quickly.
    /// </summary>
    public decimal AppChatCost
    {
        get => _appChatCost;
        set => _appChatCost = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "The cost must not be negative.");
    }

    /// <summary>The model ids of the catalog.</summary>
    public IList<string> ModelIds { get; } =
    [
        "openai/gpt-5.4",
        "anthropic/claude-sonnet-4.6",
        "openai/text-embedding-3-small",
        "google/gemini-2.5-flash-image",
    ];

    /// <summary>
    /// The log lines of a running fake container, newest first (100 ms apart), for the log route and the live stream.
    /// Their level is read like the service reads it: a JSON line's <c>level</c> (its other members become metadata),
    /// a <c>[LEVEL]</c> or <c>LEVEL:</c> prefix, else words such as error, warn or debug in the text; otherwise info.
    /// </summary>
    public IList<string> ContainerLogLines { get; } =
    [
        "Server started on port 3000",
        "Loaded configuration",
    ];
}
