using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

// Deploy a container, wait until it is healthy (polling with backoff and a deadline, progress as it goes), then
// follow its live logs for a few lines. Without MILADY_CLOUD_API_KEY it runs against the in-process fake.
var apiKey = Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY");
using var fake = string.IsNullOrWhiteSpace(apiKey) ? MiladyCloudFakeServer.Start() : null;
using var client = fake is null ? new MiladyCloudClient(apiKey!) : fake.CreateClient();
Console.WriteLine(fake is null
    ? "Using the real elizaOS Cloud service (MILADY_CLOUD_API_KEY is set)."
    : $"No MILADY_CLOUD_API_KEY set: running against the built-in local fake of the service at {fake.BaseUrl}.");

var image = Environment.GetEnvironmentVariable("MILADY_CLOUD_CONTAINER_IMAGE") ?? "123456789012.dkr.ecr.us-east-1.amazonaws.com/hello:latest";
var created = await client.Containers.CreateAsync(new CreateContainerRequest
{
    Name = "hello-sample",
    ProjectName = "hello",
    EcrImageUri = image,
    Port = 3000,
    HealthCheckPath = "/health",
});
Console.WriteLine($"\n1) Created container {created.Data.Id} (status {created.Data.Status}, {created.CreditsDeducted:0.##} credits)");

// Deployments take minutes on the real service; the helper polls with backoff until running, or fails at the deadline.
Console.WriteLine("2) Waiting until it is healthy:");
var progress = new ConsoleProgress();
var running = await client.Containers.WaitUntilHealthyAsync(created.Data.Id, TimeSpan.FromMinutes(20), progress);
Console.WriteLine($"   {running.Name} is {running.Status}");

// The live log stream never ends on its own: read a few lines, then leave (breaking out closes the connection).
// A quiet period of our choosing also ends the read: cancelling is how a caller stops an open-ended stream.
Console.WriteLine("3) Live logs:");
using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(10));
var shown = 0;
try
{
    await foreach (var logEvent in client.Containers.StreamLogsAsync(created.Data.Id, cancellationToken: quiet.Token))
    {
        Console.WriteLine(logEvent switch
        {
            ContainerLogLineEvent line => $"   [{line.Data.Level}] {line.Data.Message}",
            ContainerLogErrorEvent error => $"   log stream error: {error.Message}",
            _ => $"   ({logEvent.Type} event)",
        });
        if (++shown == 5)
        {
            break;
        }
    }
}
catch (OperationCanceledException) when (quiet.IsCancellationRequested)
{
    Console.WriteLine($"   no more lines for a while after {shown}; leaving the stream");
}

await client.Containers.DeleteAsync(created.Data.Id);
Console.WriteLine($"4) Deleted {created.Data.Id}.");
Console.WriteLine("\nDone.");
return 0;

/// <summary>Prints each poll as it happens (Progress&lt;T&gt; would post to the thread pool and could print late).</summary>
internal sealed class ConsoleProgress : IProgress<ContainerHealthProgress>
{
    public void Report(ContainerHealthProgress value) => Console.WriteLine($"   poll {value.Attempt}: {value.Status} after {value.Elapsed.TotalSeconds:F0} s");
}
