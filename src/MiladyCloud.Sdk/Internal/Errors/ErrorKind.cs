namespace MiladyCloud.Sdk.Internal;

/// <summary>Which exception type an error maps to.</summary>
internal enum ErrorKind
{
    Other,
    InvalidRequest,
    Unauthorized,
    InsufficientCredits,
    Forbidden,
    NotFound,
    RateLimited,
    ServiceUnavailable,
    ServerError,
}
