namespace MiladyCloud.Sdk.Testing;

/// <summary>The error body shapes the real service sends; a scripted error can use any of them.</summary>
public enum FakeErrorEnvelope
{
    /// <summary>The shape the route itself uses (OpenAI-style for chat, Anthropic-style for messages …).</summary>
    RouteDefault,

    /// <summary><c>{"error":{"message","type","code"}}</c> (chat, embeddings, models).</summary>
    OpenAI,

    /// <summary><c>{"type":"error","error":{"type","message"}}</c> (messages).</summary>
    Anthropic,

    /// <summary><c>{"success":false,"error","code"}</c> (the shared library envelope).</summary>
    Library,

    /// <summary><c>{"error":"text", ...}</c> (images, video, knowledge …).</summary>
    Plain,

    /// <summary><c>{"success":false,"error","details"}</c> (apps, containers …).</summary>
    SuccessFlag,

    /// <summary><c>{"error":{"code":"INSUFFICIENT_CREDITS","message",...}}</c>, the envelope the docs promise.</summary>
    Documented,
}
