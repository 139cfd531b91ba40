namespace MiladyCloud.Sdk.Internal;

/// <summary>Copies a stream but refuses to go past a size limit (downloads and uploads are bounded).</summary>
internal static class BoundedCopy
{
    public static async Task CopyAsync(Stream source, Stream destination, long limit, string what, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw new ArgumentException($"{what} is larger than the {limit:N0}-byte limit.");
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }
}
