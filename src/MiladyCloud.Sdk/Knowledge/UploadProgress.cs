namespace MiladyCloud.Sdk;

/// <summary>How much of an upload body has been written to the connection.</summary>
/// <param name="BytesSent">Bytes of the request body written so far (multipart framing included).</param>
/// <param name="TotalBytes">The size of the whole request body, or <see langword="null"/> when it is not known in advance (a stream of unknown length).</param>
public readonly record struct UploadProgress(long BytesSent, long? TotalBytes)
{
    /// <summary>The share sent so far, between 0 and 1, or <see langword="null"/> when the total is unknown.</summary>
    public double? Fraction => TotalBytes is > 0 ? (double)BytesSent / TotalBytes.Value : null;
}
