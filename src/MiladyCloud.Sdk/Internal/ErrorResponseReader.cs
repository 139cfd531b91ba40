using System.Net;
using System.Text;

namespace MiladyCloud.Sdk.Internal;

/// <summary>Turns a failed HTTP response into the SDK's exception.</summary>
internal static class ErrorResponseReader
{
    /// <summary>Bodies longer than this are cut; an error page is never worth more.</summary>
    public const int MaxBodyChars = 64 * 1024;

    public static async Task<MiladyCloudApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        return Create(response.StatusCode, body);
    }

    public static MiladyCloudApiException Create(HttpStatusCode status, string? body)
    {
        var message = $"elizaOS Cloud returned {(int)status} {status}.";
        return new MiladyCloudApiException(message, status, body);
    }

    public static async Task<string?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            if (response.Content.Headers.ContentLength is { } length && length <= MaxBodyChars)
            {
                // Buffered or short bodies: read directly (also works after a stream over the buffer was consumed).
                return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var reader = new StreamReader(stream, Encoding.UTF8);
                var buffer = new char[MaxBodyChars];
                var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                return new string(buffer, 0, read);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The body could not be read (connection cut); the status alone still identifies the failure.
            return null;
        }
    }
}
