using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using MiladyCloud.Sdk.Tests.Infrastructure;

namespace MiladyCloud.Sdk.Tests.AI;

/// <summary><c>client.Messages.AsChatClient()</c>: what goes over the wire, what comes back, and what is refused before sending.</summary>
public class MessagesChatClientAdapterTests
{
    private static readonly AIFunction Weather = AIFunctionFactory.Create((string city, int days) => "sunny", "get_weather", "Weather for a city.");

    [Test]
    public async Task A_full_history_with_tool_calls_and_results_and_every_option_goes_over_the_wire_exactly()
    {
        using var api = new FakeApi();
        MessagesAiScript.Answer(api, MessagesAiScript.TextMessage);
        var chat = api.Client.Messages.AsChatClient(MessagesAiScript.Model, defaultMaxTokens: 2048);
        List<ChatMessage> history =
        [
            new(ChatRole.System, "You are terse."),
            new(ChatRole.User, [new TextContent("What is this, and the weather there?"), new DataContent(new byte[] { 1, 2, 3 }, "image/png"), new UriContent("https://example.com/paris.jpg", "image/jpeg")]),
            new(ChatRole.Assistant,
            [
                new TextContent("Paris. Let me check."),
                new FunctionCallContent("toolu_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris", ["days"] = 2 }),
                new FunctionCallContent("toolu_2", "get_time"),
            ]),
            new(ChatRole.Tool, [new FunctionResultContent("toolu_1", "sunny"), new FunctionResultContent("toolu_2", null)]),
            new(ChatRole.Assistant, "Sunny in Paris."),
            new(ChatRole.User, "Thanks."),
            new(ChatRole.User, "And tomorrow?"),
        ];
        var options = new ChatOptions
        {
            ModelId = "anthropic/claude-sonnet-4.6",
            Instructions = "Be brief.",
            MaxOutputTokens = 300,
            Temperature = 0.3f,
            TopP = 0.7f,
            TopK = 40,
            StopSequences = ["END"],
            Tools = [Weather],
            ToolMode = ChatToolMode.RequireSpecific("get_weather"),
        };

        await chat.GetResponseAsync(history, options);

