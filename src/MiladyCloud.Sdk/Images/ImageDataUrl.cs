using MiladyCloud.Sdk.Internal;

namespace MiladyCloud.Sdk;

/// <summary>Builds the data URL the image API takes as a source image, from bytes, a stream or a file.</summary>
public static class ImageDataUrl
{
    /// <summary>The longest data URL the server accepts (14,000,000 characters, about 10 MB of image).</summary>
    public const int MaxLength = 14_000_000;

    private static readonly Dictionary<string, string> MediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".webp"] = "image/webp",
        [".gif"] = "image/gif",
    };

    /// <summary>Encodes image bytes.</summary>
    /// <param name="bytes">The image.</param>
    /// <param name="mediaType">Its media type, such as <c>image/png</c>.</param>
    /// <returns>The data URL.</returns>
    /// <exception cref="ArgumentException">The image is empty or too large for the API.</exception>
    public static string FromBytes(ReadOnlySpan<byte> bytes, string mediaType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        if (bytes.IsEmpty)
        {
            throw new ArgumentException("The source image is empty.", nameof(bytes));
        }

        var prefix = $"data:{mediaType};base64,";
        var length = prefix.Length + ((bytes.Length + 2) / 3 * 4);
        if (length > MaxLength)
        {
            throw new ArgumentException($"The source image is too large: its data URL would be {length:N0} characters; the API accepts at most {MaxLength:N0} (about {MaxLength / 4 * 3 / 1_000_000} MB of image).", nameof(bytes));
        }

        return prefix + Convert.ToBase64String(bytes);
    }

    /// <summary>Reads and encodes a stream (at most what the API accepts is read).</summary>
    /// <param name="stream">The image.</param>
    /// <param name="mediaType">Its media type.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The data URL.</returns>
    public static async Task<string> FromStreamAsync(Stream stream, string mediaType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var limit = (long)MaxLength / 4 * 3 + 1;
        await BoundedCopy.CopyAsync(stream, buffer, limit, "The source image", cancellationToken).ConfigureAwait(false);
        return FromBytes(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), mediaType);
    }

    /// <summary>Reads and encodes a file; the media type comes from its extension (png, jpg, jpeg, webp, gif).</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The data URL.</returns>
    public static async Task<string> FromFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!MediaTypes.TryGetValue(Path.GetExtension(path), out var mediaType))
        {
            throw new ArgumentException($"Cannot tell the image type of '{Path.GetFileName(path)}'; use a .png, .jpg, .webp or .gif file, or FromBytes with a media type.", nameof(path));
        }

        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            return await FromStreamAsync(file, mediaType, cancellationToken).ConfigureAwait(false);
        }
    }
}
