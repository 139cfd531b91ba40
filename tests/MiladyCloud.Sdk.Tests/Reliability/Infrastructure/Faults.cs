using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;

namespace MiladyCloud.Sdk.Tests.Reliability.Infrastructure;

/// <summary>Clients, payloads and bounded waits shared by the fault, load and security tests.</summary>
internal static class Faults
{
    /// <summary>Longest any single fault may take before the test calls it a hang.</summary>
    public static readonly TimeSpan HangBound = TimeSpan.FromSeconds(5);

    public const string Completion = """{"id":"chatcmpl-1","object":"chat.completion","created":1714230000,"model":"openai/gpt-5.4","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}""";

    public const string ModelList = """{"object":"list","data":[{"id":"openai/gpt-5.4","object":"model","created":1714230000,"owned_by":"openai"}]}""";

    public static MiladyCloudClient Client(RawServer server, Action<MiladyCloudClientOptions>? configure = null)
        => Client(server.BaseUrl, configure);

    /// <summary>
    /// A client without retries or rate-limit pacing: these suites send hundreds of calls to one client, and pacing to
    /// the server's presets is the subject of the RateLimiting tests, not of these.
    /// </summary>
    public static MiladyCloudClient Client(Uri baseUrl, Action<MiladyCloudClientOptions>? configure = null)
    {
        var options = new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey, BaseUrl = baseUrl, MaxRetries = 0, HoldWhenRateLimitExhausted = false };
        configure?.Invoke(options);
        return new MiladyCloudClient(options);
    }

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

    public static ChatCompletionRequest ChatRequest() => new() { Model = "openai/gpt-5.4", Messages = [new ChatMessage { Role = ChatRole.User, Content = "Hi" }] };

    public static string ChatChunk(string content)
        => $$"""data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"{{content}}"},"finish_reason":null}]}""" + "\n\n";

    public const string Done = "data: [DONE]\n\n";

    /// <summary>Runs the call to its end within <see cref="HangBound"/> and returns what it threw (null for success).</summary>
    public static async Task<Exception?> OutcomeAsync(Task call)
    {
        try
        {
            await call.WaitAsync(HangBound);
            return null;
        }
        catch (TimeoutException) when (!call.IsCompleted)
        {
            Assert.Fail($"the call did not finish within {HangBound.TotalSeconds} s: it hangs");
            throw;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>Steps a fake clock (bounded) until the task completes: the SDK's timers start at moments the test cannot see.</summary>
    public static async Task AdvanceUntilDoneAsync(FakeTimeProvider clock, Task task, TimeSpan step)
    {
        for (var i = 0; i < 400 && !task.IsCompleted; i++)
        {
            clock.Advance(step);
            await Task.Delay(5);
        }
    }

    public static async Task<List<T>> ReadAllAsync<T>(IAsyncEnumerable<T> stream, List<T>? into = null)
    {
        var items = into ?? [];
        await foreach (var item in stream)
        {
            items.Add(item);
        }

        return items;
    }
}
