using MiladyCloud.Sdk.Internal;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>One generated image, whether the server stored it (a URL) or returned it inline (a base64 data URL).</summary>
public class GeneratedImageResult
{
    private readonly MiladyCloudPipeline? _pipeline;

    /// <summary>For mocking frameworks.</summary>
    protected GeneratedImageResult()
    {
        Image = new GeneratedImage();
    }

    internal GeneratedImageResult(GeneratedImage image, MiladyCloudPipeline pipeline)
    {
        Image = image;
        _pipeline = pipeline;
    }

    /// <summary>The image as the server described it.</summary>
    public virtual GeneratedImage Image { get; }

    /// <summary>The media type, such as <c>image/png</c>.</summary>
    public virtual string? MediaType => Image.MimeType ?? DataUrlMediaType();

    /// <summary>
    /// The image bytes: decoded from the data URL, or downloaded from the URL through the client's HttpClient (without
    /// the API credentials when the URL is on another host), at most <see cref="MiladyCloudClientOptions.MaxDownloadBytes"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The bytes.</returns>
    public virtual async Task<byte[]> GetBytesAsync(CancellationToken cancellationToken = default)
    {
        if (Image.Image is { Length: > 0 } dataUrl)
        {
            return DecodeDataUrl(dataUrl);
        }

        if (string.IsNullOrEmpty(Image.Url) || !Uri.TryCreate(Image.Url, UriKind.Absolute, out var url))
        {
            throw new MiladyCloudResponseFormatException("The generated image has neither a URL nor inline data.", null);
        }

        return await DownloadAsync(url, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the image to a file (created or overwritten).</summary>
    /// <param name="path">The file path.</param>
    /// <param name="cancellationToken">Cancels the download or the write.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public virtual async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = await GetBytesAsync(cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]> DownloadAsync(Uri url, CancellationToken cancellationToken)
    {
        var pipeline = _pipeline ?? throw new InvalidOperationException("This result was created for mocking and cannot download.");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (url.Scheme == pipeline.ApiBase.Scheme && string.Equals(url.Host, pipeline.ApiBase.Host, StringComparison.OrdinalIgnoreCase) && url.Port == pipeline.ApiBase.Port)
        {
            // Only the API's own host ever sees the credentials.
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", pipeline.Options.ApiKey);
        }

        using var response = await pipeline.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await pipeline.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var limit = pipeline.Options.MaxDownloadBytes;
        // The URL is the server's text: named without user-info or query, and scrubbed.
        var where = pipeline.Scrub(SecretScrubber.Origin(url) + url.AbsolutePath);
        if (response.Content.Headers.ContentLength > limit)
        {
            throw new MiladyCloudResponseTooLargeException($"The image at {where} is larger than MaxDownloadBytes ({limit:N0} bytes).", "MaxDownloadBytes", limit);
        }

        // A storage host that stalls mid-body must not hang the caller: the copy runs under NetworkTimeout.
        using var deadline = new TimedCancellation(pipeline.Options.NetworkTimeout, pipeline.TimeProvider, cancellationToken);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                await BoundedCopy.CopyAsync(body, buffer, limit, "The image", deadline.Token).ConfigureAwait(false);
                return buffer.ToArray();
            }
        }
        catch (ArgumentException)
        {
            throw new MiladyCloudResponseTooLargeException($"The image at {where} is larger than MaxDownloadBytes ({limit:N0} bytes, counted after decompression).", "MaxDownloadBytes", limit);
        }
        catch (Exception ex) when (BodyDecoding.IsCorruptBody(ex))
        {
            throw pipeline.Secrets.Scrub(BodyDecoding.CorruptBody($"The image at {where}", ex));
        }
        catch (OperationCanceledException ex) when (deadline.TimedOut && !cancellationToken.IsCancellationRequested)
        {
            throw new MiladyCloudTimeoutException(MiladyCloudTimeoutKind.ResponseBody, pipeline.Options.NetworkTimeout, ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new MiladyCloudConnectionException(pipeline.Scrub($"The connection broke while downloading the image from {SecretScrubber.Origin(url)}: {ex.Message}"), pipeline.Scrub(ex));
        }
    }

    private byte[] DecodeDataUrl(string dataUrl)
    {
        var comma = dataUrl.IndexOf(',', StringComparison.Ordinal);
        try
        {
            return Convert.FromBase64String(comma >= 0 ? dataUrl[(comma + 1)..] : dataUrl);
        }
        catch (FormatException ex)
        {
            throw (_pipeline?.Secrets ?? SecretScrubber.None).Scrub(new MiladyCloudResponseFormatException("The generated image's inline data is not valid base64.", dataUrl.Length > 200 ? dataUrl[..200] : dataUrl, ex));
        }
    }

    private string? DataUrlMediaType()
    {
        var dataUrl = Image.Image;
        if (dataUrl is null || !dataUrl.StartsWith("data:", StringComparison.Ordinal))
        {
            return null;
        }

        var end = dataUrl.IndexOfAny([';', ',']);
        return end > 5 ? dataUrl[5..end] : null;
    }
}
