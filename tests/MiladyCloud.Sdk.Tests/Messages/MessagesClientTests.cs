using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Messages;

public class MessagesClientTests
{
    private const string MessageJson = """
        {"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"18 degrees."}],"model":"claude-sonnet-4-6",
         "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":30,"output_tokens":4}}
        """;

    [Test]
    public async Task CreateAsync_sends_system_blocks_tool_results_thinking_and_tool_choice_exactly()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/messages").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(MessageJson));
        var request = new MessageRequest
        {
            Model = "claude-sonnet-4-6",
            MaxTokens = 4096,
            System = SystemPrompt.FromItems(new TextBlock { Text = "Be brief.", CacheControl = new CacheControl { Type = CacheControlType.Ephemeral } }),
            Messages =
            [
                new MessageParam { Role = MessageRole.User, Content = "Weather?" },
                new MessageParam { Role = MessageRole.Assistant, Content = MessageContent.FromItems(new ToolUseBlock { Id = "t1", Name = "w", Input = JsonDocument.Parse("{}").RootElement }) },
                new MessageParam { Role = MessageRole.User, Content = MessageContent.FromItems(new ToolResultBlock { ToolUseId = "t1", Content = "18C", IsError = false }) },
            ],
            ToolChoice = new SpecificToolChoice { Name = "w" },
            StopSequences = ["\n\nHuman:"],
            TopK = 5,
            Thinking = new ThinkingConfig { Type = ThinkingType.Enabled, BudgetTokens = 2048 },
        };

        var message = await api.Client.Messages.CreateAsync(request);

        Assert.That(((TextBlock)message.Content[0]).Text, Is.EqualTo("18 degrees."));
        Assert.That(message.StopReason, Is.EqualTo(StopReason.EndTurn));
        Assert.That(api.SingleRequest().RequestMessage!.Body, Is.EqualTo(
            """{"model":"claude-sonnet-4-6","max_tokens":4096,"messages":[{"role":"user","content":"Weather?"},""" +
            """{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"w","input":{}}]},""" +
            """{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"18C","is_error":false}]}]""" +
            ""","system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],"top_k":5,"stop_sequences":["\n\nHuman:"]""" +
            ""","tool_choice":{"type":"tool","name":"w"},"thinking":{"type":"enabled","budget_tokens":2048}}"""));
    }

    [Test]
    public async Task The_one_line_overload_sets_max_tokens()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(MessageJson));

        await api.Client.Messages.CreateAsync("claude-sonnet-4-6", "Hi", maxTokens: 64);

        Assert.That(api.SingleRequest().RequestMessage!.Body, Is.EqualTo("""{"model":"claude-sonnet-4-6","max_tokens":64,"messages":[{"role":"user","content":"Hi"}]}"""));
    }

    [Test]
    public void Insufficient_credits_reported_as_429_are_not_retried_and_are_typed()
    {
        using var api = new FakeApi(o => o.MaxRetries = 3);
        api.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(429)
            .WithBody("""{"type":"error","error":{"type":"rate_limit_error","message":"Insufficient credits. Required: $0.0123"}}"""));

        Assert.ThrowsAsync<MiladyCloudInsufficientCreditsException>(() => api.Client.Messages.CreateAsync("claude-sonnet-4-6", "Hi"));
        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(1));
    }

    private static IEnumerable<TestCaseData> InvalidRequests()
    {
        yield return new TestCaseData(new Action<MessageRequest>(r => r.MaxTokens = 0)).SetName("max_tokens zero");
        yield return new TestCaseData(new Action<MessageRequest>(r => r.Model = "")).SetName("model missing");
        yield return new TestCaseData(new Action<MessageRequest>(r => r.Messages = [])).SetName("no messages");
        yield return new TestCaseData(new Action<MessageRequest>(r => (r.Model, r.Temperature) = ("claude-sonnet-4-6", 1.5))).SetName("temperature above 1 for an Anthropic model");
        yield return new TestCaseData(new Action<MessageRequest>(r => (r.Model, r.Temperature) = ("anthropic/claude-sonnet-4.6", 1.01))).SetName("temperature above 1 for a prefixed Anthropic model");
        yield return new TestCaseData(new Action<MessageRequest>(r => r.Temperature = 2.5)).SetName("temperature above 2 for another model");
        yield return new TestCaseData(new Action<MessageRequest>(r => (r.Model, r.Temperature) = ("claude-opus-4-6", 0.5))).SetName("temperature for a reasoning model (dropped by the service)");
        yield return new TestCaseData(new Action<MessageRequest>(r => (r.Model, r.Temperature) = ("openai/o1", 0.5))).SetName("temperature for o1 (dropped by the service)");
        yield return new TestCaseData(new Action<MessageRequest>(r => (r.Model, r.TopK) = ("claude-sonnet-4-6", -1))).SetName("top_k negative");
        yield return new TestCaseData(new Action<MessageRequest>(r => r.TopK = 5)).SetName("top_k for a model other than Anthropic's (dropped by the service)");
        yield return new TestCaseData(new Action<MessageRequest>(r => r.Tools = [Tool("w"), Tool("w")])).SetName("two tools of one name (the service keeps the last)");
        yield return new TestCaseData(new Action<MessageRequest>(r => r.Messages = [new MessageParam { Role = MessageRole.User, Content = MessageContent.FromItems(new ToolResultBlock { ToolUseId = "t1" }) }]))
            .SetName("tool_result without content (a 500 on the service)");
        yield return new TestCaseData(new Action<MessageRequest>(r => r.Thinking = new ThinkingConfig { Type = ThinkingType.Enabled, BudgetTokens = 100 })).SetName("thinking budget too small");
        yield return new TestCaseData(new Action<MessageRequest>(r => r.ToolChoice = new SpecificToolChoice { Name = "" })).SetName("tool choice without name");
    }

    [TestCase("openai/gpt-5.4", 2.0)]
    [TestCase("gemini-2.5-pro", 1.7)]
    [TestCase("claude-sonnet-4-6", 1.0)]
    [TestCase("openai/o4-mini", 0.3)]
    public async Task Temperatures_in_the_providers_range_are_sent(string model, double temperature)
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody(MessageJson));

        await api.Client.Messages.CreateAsync(new MessageRequest { Model = model, MaxTokens = 10, Temperature = temperature, Messages = [new MessageParam { Role = MessageRole.User, Content = "x" }] });

        Assert.That(JsonDocument.Parse(api.SingleRequest().RequestMessage!.Body!).RootElement.GetProperty("temperature").GetDouble(), Is.EqualTo(temperature));
    }

    private static MessageTool Tool(string name) => new() { Name = name, InputSchema = JsonDocument.Parse("{}").RootElement };

    [TestCaseSource(nameof(InvalidRequests))]
    public void Invalid_requests_are_refused_before_sending(Action<MessageRequest> spoil)
    {
        using var api = new FakeApi();
        var request = new MessageRequest { Model = "m", MaxTokens = 10, Messages = [new MessageParam { Role = MessageRole.User, Content = "x" }] };
        spoil(request);

        Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(), () => api.Client.Messages.CreateAsync(request));
        Assert.That(api.Server.LogEntries, Is.Empty);
    }
}
