namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// Recognises the failures of the decompressing streams the handler puts in front of a gzip, deflate or brotli body:
/// corrupt data is an <see cref="InvalidDataException"/> from gzip and deflate and an
/// <see cref="InvalidOperationException"/> from brotli. Only ever applied to a read of a response body stream, where
/// nothing else throws those types.
/// </summary>
internal static class BodyDecoding
{
    public static bool IsCorruptBody(Exception exception) => exception is InvalidDataException or InvalidOperationException;

    /// <summary>A body that could not be decoded is a format error: retrying would only fetch the same bytes.</summary>
    public static MiladyCloudResponseFormatException CorruptBody(string what, Exception exception)
        => new($"{what} could not be decoded: its compressed body is corrupt ({exception.Message}).", null, exception);

    /// <summary>A body (or one stream event) that passed <see cref="MiladyCloudClientOptions.MaxResponseBytes"/>.</summary>
    public static MiladyCloudResponseTooLargeException TooLarge(string what, long limit)
        => new($"{what} is larger than MaxResponseBytes ({limit:N0} bytes, counted after decompression); reading stopped there.", "MaxResponseBytes", limit);

    /// <summary>What an exception may quote of a body: its first <see cref="ErrorResponseReader.MaxBodyChars"/> characters.</summary>
    public static string Excerpt(ReadOnlySpan<byte> bytes)
    {
        // A UTF-16 character never takes more than three UTF-8 bytes.
        var text = System.Text.Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 3 * ErrorResponseReader.MaxBodyChars)]);
        return text.Length <= ErrorResponseReader.MaxBodyChars ? text : text[..ErrorResponseReader.MaxBodyChars];
    }

    /// <summary>Names a response for messages: method and path, never the query or the host's user-info.</summary>
    public static string Describe(HttpRequestMessage? request)
        => $"The response to {request?.Method} {request?.RequestUri?.AbsolutePath}";
}
