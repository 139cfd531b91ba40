namespace MiladyCloud.Sdk.Internal.Resilience;

/// <summary>
/// Reads a successful response's whole body inside the attempt, for calls that want it in memory. Sitting inside the
/// resilience handler, a body that breaks off or stalls mid-way is an attempt failure judged by the retry rules (a
/// GET is tried again; a credit-consuming call is not), and the per-attempt timeout covers the body too.
/// </summary>
internal sealed class BodyBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(RequestTraits.ReadingBody, false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || !request.WantsBufferedBody() || response.Content is PooledContent)
        {
            return response;
        }

        request.Options.Set(RequestTraits.ReadingBody, true);
        await BufferAsync(response, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>
    /// Reads the body into memory (a success into a pooled buffer); a broken read is a <see cref="ResponseBodyException"/>.
    /// The response is disposed when this fails.
    /// </summary>
    public static async Task BufferAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            if (response.IsSuccessStatusCode)
            {
                response.Content = await PooledContent.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            response.Dispose();
            throw new ResponseBodyException($"The connection broke while reading the response body: {ex.Message}", ex);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
