namespace MiladyCloud.Sdk.Internal.Resilience;

/// <summary>
/// The response headers arrived but the body broke off: an <see cref="HttpRequestException"/> so the retry rules see a
/// transport failure, with its own type so the SDK reports it as a broken read rather than an unreachable server.
/// </summary>
internal sealed class ResponseBodyException(string message, Exception inner)
    : HttpRequestException(HttpRequestError.ResponseEnded, message, inner);
