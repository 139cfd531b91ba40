using System.Diagnostics;
using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Testing;

// Video generation with a live progress line. The service answers only when the video is ready (often one to three
// minutes, at most five) and offers no job to poll, so the only progress to show is the time spent waiting.
// With MILADY_CLOUD_API_KEY set it calls the real service (and spends credits); without it, the in-process fake.
var apiKey = Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY");
using var fake = string.IsNullOrWhiteSpace(apiKey) ? MiladyCloudFakeServer.Start() : null;
using var client = fake is null ? new MiladyCloudClient(apiKey!) : fake.CreateClient();
Console.WriteLine(fake is null
    ? "Using the real elizaOS Cloud service (MILADY_CLOUD_API_KEY is set)."
    : $"No MILADY_CLOUD_API_KEY set: running against the built-in local fake of the service at {fake.BaseUrl}.");

// The fake answers at once unless told to take its time; two seconds are enough to see the progress line move.
if (fake is not null)
{
    fake.Replies.VideoGenerationTime = TimeSpan.FromSeconds(2);
}

var model = Environment.GetEnvironmentVariable("MILADY_CLOUD_VIDEO_MODEL") ?? "fal-ai/veo3/fast";
const string prompt = "A paper boat drifting down a rainy city gutter, cinematic, shallow depth of field";
Console.WriteLine($"Generating with {model}: \"{prompt}\"");

// Ctrl+C cancels the wait (the service may still finish and bill the video).
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

var elapsed = Stopwatch.StartNew();
var generation = client.Videos.CreateAsync(prompt, model, cancel.Token);
var spinner = "|/-\\";
for (var tick = 0; !generation.IsCompleted; tick++)
{
    // \r rewrites the same line; when output is redirected (CI logs) the line is printed once a second instead.
    if (!Console.IsOutputRedirected)
    {
        Console.Write($"\r  {spinner[tick % spinner.Length]} waiting for the video… {elapsed.Elapsed:mm\\:ss}");
    }
    else if (tick % 4 == 0)
    {
        Console.WriteLine($"  waiting for the video… {elapsed.Elapsed:mm\\:ss}");
    }

    await Task.WhenAny(generation, Task.Delay(250));
}

try
{
    var result = await generation;
    var video = result.Video;
    Console.WriteLine($"\r  Video ready after {elapsed.Elapsed.TotalSeconds:F1} s.              ");
    Console.WriteLine($"  URL:        {video.Url}");
    Console.WriteLine($"  Type:       {video.ContentType ?? "unknown"}");
    Console.WriteLine($"  Dimensions: {(video.Width is { } w && video.Height is { } h ? $"{w}×{h}" : "not reported")}");
    Console.WriteLine($"  Size:       {(video.FileSize is { } bytes ? $"{bytes / 1_048_576.0:F1} MB ({bytes:N0} bytes)" : "not reported")}");
    Console.WriteLine($"  Request id: {result.RequestId ?? "none"}");
}
catch (OperationCanceledException)
{
    Console.WriteLine("\nCancelled.");
    return 1;
}
catch (MiladyCloudApiException ex)
{
    // MiladyCloudInsufficientCreditsException, MiladyCloudInvalidRequestException (unknown model) and friends all derive from this.
    Console.WriteLine($"\nThe service refused: {ex.Message}");
    return 1;
}

Console.WriteLine("Done.");
return 0;
