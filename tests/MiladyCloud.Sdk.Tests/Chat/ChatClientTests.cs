using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;
using MiladyCloud.Sdk.Tests.Infrastructure;
using MiladyCloud.Sdk.Tests.Streaming;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Chat;

/// <summary>Non-streaming chat, request serialization, validation, and streams over a real loopback socket.</summary>
public class ChatClientTests
{
    private const string CompletionJson = """
        {"id":"chatcmpl-1714230000123","object":"chat.completion","created":1714230000,"model":"openai/gpt-5.4",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help you today?"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":20,"completion_tokens":10,"total_tokens":30}}
        """;

    [Test]
    public async Task CreateAsync_posts_every_set_field_exactly_and_maps_the_answer()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(CompletionJson));
        var request = new ChatCompletionRequest
        {
            Model = "openai/gpt-5.4",
            Messages =
            [
                new ChatMessage { Role = ChatRole.System, Content = "Be brief." },
                new ChatMessage
                {
                    Role = ChatRole.User,
                    Content = ChatMessageContent.FromItems(
                        new ChatTextPart { Text = "What is in these?" },
                        new ChatImageUrlPart { ImageUrl = new ChatImageUrl { Url = "https://example.com/cat.png" } },
                        new ChatImageUrlPart { ImageUrl = new ChatImageUrl { Url = "data:image/png;base64,iVBORw0KGgo=" } }),
                },
            ],
            Temperature = 0.5,
            TopP = 0.9,
            MaxTokens = 200,
            Stop = StopSequences.FromItems("END", "STOP"),
            Tools = [new ChatTool { Type = "function", Function = new ChatFunctionDefinition { Name = "get_weather", Parameters = JsonDocument.Parse("""{"type":"object"}""").RootElement } }],
            ToolChoice = ChatToolChoice.ForFunction("get_weather"),
            ResponseFormat = new ChatResponseFormat { Type = ChatResponseFormatType.JsonObject },
        };

        var completion = await api.Client.Chat.CreateAsync(request);

        Assert.That(completion.Choices[0].Message.Content, Is.EqualTo("Hello! How can I help you today?"));
        Assert.That(completion.Usage!.TotalTokens, Is.EqualTo(30));
        var sent = api.SingleRequest().RequestMessage!;
        Assert.That(sent.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + FakeApi.ApiKey));
        Assert.That(sent.Body, Is.EqualTo(
            """{"model":"openai/gpt-5.4","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"What is in these?"},""" +
            """{"type":"image_url","image_url":{"url":"https://example.com/cat.png"}},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}]""" +
            ""","temperature":0.5,"top_p":0.9,"max_tokens":200,"stop":["END","STOP"],"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]""" +
            ""","tool_choice":{"type":"function","function":{"name":"get_weather"}},"response_format":{"type":"json_object"}}"""));
    }

    [Test]
    public async Task The_one_line_overload_sends_one_user_message()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(CompletionJson));

        var completion = await api.Client.Chat.CreateAsync("openai/gpt-5.4", "Hello?");

        Assert.That(completion.Id, Is.EqualTo("chatcmpl-1714230000123"));
        Assert.That(api.SingleRequest().RequestMessage!.Body, Is.EqualTo("""{"model":"openai/gpt-5.4","messages":[{"role":"user","content":"Hello?"}]}"""));
    }

    private static IEnumerable<TestCaseData> InvalidRequests()
    {
        static ChatCompletionRequest Valid() => new() { Model = "m", Messages = [new ChatMessage { Role = ChatRole.User, Content = "x" }] };
        yield return new TestCaseData(new Action<ChatCompletionRequest>(r => r.Model = " ")).SetName("model missing");
        yield return new TestCaseData(new Action<ChatCompletionRequest>(r => r.Messages = [])).SetName("no messages");
        yield return new TestCaseData(new Action<ChatCompletionRequest>(r => r.Messages = [new ChatMessage { Role = default, Content = "x" }])).SetName("message without role");
        yield return new TestCaseData(new Action<ChatCompletionRequest>(r => r.Temperature = 2.5)).SetName("temperature above 2");
        yield return new TestCaseData(new Action<ChatCompletionRequest>(r => r.TopP = -0.1)).SetName("top_p below 0");
        yield return new TestCaseData(new Action<ChatCompletionRequest>(r => r.PresencePenalty = 3)).SetName("presence penalty above 2");
        yield return new TestCaseData(new Action<ChatCompletionRequest>(r => r.MaxTokens = 0)).SetName("max_tokens zero");
        _ = Valid();
    }

    [TestCaseSource(nameof(InvalidRequests))]
    public void Invalid_requests_are_refused_before_sending(Action<ChatCompletionRequest> spoil)
    {
        using var api = new FakeApi();
        var request = new ChatCompletionRequest { Model = "m", Messages = [new ChatMessage { Role = ChatRole.User, Content = "x" }] };
        spoil(request);

        Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(), () => api.Client.Chat.CreateAsync(request));
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => api.Client.Chat.StreamAsync(request));
        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void A_developer_message_is_refused_before_sending_and_says_to_send_it_as_system()
    {
        // The service answers 500 "Unsupported role" to it.
        using var api = new FakeApi();
        var request = new ChatCompletionRequest
        {
            Model = "openai/gpt-5.4",
            Messages = [new ChatMessage { Role = ChatRole.Developer, Content = "Answer in French." }, new ChatMessage { Role = ChatRole.User, Content = "Hello" }],
        };

        var create = Assert.ThrowsAsync<ArgumentException>(() => api.Client.Chat.CreateAsync(request));
        var stream = Assert.Throws<ArgumentException>(() => api.Client.Chat.StreamAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(create!.Message, Does.Contain("messages[0] has role 'developer'").And.Contain("system message"));
            Assert.That(create.ParamName, Is.EqualTo("messages"));
            Assert.That(stream!.Message, Is.EqualTo(create.Message));
            Assert.That(api.Server.LogEntries, Is.Empty);
        });
    }

    [Test]
    public void An_assistant_turn_with_only_tool_calls_is_refused_before_sending_on_its_own()
    {
        // No tool message follows, so nothing else could be what is refused: the service answers 500
        // "Cannot read properties of undefined" to a message without content.
        using var api = new FakeApi();
        var request = new ChatCompletionRequest
        {
            Model = "openai/gpt-5.4",
            Messages =
            [
                new ChatMessage { Role = ChatRole.User, Content = "Weather in Paris?" },
                new ChatMessage
                {
                    Role = ChatRole.Assistant,
                    Content = null!,
                    ToolCalls = [new ChatToolCall { Id = "call_1", Type = "function", Function = new ChatFunctionCall { Name = "get_weather", Arguments = """{"city":"Paris"}""" } }],
                },
            ],
        };

        var create = Assert.ThrowsAsync<ArgumentException>(() => api.Client.Chat.CreateAsync(request));
        var stream = Assert.Throws<ArgumentException>(() => api.Client.Chat.StreamAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(create!.Message, Does.Contain("messages[1] has no content").And.Contain("client.Messages"));
            Assert.That(stream!.Message, Is.EqualTo(create.Message));
            Assert.That(api.Server.LogEntries, Is.Empty);
        });
    }

    [Test]
    public async Task The_literal_transcript_streams_over_a_loopback_socket()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(Transcripts.Chat));

        var completion = await api.Client.Chat.StreamAsync("openai/gpt-5.4", "Hi").ToCompletionAsync();

        Assert.That(completion.Choices[0].Message.Content, Is.EqualTo("Hello! How can I help?"));
        var sent = api.SingleRequest().RequestMessage!;
        Assert.That(sent.Headers!["Accept"].Single(), Is.EqualTo("text/event-stream"));
        Assert.That(JsonDocument.Parse(sent.Body!).RootElement.GetProperty("stream").GetBoolean(), Is.True);
    }

    [Test]
    public async Task The_fake_server_streams_chat_and_messages_to_the_sdk()
    {
        using var fake = MiladyCloudFakeServer.Start();
        using var client = fake.CreateClient();

        var chat = await client.Chat.StreamAsync("openai/gpt-5.4", "ping").ToCompletionAsync();
        var message = await client.Messages.StreamAsync(new MessageRequest
        {
            Model = "claude-sonnet-4-6",
            MaxTokens = 100,
            Messages = [new MessageParam { Role = MessageRole.User, Content = "Weather in Paris?" }],
            Tools = [new MessageTool { Name = "get_weather", InputSchema = JsonDocument.Parse("""{"type":"object","required":["city"]}""").RootElement }],
        }).ToMessageAsync();

        Assert.That(chat.Choices[0].Message.Content, Is.EqualTo("Hello from the local MiladyCloud fake! You said: ping"));
        Assert.That(((ToolUseBlock)message.Content[1]).Input.GetProperty("city").GetString(), Is.EqualTo("example"));
        Assert.That(message.StopReason, Is.EqualTo(StopReason.ToolUse));
    }
}
