using System.Text.Json;
using MiladyCloud.Sdk.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace MiladyCloud.Sdk.Tests.AI;

/// <summary><c>client.Chat.AsChatClient()</c>: what goes over the wire and what comes back, both ways.</summary>
public class ChatClientAdapterTests
{
    [Test]
    public async Task GetResponseAsync_sends_messages_and_options_exactly()
    {
        using var api = new FakeApi();
        AiScript.Answer(api, AiScript.TextCompletion);
        var chat = api.Client.Chat.AsChatClient(AiScript.Model);
        var weather = AIFunctionFactory.Create((string city) => "sunny", "get_weather", "Weather for a city.");
        List<ChatMessage> history =
        [
            new(ChatRole.User, [new TextContent("What is this?"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")]),
            new(ChatRole.Assistant, "A picture."),
            new(ChatRole.User, "Of what?"),
        ];
        var options = new ChatOptions
        {
            Instructions = "Be brief.",
            Temperature = 0.5f,
            TopP = 0.25f,
            MaxOutputTokens = 100,
            StopSequences = ["END"],
            Tools = [weather],
            ToolMode = ChatToolMode.RequireSpecific("get_weather"),
            Seed = 7,
            AdditionalProperties = new() { ["user"] = "u-1" },
        };

        await chat.GetResponseAsync(history, options);

        var body = JsonDocument.Parse(api.SingleRequest().RequestMessage!.Body!).RootElement;
        Assert.That(body.GetProperty("model").GetString(), Is.EqualTo(AiScript.Model));
        Assert.That(body.GetProperty("messages").GetRawText(), Is.EqualTo(
            """[{"role":"system","content":"Be brief."},""" +
            """{"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AQID"}}]},""" +
            """{"role":"assistant","content":"A picture."},""" +
            """{"role":"user","content":"Of what?"}]"""));
        Assert.That(body.GetProperty("temperature").GetDouble(), Is.EqualTo(0.5));
        Assert.That(body.GetProperty("top_p").GetDouble(), Is.EqualTo(0.25));
        Assert.That(body.GetProperty("max_tokens").GetInt32(), Is.EqualTo(100));
        Assert.That(body.GetProperty("stop").GetRawText(), Is.EqualTo("""["END"]"""));
        Assert.That(body.GetProperty("seed").GetInt64(), Is.EqualTo(7));
        Assert.That(body.GetProperty("user").GetString(), Is.EqualTo("u-1"));
        Assert.That(body.GetProperty("tool_choice").GetRawText(), Is.EqualTo("""{"type":"function","function":{"name":"get_weather"}}"""));
        var tool = body.GetProperty("tools")[0];
        Assert.That(tool.GetProperty("type").GetString(), Is.EqualTo("function"));
        Assert.That(tool.GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("get_weather"));
        Assert.That(tool.GetProperty("function").GetProperty("description").GetString(), Is.EqualTo("Weather for a city."));
        Assert.That(tool.GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("city").GetProperty("type").GetString(), Is.EqualTo("string"));
        Assert.That(body.TryGetProperty("stream", out _), Is.False);
    }

    [Test]
    public void A_history_with_tool_results_is_refused_before_sending_and_points_to_messages()
    {
        using var api = new FakeApi();
        var chat = api.Client.Chat.AsChatClient(AiScript.Model);
        List<ChatMessage> history =
        [
            new(ChatRole.User, "Weather in Paris?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "sunny")]),
        ];

        var error = Assert.ThrowsAsync<ArgumentException>(() => chat.GetResponseAsync(history));

        Assert.That(error!.Message, Does.Contain("client.Messages"));
        Assert.That(api.Server.LogEntries, Is.Empty, "the service answers 500 to such a history: nothing is sent");
    }

    [Test]
    public void A_history_ending_in_an_assistant_tool_call_is_refused_before_sending_for_its_missing_content()
    {
        using var api = new FakeApi();
        var chat = api.Client.Chat.AsChatClient(AiScript.Model);
        List<ChatMessage> history =
        [
            new(ChatRole.User, "Weather in Paris?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
        ];

        var error = Assert.ThrowsAsync<ArgumentException>(() => chat.GetResponseAsync(history));

        Assert.That(error!.Message, Does.Contain("messages[1] has no content").And.Contain("client.Messages"));
        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task GetResponseAsync_maps_tool_calls_usage_finish_reason_and_ids()
    {
        using var api = new FakeApi();
        AiScript.Answer(api, AiScript.ToolCallCompletion);

        var response = await api.Client.Chat.AsChatClient(AiScript.Model).GetResponseAsync("Weather in Paris?");

        var call = response.Messages.Single().Contents.OfType<FunctionCallContent>().Single();
        Assert.That(call.CallId, Is.EqualTo("call_1"));
        Assert.That(call.Name, Is.EqualTo("get_weather"));
        Assert.That(((JsonElement)call.Arguments!["city"]!).GetString(), Is.EqualTo("Paris"));
        Assert.That(((JsonElement)call.Arguments["days"]!).GetInt32(), Is.EqualTo(2));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
        Assert.That(response.Usage!.InputTokenCount, Is.EqualTo(31));
        Assert.That(response.Usage.OutputTokenCount, Is.EqualTo(9));
        Assert.That(response.Usage.TotalTokenCount, Is.EqualTo(40));
        Assert.That(response.ResponseId, Is.EqualTo("chatcmpl-7"));
        Assert.That(response.ModelId, Is.EqualTo("openai/gpt-5.4"));
        Assert.That(response.CreatedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1714230000)));
        Assert.That(response.Messages.Single().Role, Is.EqualTo(ChatRole.Assistant));
        Assert.That(response.RawRepresentation, Is.InstanceOf<MiladyCloud.Sdk.Models.ChatCompletion>());
    }

    [Test]
    public async Task Streaming_updates_add_up_to_the_text_and_one_complete_tool_call()
    {
        using var api = new FakeApi();
        AiScript.Answer(api, AiScript.ToolCallStream(), "text/event-stream");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in api.Client.Chat.AsChatClient(AiScript.Model).GetStreamingResponseAsync("Weather?"))
        {
            updates.Add(update);
        }

        var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.That(calls, Has.Count.EqualTo(1), "a tool call is emitted once, complete, not per fragment");
        Assert.That(calls[0].CallId, Is.EqualTo("call_9"));
        Assert.That(((JsonElement)calls[0].Arguments!["city"]!).GetString(), Is.EqualTo("Paris"));
        var response = updates.ToChatResponse();
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
        Assert.That(response.Usage!.TotalTokenCount, Is.EqualTo(40));
        Assert.That(response.ResponseId, Is.EqualTo("chatcmpl-9"));
        Assert.That(response.ModelId, Is.EqualTo("openai/gpt-5.4"));
        var sent = JsonDocument.Parse(api.SingleRequest().RequestMessage!.Body!).RootElement;
        Assert.That(sent.GetProperty("stream").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Streaming_text_arrives_piece_by_piece()
    {
        using var api = new FakeApi();
        AiScript.Answer(api, AiScript.TextStream("Sun", "ny in ", "Paris."), "text/event-stream");

        var texts = new List<string>();
        await foreach (var update in api.Client.Chat.AsChatClient(AiScript.Model).GetStreamingResponseAsync("Weather?"))
        {
            texts.Add(update.Text);
        }

        Assert.That(texts, Is.EqualTo(new[] { "Sun", "ny in ", "Paris.", string.Empty }));
    }

    [Test]
    public async Task A_tool_call_whose_arguments_are_not_json_carries_the_parse_error()
    {
        using var api = new FakeApi();
        AiScript.Answer(api, AiScript.ToolCallCompletion.Replace("{\\\"city\\\":\\\"Paris\\\",\\\"days\\\":2}", "{not json", StringComparison.Ordinal));

        var response = await api.Client.Chat.AsChatClient(AiScript.Model).GetResponseAsync("Weather?");

        var call = response.Messages.Single().Contents.OfType<FunctionCallContent>().Single();
        Assert.That(call.Exception, Is.Not.Null);
    }

    [Test]
    public void No_model_anywhere_fails_before_sending()
    {
        using var api = new FakeApi();
        var chat = api.Client.Chat.AsChatClient();

        Assert.ThrowsAsync<ArgumentException>(() => chat.GetResponseAsync("hi"));
        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void Content_chat_completions_cannot_carry_fails_before_sending()
    {
        using var api = new FakeApi();
        var chat = api.Client.Chat.AsChatClient(AiScript.Model);

        var error = Assert.ThrowsAsync<NotSupportedException>(() => chat.GetResponseAsync([new ChatMessage(ChatRole.User, [new UriContent("https://example.com/a.mp3", "audio/mpeg")])]));
        Assert.That(error!.Message, Does.Contain("UriContent"));
        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void Service_errors_surface_as_the_sdk_typed_exceptions()
    {
        using var api = new FakeApi();
        api.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/api/v1/chat/completions").UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(402).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"message":"Insufficient credits","type":"insufficient_quota","code":"insufficient_credits"}}"""));

        Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => api.Client.Chat.AsChatClient(AiScript.Model).GetResponseAsync("hi"));
    }

    [Test]
    public void GetService_exposes_metadata_and_the_underlying_client()
    {
        using var api = new FakeApi();
        var chat = api.Client.Chat.AsChatClient(AiScript.Model);

        var metadata = chat.GetService<ChatClientMetadata>()!;
        Assert.That(metadata.ProviderName, Is.EqualTo("elizaos.cloud"));
        Assert.That(metadata.DefaultModelId, Is.EqualTo(AiScript.Model));
        Assert.That(metadata.ProviderUri, Is.EqualTo(api.Options.BaseUrl));
        Assert.That(chat.GetService<ChatClient>(), Is.SameAs(api.Client.Chat));
        Assert.That(chat.GetService<ChatClientMetadata>("some key"), Is.Null);
    }

    [Test]
    public async Task Works_against_the_in_process_fake_of_the_service()
    {
        using var fake = MiladyCloud.Sdk.Testing.MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();

        var response = await client.Chat.AsChatClient(AiScript.Model).GetResponseAsync("ping");
        var streamed = await client.Chat.AsChatClient(AiScript.Model).GetStreamingResponseAsync("ping").ToChatResponseAsync();

        Assert.That(response.Text, Does.Contain("You said: ping"));
        Assert.That(streamed.Text, Is.EqualTo(response.Text));
        Assert.That(streamed.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
    }
}
