namespace MiladyCloud.Sdk;

/// <summary>
/// The SDK's normalized error code. The documented codes are named members; any other string the server sends
/// is kept as it is, so a new code never breaks error handling.
/// </summary>
public readonly struct MiladyCloudErrorCode : IEquatable<MiladyCloudErrorCode>
{
    private readonly string? _value;

    /// <summary>Creates a code from any string.</summary>
    /// <param name="value">The code.</param>
    public MiladyCloudErrorCode(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Missing or invalid credentials.</summary>
    public static MiladyCloudErrorCode Unauthorized { get; } = new("UNAUTHORIZED");

    /// <summary>Valid credentials without the right to do this.</summary>
    public static MiladyCloudErrorCode Forbidden { get; } = new("FORBIDDEN");

    /// <summary>No such resource or route.</summary>
    public static MiladyCloudErrorCode NotFound { get; } = new("NOT_FOUND");

    /// <summary>Too many requests.</summary>
    public static MiladyCloudErrorCode RateLimited { get; } = new("RATE_LIMITED");

    /// <summary>Not enough credits.</summary>
    public static MiladyCloudErrorCode InsufficientCredits { get; } = new("INSUFFICIENT_CREDITS");

    /// <summary>The service failed.</summary>
    public static MiladyCloudErrorCode InternalError { get; } = new("INTERNAL_ERROR");

    /// <summary>The request was invalid.</summary>
    public static MiladyCloudErrorCode InvalidRequest { get; } = new("INVALID_REQUEST");

    /// <summary>The code string; empty for the default value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Equality by code string (ordinal).</summary>
    /// <param name="left">One code.</param>
    /// <param name="right">The other code.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(MiladyCloudErrorCode left, MiladyCloudErrorCode right) => left.Equals(right);

    /// <summary>Inequality by code string (ordinal).</summary>
    /// <param name="left">One code.</param>
    /// <param name="right">The other code.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(MiladyCloudErrorCode left, MiladyCloudErrorCode right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(MiladyCloudErrorCode other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MiladyCloudErrorCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
