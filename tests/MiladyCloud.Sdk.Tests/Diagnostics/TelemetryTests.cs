using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Diagnostics;

/// <summary>Logs, spans and metrics: what they say, and that they never carry credentials.</summary>
[NonParallelizable]
public class TelemetryTests
{
    [Test]
    public async Task Requests_retries_and_holds_are_logged_without_credentials()
    {
        using var fake = MiladyCloudFakeServer.Start();
        fake.Faults.Enqueue(FakeFault.Status(System.Net.HttpStatusCode.ServiceUnavailable));
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Debug));
        using var client = fake.CreateClient(o => { o.LoggerFactory = loggerFactory; o.RetryBaseDelay = TimeSpan.FromMilliseconds(1); });

        await client.Chat.CreateAsync("openai/gpt-5.4", "hi");

        var messages = collector.GetSnapshot().Select(r => r.Message).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(messages, Has.Some.Contains("Sending POST /api/v1/chat/completions"));
            Assert.That(messages, Has.Some.Contains("Retry 1 of POST /api/v1/chat/completions"));
            Assert.That(messages, Has.Some.Matches<string>(m => m.Contains("POST /api/v1/chat/completions answered 200", StringComparison.Ordinal)));
            Assert.That(string.Join("\n", messages), Does.Not.Contain(MiladyCloudFakeServer.ApiKey[6..]));
            Assert.That(string.Join("\n", collector.GetSnapshot().SelectMany(r => r.StructuredState ?? []).Select(kv => kv.Value)), Does.Not.Contain(MiladyCloudFakeServer.ApiKey[6..]));
        });
    }

    [Test]
    public async Task Each_call_is_a_client_span_with_http_tags()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MiladyCloudTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        await client.Models.ListAsync();

        var span = spans.Single(s => s.DisplayName == "GET /api/v1/models");
        Assert.That(span.Kind, Is.EqualTo(ActivityKind.Client));
        Assert.That(span.GetTagItem("http.response.status_code"), Is.EqualTo(200));
        Assert.That(span.Tags.Select(t => t.Value), Has.None.Contains(MiladyCloudFakeServer.ApiKey));
    }

    [Test]
    public async Task Duration_retries_remaining_quota_and_tokens_are_measured()
    {
        using var fake = MiladyCloudFakeServer.Start();
        fake.Faults.Enqueue(FakeFault.Status(System.Net.HttpStatusCode.ServiceUnavailable));
        using var client = fake.CreateClient(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(1));
        var measured = new List<(string Name, double Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MiladyCloudTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => { lock (measured) { measured.Add((i.Name, v)); } });
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => { lock (measured) { measured.Add((i.Name, v)); } });
        listener.Start();

        await client.Chat.CreateAsync("openai/gpt-5.4", "hi");

        var names = measured.Select(m => m.Name).ToList();
        Assert.That(names, Does.Contain("miladycloud.client.request.duration")
            .And.Contain("miladycloud.client.retries")
            .And.Contain("miladycloud.client.retry.delay")
            .And.Contain("miladycloud.client.rate_limit.remaining")
            .And.Contain("gen_ai.client.token.usage.total"));
    }
}
