namespace MiladyCloud.Sdk.Tests.Knowledge;

/// <summary>Runs a callback on the reporting thread for every progress report.</summary>
internal sealed class CallbackProgress(Action<UploadProgress> onReport) : IProgress<UploadProgress>
{
    public void Report(UploadProgress value) => onReport(value);
}
