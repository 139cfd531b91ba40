using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Responses;

/// <summary>The fake serves POST /responses on both of the server's paths, with its error bodies and stream faults.</summary>
public class FakeServerResponsesTests
{
    private static readonly ResponseFunctionTool Weather = new()
    {
        Name = "get_weather",
        Parameters = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement,
    };

    [Test]
    public async Task The_translation_path_streams_data_only_text_events_with_usage_and_no_tool_events()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();
        var stream = client.Responses.StreamAsync(new CreateResponseRequest { Model = "anthropic/claude-sonnet-4.6", Input = "ping", Tools = [Weather] });
        var accumulator = new ResponseAccumulator();

        await foreach (var streamEvent in stream)
        {
            accumulator.Add(streamEvent);
        }

        var response = accumulator.ToResponse();
        Assert.Multiple(() =>
        {
            Assert.That(accumulator.IsFinished, Is.True);
            Assert.That(response.Status, Is.EqualTo(ResponseStatus.Completed));
            Assert.That(response.OutputText, Does.Contain("You said: ping"));
            Assert.That(accumulator.Text, Is.EqualTo(response.OutputText));
            Assert.That(response.Usage!.OutputTokens, Is.GreaterThan(0));
            Assert.That(response.Output.OfType<ResponseFunctionCall>(), Is.Empty, "a translated stream drops tool calls, as the server does");
            Assert.That(stream.SkippedEventCount, Is.Zero);
        });
    }

    [Test]
    public async Task The_translation_paths_JSON_answer_reports_a_tool_call_chat_style()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();

        var response = await client.Responses.CreateAsync(new CreateResponseRequest { Model = "anthropic/claude-sonnet-4.6", Input = "Weather?", Tools = [Weather] });

        var call = ((ResponseOutputMessage)response.Output.Single()).ToolCalls!.Single();
        Assert.That(call.Function.Name, Is.EqualTo("get_weather"));
        Assert.That(call.Function.Arguments, Is.EqualTo("""{"city":"example"}"""));
        Assert.That(response.Usage!.TotalTokens, Is.EqualTo(response.Usage.InputTokens + response.Usage.OutputTokens));
    }

    [Test]
    public async Task The_native_path_streams_a_function_call_and_answers_its_output()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();
        var request = new CreateResponseRequest { Model = "gpt-5.4", Input = "Weather in Paris?", Tools = [Weather] };

        var stream = client.Responses.StreamAsync(request);
        var types = new List<string?>();
        var accumulator = new ResponseAccumulator();
        await foreach (var streamEvent in stream)
        {
            types.Add(streamEvent.Type);
            accumulator.Add(streamEvent);
        }

        var first = accumulator.ToResponse();
        var call = first.Output.OfType<ResponseFunctionCall>().Single();
        var second = await client.Responses.CreateAsync(new CreateResponseRequest
        {
            Model = "gpt-5.4",
            Input = ResponseInput.FromItems(ResponseInputItem.User("Weather in Paris?"), ResponseInputItem.FromFunctionCall(call), ResponseInputItem.FunctionCallOutput(call.CallId, """{"sky":"clear"}""")),
            Tools = [Weather],
        });

        Assert.Multiple(() =>
        {
            Assert.That(types, Does.Contain("response.function_call_arguments.delta").And.Contain("response.content_part.added").And.Contain("response.in_progress"));
            Assert.That(types[^1], Is.EqualTo("response.completed"));
            Assert.That(first.Model, Is.EqualTo("openai/gpt-5.4"), "a bare id gains the provider prefix");
            Assert.That(call.Arguments, Is.EqualTo("""{"city":"example"}"""));
            Assert.That(stream.RateLimit, Is.Not.Null);
            Assert.That(second.Output.OfType<ResponseFunctionCall>(), Is.Empty);
            Assert.That(second.OutputText, Does.Contain("(tool result)"));
        });
    }

    [Test]
    public async Task A_stream_error_fault_is_an_error_event_on_the_native_path_and_a_cut_on_the_translation_path()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient(o => o.MaxRetries = 0);
        fake.Faults.Enqueue(FakeFault.StreamError(3, "rate_limit_exceeded", "Slow down"), "/responses");
        fake.Faults.Enqueue(FakeFault.StreamError(3), "/responses");

        var native = Assert.ThrowsAsync<MiladyCloudRateLimitedException>(() => client.Responses.StreamAsync(new CreateResponseRequest { Model = "m", Instructions = "x", Input = "Hi" }).ToResponseAsync());
        var translated = Assert.ThrowsAsync<MiladyCloudStreamIncompleteException>(() => client.Responses.StreamAsync("m", "Hi").ToResponseAsync());

        Assert.That(native!.ServerMessage, Is.EqualTo("Slow down"));
        Assert.That(translated!.ItemsReceived, Is.EqualTo(3));
        await Task.CompletedTask;
    }

    [Test]
    public void A_stream_cut_before_the_terminal_event_is_incomplete()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();
        fake.Faults.Enqueue(FakeFault.StreamCut(2), "/responses");

        var ex = Assert.ThrowsAsync<MiladyCloudStreamIncompleteException>(() => client.Responses.StreamAsync("m", "Hi").ToResponseAsync());

        Assert.That(ex!.ItemsReceived, Is.EqualTo(2));
    }

    [TestCase("""{"input":"Hi"}""", 400, "missing_required_parameter", "model")]
    [TestCase("""{"instructions":"x"}""", 400, "missing_required_parameter", "model")]
    [TestCase("""{"model":"m"}""", 400, "invalid_value", "input")]
    [TestCase("""{"model":"m","input":[{"role":"system","content":""},{"content":"x"}]}""", 400, "invalid_value", "messages.0.role")]
    [TestCase("""{"model":"m","input":[{"role":"user","content":[{"type":"input_text","text":" "}]}]}""", 400, "invalid_value", "messages.0.content")]
    [TestCase("""{"model":"m","input":[{"role":"user","content":42}]}""", 400, "invalid_value", "messages.0.content")]
    [TestCase("""[1]""", 400, "invalid_json", null)]
    [TestCase("""{not json""", 400, "invalid_json", null)]
    public async Task The_handlers_refusals_come_with_its_bodies(string body, int status, string code, string? param)
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var http = new HttpClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri(fake.BaseUrl, "responses"), content);

        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.That((int)response.StatusCode, Is.EqualTo(status));
        Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(error.TryGetProperty("param", out var p) ? p.GetString() : null, Is.EqualTo(param));
    }

    [Test]
    public async Task A_request_without_credentials_is_answered_as_the_anonymous_fallback_does()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var http = new HttpClient();
        using var content = new StringContent("""{"model":"m","input":"Hi"}""", Encoding.UTF8, "application/json");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eliza_not_a_real_key");

        using var response = await http.PostAsync(new Uri(fake.BaseUrl, "responses"), content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_native_path_marks_its_answers_as_passed_through()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var http = new HttpClient();
        using var content = new StringContent("""{"model":"gpt-5","input":"Hi"}""", Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri(fake.BaseUrl, "responses"), content);

        Assert.That(response.Headers.GetValues("x-eliza-responses-passthrough").Single(), Is.EqualTo("1"));
    }
}
