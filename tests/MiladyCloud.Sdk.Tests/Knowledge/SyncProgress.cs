namespace MiladyCloud.Sdk.Tests.Knowledge;

/// <summary>Records progress reports on the reporting thread (Progress&lt;T&gt; would post them asynchronously).</summary>
internal sealed class SyncProgress : IProgress<UploadProgress>
{
    public List<UploadProgress> Reports { get; } = [];

    public void Report(UploadProgress value) => Reports.Add(value);
}
