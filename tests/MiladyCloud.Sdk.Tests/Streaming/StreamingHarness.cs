using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Tests.Infrastructure;

namespace MiladyCloud.Sdk.Tests.Streaming;

/// <summary>A client on a fake clock whose transport answers every request with one controlled SSE body.</summary>
internal sealed class StreamingHarness : IDisposable
{
    public StreamingHarness(ControlledStream? body = null, HttpStatusCode status = HttpStatusCode.OK, string? errorBody = null, Action<MiladyCloudClientOptions>? configure = null)
    {
        Body = body ?? new ControlledStream();
        Options = new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey, TimeProvider = Clock, MaxRetries = 0 };
        configure?.Invoke(Options);
        Transport = new RecordingHandler(_ =>
        {
            var response = new HttpResponseMessage(status);
            if (errorBody is not null)
            {
                response.Content = new StringContent(errorBody, System.Text.Encoding.UTF8, "application/json");
                return response;
            }

            response.Content = new StreamContent(Body);
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "41");
            return response;
        });
        Client = new MiladyCloudClient(Options, Transport);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

    public ControlledStream Body { get; }

    public MiladyCloudClientOptions Options { get; }

    public RecordingHandler Transport { get; }

    public MiladyCloudClient Client { get; }

    public void Dispose() => Client.Dispose();
}