        var schema = JsonSerializer.Serialize(Weather.JsonSchema);
        Assert.That(api.SingleRequest().RequestMessage!.Body, Is.EqualTo(
            """{"model":"anthropic/claude-sonnet-4.6","max_tokens":300,"messages":[""" +
            """{"role":"user","content":[{"type":"text","text":"What is this, and the weather there?"},""" +
            """{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AQID"}},""" +
            """{"type":"image","source":{"type":"url","url":"https://example.com/paris.jpg"}}]},""" +
            """{"role":"assistant","content":[{"type":"text","text":"Paris. Let me check."},""" +
            """{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris","days":2}},""" +
            """{"type":"tool_use","id":"toolu_2","name":"get_time","input":{}}]},""" +
            """{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"},{"type":"tool_result","tool_use_id":"toolu_2","content":""}]},""" +
            """{"role":"assistant","content":"Sunny in Paris."},""" +
            """{"role":"user","content":[{"type":"text","text":"Thanks."},{"type":"text","text":"And tomorrow?"}]}],"system":""" +
            """[{"type":"text","text":"Be brief."},{"type":"text","text":"You are terse."}],"temperature":0.3,"top_p":0.7,"top_k":40,"stop_sequences":["END"],"tools":""" +
            $$$"""[{"name":"get_weather","description":"Weather for a city.","input_schema":{{{schema}}}}],"tool_choice":{"type":"tool","name":"get_weather"}}"""));
    }

    [Test]
    public async Task Temperature_the_default_limit_and_the_other_tool_modes_are_sent()
    {
        using var api = new FakeApi();
        MessagesAiScript.Answer(api, MessagesAiScript.TextMessage);
        var chat = api.Client.Messages.AsChatClient("openai/gpt-5.4", defaultMaxTokens: 2048);

        await chat.GetResponseAsync("hi", new ChatOptions { Temperature = 1.5f, Tools = [Weather], ToolMode = ChatToolMode.RequireAny });
        await chat.GetResponseAsync("hi", new ChatOptions { Tools = [Weather], ToolMode = ChatToolMode.Auto });
        await chat.GetResponseAsync("hi", new ChatOptions { Tools = [Weather], ToolMode = ChatToolMode.None });
        await api.Client.Messages.AsChatClient("openai/gpt-5.4").GetResponseAsync("hi");

        var bodies = api.Server.LogEntries.Select(e => JsonDocument.Parse(e.RequestMessage!.Body!).RootElement).ToList();
        Assert.That(bodies[0].GetProperty("temperature").GetDouble(), Is.EqualTo(1.5), "0-2 for models other than Anthropic's");
        Assert.That(bodies[0].GetProperty("max_tokens").GetInt32(), Is.EqualTo(2048), "the adapter's default limit");
        Assert.That(bodies.Select(b => b.TryGetProperty("tool_choice", out var c) ? c.GetRawText() : null).Take(3), Is.EqualTo(new[]
        {
            """{"type":"any"}""", """{"type":"auto"}""", """{"type":"none"}""",
        }));
        Assert.That(bodies[3].GetProperty("max_tokens").GetInt32(), Is.EqualTo(1024), "the documented fallback");
        Assert.That(bodies[3].GetProperty("messages").GetRawText(), Is.EqualTo("""[{"role":"user","content":"hi"}]"""));
        Assert.That(bodies[3].TryGetProperty("system", out _), Is.False);
    }

    [Test]
    public async Task Tool_results_and_the_next_user_text_stay_in_separate_user_turns()
    {
        using var api = new FakeApi();
        MessagesAiScript.Answer(api, MessagesAiScript.TextMessage);
        List<ChatMessage> history =
        [
            new(ChatRole.User, "Weather?"),
            new(ChatRole.Assistant, [new FunctionCallContent("toolu_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
            new(ChatRole.Tool, [new FunctionResultContent("toolu_1", new { temperature = 18 })]),
            new(ChatRole.User, "In Fahrenheit?"),
        ];

        await api.Client.Messages.AsChatClient(MessagesAiScript.Model).GetResponseAsync(history);

        // The service puts a user turn's text before its tool results: merged, the text would split the call from its result.
        var messages = JsonDocument.Parse(api.SingleRequest().RequestMessage!.Body!).RootElement.GetProperty("messages");
        Assert.That(messages.GetRawText(), Is.EqualTo(
            """[{"role":"user","content":"Weather?"},""" +
            """{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},""" +
            """{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"{\u0022temperature\u0022:18}"}]},""" +
            """{"role":"user","content":"In Fahrenheit?"}]"""));
    }

    [Test]
    public async Task A_template_from_RawRepresentationFactory_is_the_base_of_the_request()
    {
        using var api = new FakeApi();
        MessagesAiScript.Answer(api, MessagesAiScript.TextMessage);
        var options = new ChatOptions
        {
            RawRepresentationFactory = _ => new MiladyCloud.Sdk.Models.MessageRequest { Model = "claude-haiku-4-5", MaxTokens = 77, Messages = [], System = "From the template." },
        };

        await api.Client.Messages.AsChatClient(MessagesAiScript.Model).GetResponseAsync("hi", options);

        var body = JsonDocument.Parse(api.SingleRequest().RequestMessage!.Body!).RootElement;
        Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("claude-haiku-4-5"));
        Assert.That(body.GetProperty("max_tokens").GetInt32(), Is.EqualTo(77));
        Assert.That(body.GetProperty("system").GetString(), Is.EqualTo("From the template."));
    }

    [Test]
    public async Task A_response_maps_text_tool_calls_usage_finish_reason_ids_and_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero));
        using var api = new FakeApi(o => o.TimeProvider = clock);
        MessagesAiScript.Answer(api, MessagesAiScript.ToolUseMessage);

        var response = await api.Client.Messages.AsChatClient(MessagesAiScript.Model).GetResponseAsync("Weather in Paris?");

        var message = response.Messages.Single();
        Assert.That(message.Role, Is.EqualTo(ChatRole.Assistant));
        Assert.That(message.Contents[0], Is.TypeOf<TextContent>().With.Property("Text").EqualTo("Let me check."));
        var call = (FunctionCallContent)message.Contents[1];
        Assert.That((call.CallId, call.Name), Is.EqualTo(("toolu_1", "get_weather")));
        Assert.That(((JsonElement)call.Arguments!["city"]!).GetString(), Is.EqualTo("Paris"));
        Assert.That(((JsonElement)call.Arguments["days"]!).GetInt32(), Is.EqualTo(2));
        Assert.That(call.RawRepresentation, Is.InstanceOf<MiladyCloud.Sdk.Models.ToolUseBlock>());
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
        Assert.That((response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount), Is.EqualTo((31L, 9L, 40L)));
        Assert.That(response.ResponseId, Is.EqualTo("msg_0a1b2c3d4e5f60718293a4b5"));
        Assert.That(message.MessageId, Is.EqualTo("msg_0a1b2c3d4e5f60718293a4b5"));
        Assert.That(response.ModelId, Is.EqualTo("claude-sonnet-4-6"));
        Assert.That(response.CreatedAt, Is.EqualTo(clock.GetUtcNow()), "messages carry no time: the time they arrived");
        Assert.That(response.RawRepresentation, Is.InstanceOf<MiladyCloud.Sdk.Models.Message>());
        Assert.That(message.RawRepresentation, Is.SameAs(response.RawRepresentation));
    }

    [TestCase("end_turn", "stop")]
    [TestCase("stop_sequence", "stop")]
    [TestCase("max_tokens", "length")]
    [TestCase("tool_use", "tool_calls")]
    [TestCase("refusal", "content_filter")]
    [TestCase("pause_turn", "pause_turn")]
    [TestCase("something_new", "something_new")]
    public async Task Stop_reasons_map_to_finish_reasons(string stopReason, string finishReason)
    {
        using var api = new FakeApi();
        var stopSequence = stopReason == "stop_sequence" ? "\"END\"" : "null";
        MessagesAiScript.Answer(api, MessagesAiScript.TextMessage.Replace("\"stop_reason\":\"end_turn\",\"stop_sequence\":null", $"\"stop_reason\":\"{stopReason}\",\"stop_sequence\":{stopSequence}", StringComparison.Ordinal));

        var response = await api.Client.Messages.AsChatClient(MessagesAiScript.Model).GetResponseAsync("hi");

        Assert.That(response.FinishReason!.Value.Value, Is.EqualTo(finishReason));
        Assert.That(response.AdditionalProperties?["stop_sequence"], stopReason == "stop_sequence" ? Is.EqualTo("END") : Is.Null);
    }

    [Test]
    public async Task The_services_empty_text_block_is_no_content_and_tool_input_that_is_not_json_carries_the_error()
    {
        using var api = new FakeApi();
        MessagesAiScript.Answer(api, MessagesAiScript.ToolUseMessage.Replace("Let me check.", string.Empty, StringComparison.Ordinal).Replace("""{"city":"Paris","days":2}""", "\"not an object\"", StringComparison.Ordinal));

        var response = await api.Client.Messages.AsChatClient(MessagesAiScript.Model).GetResponseAsync("hi");

        var contents = response.Messages.Single().Contents;
        Assert.That(contents, Has.Count.EqualTo(1));
        Assert.That(((FunctionCallContent)contents[0]).Exception, Is.Not.Null, "the function-invoking layer reports it to the model");
    }

    private static IEnumerable<TestCaseData> Unsupported()
    {
        yield return Refused(new ChatOptions { Seed = 7 }, "Seed");
        yield return Refused(new ChatOptions { FrequencyPenalty = 0.5f }, "FrequencyPenalty");
        yield return Refused(new ChatOptions { PresencePenalty = 0.5f }, "PresencePenalty");
        yield return Refused(new ChatOptions { ResponseFormat = ChatResponseFormat.Json }, "ResponseFormat");
        yield return Refused(new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } }, "Reasoning");
        yield return Refused(new ChatOptions { ConversationId = "conv_1" }, "ConversationId");
        yield return Refused(new ChatOptions { AllowMultipleToolCalls = false, Tools = [Weather] }, "AllowMultipleToolCalls");
        yield return Refused(new ChatOptions { AdditionalProperties = new() { ["metadata"] = "x" } }, "AdditionalProperties (metadata)");
        yield return Refused(new ChatOptions { Tools = [new HostedWebSearchTool()] }, "HostedWebSearchTool");
        yield return Refused(new ChatOptions { Tools = [Weather], ToolMode = ChatToolMode.RequireSpecific("get_time") }, "get_time");
        yield return Refused(new ChatOptions { ToolMode = ChatToolMode.RequireAny }, "RequireAny");
    }

    [TestCaseSource(nameof(Unsupported))]
    public void Options_the_service_would_ignore_are_refused_before_sending(ChatOptions options, string named)
    {
        using var api = new FakeApi();

        var error = Assert.ThrowsAsync<NotSupportedException>(() => api.Client.Messages.AsChatClient(MessagesAiScript.Model).GetResponseAsync("hi", options));

        Assert.That(error!.Message, Does.Contain(named));
        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    private static IEnumerable<TestCaseData> UnsendableContent()
    {
        yield return Unsendable(new ChatMessage(ChatRole.User, [new UriContent("https://example.com/a.mp3", "audio/mpeg")]), "audio/mpeg");
        yield return Unsendable(new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1 }, "application/pdf")]), "application/pdf");
        yield return Unsendable(new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1 }, "image/bmp")]), "image/bmp");
        yield return Unsendable(new ChatMessage(ChatRole.Assistant, [new DataContent(new byte[] { 1 }, "image/png")]), "ignores images");
        yield return Unsendable(new ChatMessage(ChatRole.User, [new FunctionCallContent("c1", "f")]), "tool_use blocks outside assistant turns");
        yield return Unsendable(new ChatMessage(ChatRole.System, [new DataContent(new byte[] { 1 }, "image/png")]), "text only");
        yield return Unsendable(new ChatMessage(new ChatRole("developer"), "x"), "role 'developer'");
        yield return Unsendable(new ChatMessage(ChatRole.User, [new ErrorContent("boom")]), "ErrorContent");
    }

    [TestCaseSource(nameof(UnsendableContent))]
    public void Content_the_service_would_ignore_is_refused_before_sending(ChatMessage message, string named)
    {
        using var api = new FakeApi();

        var error = Assert.ThrowsAsync<NotSupportedException>(() => api.Client.Messages.AsChatClient(MessagesAiScript.Model).GetResponseAsync([new ChatMessage(ChatRole.User, "hi"), message]));

        Assert.That(error!.Message, Does.Contain(named));
        Assert.That(error.Message, Does.Contain("messages[1]"));
        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    [TestCase("claude-sonnet-4-6", 1.5f, null, "temperature must be between 0 and 1")]
    [TestCase("openai/gpt-5.4", 2.5f, null, "temperature must be between 0 and 2")]
    [TestCase("claude-opus-4-6", 0.5f, null, "reasoning models")]
    [TestCase("openai/o3-mini", 0.5f, null, "reasoning models")]
    [TestCase("openai/gpt-5.4", null, 40, "top_k")]
    public void Sampling_the_service_or_the_provider_would_not_honour_is_refused_before_sending(string model, float? temperature, int? topK, string message)
    {
        using var api = new FakeApi();

        var error = Assert.ThrowsAsync<ArgumentException>(() => api.Client.Messages.AsChatClient(model).GetResponseAsync("hi", new ChatOptions { Temperature = temperature, TopK = topK }));

        Assert.That(error!.Message, Does.Contain(message));
        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void Reasoning_and_usage_content_in_the_history_are_not_sent_and_empty_text_is_skipped()
    {
        using var api = new FakeApi();
        MessagesAiScript.Answer(api, MessagesAiScript.TextMessage);
        List<ChatMessage> history =
        [
            new(ChatRole.User, "hi"),
            new(ChatRole.Assistant, [new TextReasoningContent("thinking..."), new UsageContent(new UsageDetails { InputTokenCount = 3 }), new TextContent(string.Empty), new TextContent("Hello.")]),
            new(ChatRole.User, "Again."),
        ];

        Assert.That(async () => await api.Client.Messages.AsChatClient(MessagesAiScript.Model).GetResponseAsync(history), Throws.Nothing);

        Assert.That(JsonDocument.Parse(api.SingleRequest().RequestMessage!.Body!).RootElement.GetProperty("messages").GetRawText(), Is.EqualTo(
            """[{"role":"user","content":"hi"},{"role":"assistant","content":"Hello."},{"role":"user","content":"Again."}]"""));
    }

    [Test]
    public void Service_errors_surface_as_the_sdk_typed_exceptions()
    {
        using var api = new FakeApi();
        api.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/api/v1/messages").UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(429).WithHeader("Content-Type", "application/json")
                .WithBody("""{"type":"error","error":{"type":"rate_limit_error","message":"Insufficient credits. Required: $0.0123"}}"""));

        Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => api.Client.Messages.AsChatClient(MessagesAiScript.Model).GetResponseAsync("hi"));
    }

    [Test]
    public void GetService_exposes_metadata_and_the_underlying_client()
    {
        using var api = new FakeApi();
        var chat = api.Client.Messages.AsChatClient(MessagesAiScript.Model);

        var metadata = chat.GetService<ChatClientMetadata>()!;
        Assert.That(metadata.ProviderName, Is.EqualTo("elizaos.cloud"));
        Assert.That(metadata.DefaultModelId, Is.EqualTo(MessagesAiScript.Model));
        Assert.That(metadata.ProviderUri, Is.EqualTo(api.Options.BaseUrl));
        Assert.That(chat.GetService<MessagesClient>(), Is.SameAs(api.Client.Messages));
        Assert.That(chat.GetService<IChatClient>(), Is.SameAs(chat));
        Assert.That(chat.GetService<ChatClientMetadata>("some key"), Is.Null);
        Assert.That(chat.GetService<ChatClient>(), Is.Null);
    }

    [Test]
    public void The_default_model_and_limit_are_checked_when_the_adapter_is_made()
    {
        using var api = new FakeApi();

        Assert.Throws<ArgumentException>(() => api.Client.Messages.AsChatClient(" "));
        Assert.Throws<ArgumentOutOfRangeException>(() => api.Client.Messages.AsChatClient(MessagesAiScript.Model, 0));
    }

    [Test]
    public async Task Works_against_the_in_process_fake_of_the_service()
    {
        using var fake = MiladyCloud.Sdk.Testing.MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();
        var chat = client.Messages.AsChatClient(MessagesAiScript.Model);

        var response = await chat.GetResponseAsync("ping");
        var streamed = await chat.GetStreamingResponseAsync("ping").ToChatResponseAsync();

        Assert.That(response.Text, Does.Contain("You said: ping"));
        Assert.That(streamed.Text, Is.EqualTo(response.Text));
        Assert.That(streamed.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(streamed.Usage!.OutputTokenCount, Is.EqualTo(response.Usage!.OutputTokenCount));
    }

    private static TestCaseData Refused(ChatOptions options, string named) => new TestCaseData(options, named).SetName($"Refused: {named}");

    private static TestCaseData Unsendable(ChatMessage message, string named) => new TestCaseData(message, named).SetName($"Unsendable: {named}");
}
