namespace MiladyCloud.Sdk.Internal.Resilience;

/// <summary>
/// Reads a body inside the attempt: the whole of a successful response for calls that want it in memory (at most
/// <see cref="MiladyCloudClientOptions.MaxResponseBytes"/>), and the bounded start of every error response. Sitting
/// inside the resilience handler, a body that breaks off or stalls mid-way is an attempt failure judged by the retry
/// rules (a GET is tried again; a credit-consuming call is not), and the per-attempt timeout covers the body too. The
/// retry rules then inspect the error body already in memory, and the error mapping reads the same bytes.
/// </summary>
internal sealed class BodyBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.SetFlag(RequestTraits.ReadingBody, false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content is PooledContent || (response.IsSuccessStatusCode && !request.WantsBufferedBody()))
        {
            return response;
        }

        request.SetFlag(RequestTraits.ReadingBody, true);
        await BufferAsync(response, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>
    /// Reads the body into memory: a success whole into pooled segments, an error body's bounded start. A broken read
    /// is a <see cref="ResponseBodyException"/>; the response is disposed when this fails.
    /// </summary>
    public static async Task BufferAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            if (response.IsSuccessStatusCode)
            {
                var request = response.RequestMessage;
                response.Content = await PooledContent.ReadAsync(response.Content, request.GetResponseLimit(), BodyDecoding.Describe(request), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ErrorBody.BufferAsync(response, cancellationToken).ConfigureAwait(false);
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
