namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// Buffers the start of an error body once, bounded, and leaves it in place of the response's content, so the retry
/// rules, the error mapping and anything after them all read the same bytes and nobody reads the network twice.
/// </summary>
internal static class ErrorBody
{
    /// <summary>
    /// Only the first <see cref="ErrorResponseReader.MaxBodyChars"/> characters are ever reported; this many bytes always
    /// hold them (three UTF-8 bytes at most per character), rounded to 256 KiB.
    /// </summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>
    /// The buffered start of the body (at once when already buffered). A broken connection throws and leaves an
    /// unreadable body behind, so a later reader gets "no text" rather than a stream that was already consumed.
    /// </summary>
    public static async Task<PooledContent> BufferAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is PooledContent buffered)
        {
            return buffered;
        }

        var original = response.Content;
        var limit = (int)Math.Min(MaxBytes, response.RequestMessage.GetResponseLimit());
        try
        {
            var content = await PooledContent.ReadPrefixAsync(original, limit, cancellationToken).ConfigureAwait(false);
            response.Content = content;
            return content;
        }
        catch
        {
            response.Content = PooledContent.CreateUnreadable(original);
            throw;
        }
    }

    /// <summary>The start of the body as text, or <see langword="null"/> when it could not be read (connection cut, corrupt encoding).</summary>
    public static async Task<string?> ReadTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var content = await BufferAsync(response, cancellationToken).ConfigureAwait(false);
            return content.Text(ErrorResponseReader.MaxBodyChars);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The status alone still identifies the failure.
            return null;
        }
    }
}
