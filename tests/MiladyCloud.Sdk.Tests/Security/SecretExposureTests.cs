using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MiladyCloud.Sdk.Tests.Reliability;
using MiladyCloud.Sdk.Tests.Reliability.Infrastructure;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Security;

/// <summary>
/// Drives successes, retries, errors that echo credentials, malformed answers, stream failures and timeouts, and
/// captures every log record, span, metric tag, exception text and ToString(): no credential appears in any of them.
/// </summary>
[NonParallelizable]
public class SecretExposureTests
{
    private const string Key = "eliza_5ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e7";
    private const string Session = "privy-session-5ec2e7-token-value";

    [Test]
    public async Task No_credential_reaches_logs_spans_metrics_exceptions_or_ToString()
    {
        var echo = $"Invalid API key {Key}; session {Session}; header Bearer {Key}";
        var attempts = 0;
        using var server = new RawServer(async c =>
        {
            while (await c.ReadRequestAsync() is { } request)
            {
                var body = request.Target switch
                {
                    _ when request.Target.EndsWith("/models", StringComparison.Ordinal) && Interlocked.Increment(ref attempts) == 1 => (503, """{"error":"busy"}"""),
                    _ when request.Target.EndsWith("/models", StringComparison.Ordinal) => (200, ModelList),
                    _ when request.Target.Contains("/models/a", StringComparison.Ordinal) => (401, $$$"""{"error":{"message":"{{{echo}}}","type":"authentication_error"}}"""),
                    _ when request.Target.Contains("/models/b", StringComparison.Ordinal) => (500, $$"""{"success":false,"error":"{{echo}}"}"""),
                    _ when request.Target.Contains("/models/c", StringComparison.Ordinal) => (200, $$"""{"id":"{{echo}}","object":"""),
                    _ when request.Body.Contains("\"stream\":true", StringComparison.Ordinal) => (-1, string.Empty),
                    _ => (200, $$"""{"id":"{{echo}}"}"""),
                };
                if (body.Item1 == -1)
                {
                    await c.StartEventStreamAsync();
                    await c.WriteAsync(ChatChunk("ok") + $$$"""data: {"error":{"message":"{{{echo}}}","type":"api_error"}}""" + "\n\n");
                    c.Close();
                    return;
                }

                await c.RespondAsync(body.Item1, body.Item2);
            }
        });
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        var spans = new List<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MiladyCloudTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) { spans.Add(a); } },
        };
        ActivitySource.AddActivityListener(activities);
        var measurements = new StringBuilder();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MiladyCloudTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(measurements, i, tags));
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(measurements, i, tags));
        meters.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(measurements, i, tags));
        meters.Start();
        var options = new MiladyCloudClientOptions
        {
            ApiKey = Key,
            SessionToken = Session,
            Authentication = MiladyCloudAuthentication.Both,
            BaseUrl = server.BaseUrl,
            MaxRetries = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            LoggerFactory = loggerFactory,
        };
        using var client = new MiladyCloudClient(options);
        var texts = new List<string> { options.ToString()!, client.ToString()!, client.Models.ToString()!, client.Chat.ToString()! };

        await client.Models.ListAsync(useCache: false).WaitAsync(HangBound);
        foreach (var call in new Func<Task>[]
        {
            () => client.Models.GetAsync("a"),
            () => client.Models.GetAsync("b"),
            () => client.Models.GetAsync("c"),
            () => client.Chat.CreateAsync(ChatRequest()),
            () => ConnectionFaultTests.ReadContentAsync(client, []),
            () => Client(new Uri($"http://127.0.0.1:{RawServer.UnusedPort()}/api/v1/"), o => { o.ApiKey = Key; o.LoggerFactory = loggerFactory; }).Models.ListAsync(),
        })
        {
            var outcome = await OutcomeAsync(call());
            Assert.That(outcome, Is.InstanceOf<MiladyCloudException>());
            texts.Add(outcome!.ToString());
            texts.Add(outcome.Data.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (outcome is MiladyCloudApiException api)
            {
                texts.Add(api.RawBody ?? string.Empty);
                texts.Add(api.ServerMessage ?? string.Empty);
                texts.Add(api.Details?.ToString() ?? string.Empty);
            }

            if (outcome is MiladyCloudResponseFormatException format)
            {
                texts.Add(format.RawBody ?? string.Empty);
            }
        }

        texts.AddRange(logs.GetSnapshot().Select(r => r.Message + " " + r.Exception + " " + string.Join(",", r.StructuredState ?? [])));
        lock (spans)
        {
            texts.AddRange(spans.Select(s => s.DisplayName + " " + s.StatusDescription + " " + string.Join(",", s.Tags) + string.Join(",", s.Events.Select(e => e.Name + string.Join(",", e.Tags)))));
        }

        texts.Add(measurements.ToString());
        var everything = string.Join("\n", texts);

        Assert.That(logs.GetSnapshot(), Is.Not.Empty);
        Assert.That(spans, Is.Not.Empty);
        Assert.That(measurements.Length, Is.GreaterThan(0));
        Assert.That(everything, Does.Not.Contain(Key[6..]), "the API key leaked");
        Assert.That(everything, Does.Not.Contain(Session), "the session token leaked");
    }

    private static void Record(StringBuilder into, Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = new StringBuilder(instrument.Name);
        foreach (var tag in tags)
        {
            text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
        }

        lock (into)
        {
            into.AppendLine(text.ToString());
        }
    }
}
