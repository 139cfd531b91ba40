using System.Net;
using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Responses;

/// <summary>Non-streaming responses: the exact wire body, both answer shapes, validation by path, error envelopes.</summary>
public class ResponsesClientTests
{
    private const string TranslatedJson = """
        {"id":"gen-01hzx4d7","object":"response","created_at":1714230000,"model":"anthropic/claude-sonnet-4.6","status":"completed",
         "incomplete_details":null,"output":[{"type":"message","index":0,"id":"gen-01hzx4d7","role":"assistant",
         "content":[{"type":"output_text","text":"","annotations":[]}],"status":"completed",
         "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]}],
         "usage":{"input_tokens":12,"output_tokens":3,"total_tokens":15},"error":null,"provider_metadata":{"gateway":{"routing":"x"}}}
        """;

    private const string NativeJson = """
        {"id":"resp_1","object":"response","created_at":1714230000,"model":"openai/gpt-5.4","status":"incomplete","instructions":"Be brief.",
         "incomplete_details":{"reason":"max_output_tokens"},"output":[
           {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Plan"}],"encrypted_content":null},
           {"type":"message","id":"msg_1","role":"assistant","status":"incomplete","content":[{"type":"output_text","text":"Sun","annotations":[{"type":"url_citation","url":"https://w.example"}]}]},
           {"type":"function_call","id":"fc_1","call_id":"call_1","name":"get_weather","arguments":"{}","status":"completed"},
           {"type":"web_search_call","id":"ws_1","status":"completed"}],
         "usage":{"input_tokens":20,"input_tokens_details":{"cached_tokens":4},"output_tokens":9,"output_tokens_details":{"reasoning_tokens":2},"total_tokens":29},
         "error":null,"store":true}
        """;

    [Test]
    public async Task CreateAsync_posts_every_set_field_exactly_and_maps_the_translated_answer()
    {
        using var api = Answering(TranslatedJson);
        var request = new CreateResponseRequest
        {
            Model = "anthropic/claude-sonnet-4.6",
            Input = ResponseInput.FromItems(
                ResponseInputItem.Message(ResponseRole.System, "Be brief."),
                new ResponseInputItem
                {
                    Role = ResponseRole.User,
                    Content = ResponseInputContent.FromItems(
                        new ResponseInputTextPart { Text = "What is this?" },
                        new ResponseInputImagePart { ImageUrl = "https://example.com/cat.png" },
                        new ResponseInputFilePart { FileData = "data:application/pdf;base64,JVBE", Filename = "a.pdf" }),
                },
                new ResponseInputItem { Role = ResponseRole.Assistant, ToolCalls = [new ChatToolCall { Id = "call_0", Type = "function", Function = new ChatFunctionCall { Name = "look", Arguments = "{}" } }] },
                new ResponseInputItem { Role = ResponseRole.Tool, ToolCallId = "call_0", Content = "a cat" }),
            MaxOutputTokens = 200,
            Temperature = 0.5,
            TopP = 0.9,
            FrequencyPenalty = 0.1,
            PresencePenalty = -0.1,
            Stop = StopSequences.FromItems("END"),
            User = "user-7",
            Tools = [new ResponseFunctionTool { Name = "get_weather", Description = "Weather", Parameters = JsonDocument.Parse("""{"type":"object"}""").RootElement }],
            ToolChoice = ResponseToolChoice.ForFunction("get_weather"),
        };

        var response = await api.Client.Responses.CreateAsync(request);

        var sent = api.SingleRequest().RequestMessage!;
        Assert.That(sent.Path, Is.EqualTo("/api/v1/responses"));
        Assert.That(sent.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + FakeApi.ApiKey));
        Assert.That(sent.Body, Is.EqualTo(
            """{"model":"anthropic/claude-sonnet-4.6","input":[{"role":"system","content":"Be brief."},{"role":"user","content":[{"type":"input_text","text":"What is this?"},{"type":"input_image","image_url":"https://example.com/cat.png"},{"type":"input_file","file_data":"data:application/pdf;base64,JVBE","filename":"a.pdf"}]},{"role":"assistant","tool_calls":[{"id":"call_0","type":"function","function":{"name":"look","arguments":"{}"}}]},{"role":"tool","content":"a cat","tool_call_id":"call_0"}],"max_output_tokens":200,"temperature":0.5,"top_p":0.9,"frequency_penalty":0.1,"presence_penalty":-0.1,"stop":["END"],"user":"user-7","tools":[{"type":"function","name":"get_weather","description":"Weather","parameters":{"type":"object"}}],"tool_choice":{"type":"function","name":"get_weather"}}"""));
        var message = (ResponseOutputMessage)response.Output.Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.Id, Is.EqualTo("gen-01hzx4d7"));
            Assert.That(response.Status, Is.EqualTo(ResponseStatus.Completed));
            Assert.That(response.Usage!.TotalTokens, Is.EqualTo(15));
            Assert.That(message.Index, Is.Zero);
            Assert.That(message.ToolCalls!.Single().Function.Arguments, Is.EqualTo("""{"city":"Paris"}"""));
            Assert.That(response.ProviderMetadata!.Value.GetProperty("gateway").GetProperty("routing").GetString(), Is.EqualTo("x"));
        });
    }

    [Test]
    public async Task The_native_paths_answer_maps_typed_items_and_keeps_unknown_ones_and_members()
    {
        using var api = Answering(NativeJson);
        var request = new CreateResponseRequest
        {
            Model = "gpt-5.4",
            Instructions = "Be brief.",
            Input = ResponseInput.FromItems(
                ResponseInputItem.User("Weather?"),
                ResponseInputItem.FromFunctionCall(new ResponseFunctionCall { CallId = "call_0", Name = "get_weather", Arguments = "{}" }),
                ResponseInputItem.FunctionCallOutput("call_0", "sunny")),
            Reasoning = new ResponseReasoningOptions { Effort = ResponseReasoningEffort.Low, Summary = "auto" },
            ParallelToolCalls = false,
            Tools = [new ResponseWebSearchTool()],
            ToolChoice = ResponseToolChoice.Auto,
        };
        request.AdditionalProperties["store"] = JsonDocument.Parse("false").RootElement;

        var response = await api.Client.Responses.CreateAsync(request);

        Assert.That(api.SingleRequest().RequestMessage!.Body, Is.EqualTo(
            """{"model":"gpt-5.4","input":[{"role":"user","content":"Weather?"},{"type":"function_call","name":"get_weather","call_id":"call_0","arguments":"{}"},{"type":"function_call_output","call_id":"call_0","output":"sunny"}],"instructions":"Be brief.","tools":[{"type":"web_search"}],"tool_choice":"auto","parallel_tool_calls":false,"reasoning":{"effort":"low","summary":"auto"},"store":false}"""));
        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(ResponseStatus.Incomplete));
            Assert.That(response.IncompleteDetails!.Reason, Is.EqualTo("max_output_tokens"));
            Assert.That(response.Instructions, Is.EqualTo("Be brief."));
            Assert.That(((ResponseReasoningItem)response.Output[0]).Summary!.Single().Text, Is.EqualTo("Plan"));
            Assert.That(((ResponseOutputText)((ResponseOutputMessage)response.Output[1]).Content.Single()).Annotations!.Single().Type, Is.EqualTo("url_citation"));
            Assert.That(((ResponseFunctionCall)response.Output[2]).CallId, Is.EqualTo("call_1"));
            Assert.That(response.Output[3].GetType(), Is.EqualTo(typeof(ResponseOutputItem)), "an unknown item kind is kept as the base type");
            Assert.That(response.Output[3].Type, Is.EqualTo("web_search_call"));
            Assert.That(response.Usage!.InputTokensDetails!.CachedTokens, Is.EqualTo(4));
            Assert.That(response.AdditionalProperties["store"].GetBoolean(), Is.True);
            Assert.That(response.OutputText, Is.EqualTo("Sun"));
        });
    }

    private static IEnumerable<TestCaseData> InvalidRequests()
    {
        yield return new TestCaseData(new CreateResponseRequest { Model = " ", Input = "Hi" }).SetName("blank model");
        yield return new TestCaseData(new CreateResponseRequest { Model = "m" }).SetName("no input on the translation path");
        yield return new TestCaseData(new CreateResponseRequest { Model = "m", Input = "" }).SetName("empty string input");
        yield return new TestCaseData(new CreateResponseRequest { Model = "m", Input = ResponseInput.FromItems() }).SetName("empty input list");
        yield return new TestCaseData(new CreateResponseRequest { Model = "m", Input = ResponseInput.FromItems(new ResponseInputItem { Content = "x" }) }).SetName("item without role");
        yield return new TestCaseData(new CreateResponseRequest { Model = "m", Input = ResponseInput.FromItems(ResponseInputItem.FunctionCallOutput("c", "o")) }).SetName("typed item on the translation path");
        yield return new TestCaseData(new CreateResponseRequest { Model = "m", Input = ResponseInput.FromItems(ResponseInputItem.Message(ResponseRole.User, "")) }).SetName("empty content");
        yield return new TestCaseData(new CreateResponseRequest { Model = "m", Input = ResponseInput.FromItems(new ResponseInputItem { Role = ResponseRole.User, Content = ResponseInputContent.FromItems(new ResponseInputTextPart { Text = "  " }) }) }).SetName("only white-space text parts");
        yield return new TestCaseData(new CreateResponseRequest { Model = "m", Input = "Hi", Temperature = 2.5 }).SetName("temperature out of range");
        yield return new TestCaseData(new CreateResponseRequest { Model = "m", Input = "Hi", MaxOutputTokens = 0 }).SetName("max_output_tokens below 1");
        yield return new TestCaseData(new CreateResponseRequest { Model = "m", Input = "Hi", Tools = [new ResponseFunctionTool { Name = "" }] }).SetName("function tool without name");
        yield return new TestCaseData(new CreateResponseRequest { Model = "m", Input = "Hi", Stream = true }).SetName("stream true on CreateAsync");
        yield return new TestCaseData(new CreateResponseRequest { Model = "m", Input = new string('x', 4 * 1024 * 1024) }).SetName("body over 4 MiB");
    }

    [TestCaseSource(nameof(InvalidRequests))]
    public void An_invalid_request_is_refused_before_sending(CreateResponseRequest request)
    {
        using var api = Answering(TranslatedJson);

        Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(), () => api.Client.Responses.CreateAsync(request));
        if (request.Stream != true)
        {
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => api.Client.Responses.StreamAsync(request));
        }

        Assert.That(api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task The_native_path_accepts_typed_items_an_empty_system_message_and_no_input()
    {
        using var api = Answering(NativeJson);

        await api.Client.Responses.CreateAsync(new CreateResponseRequest { Model = "gpt-5-mini", Input = ResponseInput.FromItems(ResponseInputItem.FunctionCallOutput("c", "o")) });
        await api.Client.Responses.CreateAsync(new CreateResponseRequest { Model = "openai/gpt-4o", Instructions = "x" });
        await api.Client.Responses.CreateAsync(new CreateResponseRequest { Model = "m", Input = ResponseInput.FromItems(ResponseInputItem.Message(ResponseRole.System, ""), ResponseInputItem.User("Hi")) });

        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(3));
    }

    [TestCase(400, """{"error":{"message":"Each message must have a role","type":"invalid_request_error","param":"messages.0.role","code":"invalid_value"}}""", typeof(MiladyCloudInvalidRequestException), "invalid_value")]
    [TestCase(401, """{"error":{"message":"Authentication required","type":"authentication_error"}}""", typeof(MiladyCloudUnauthorizedException), null)]
    [TestCase(402, """{"error":{"message":"Insufficient balance. Required: $0.02","type":"insufficient_quota","code":"insufficient_balance"}}""", typeof(MiladyCloudInsufficientCreditsException), "insufficient_balance")]
    [TestCase(402, """{"error":{"message":"Insufficient credits. Required: ~0.0123.","type":"insufficient_credits","code":"insufficient_credits"}}""", typeof(MiladyCloudInsufficientCreditsException), "insufficient_credits")]
    [TestCase(403, """{"error":{"message":"Your account has been suspended due to policy violations. Please contact support.","type":"account_suspended","code":"moderation_violation"}}""", typeof(MiladyCloudForbiddenException), "moderation_violation")]
    [TestCase(413, """{"error":{"message":"Request body exceeds 4194304 bytes","type":"invalid_request_error","code":"request_too_large"}}""", typeof(MiladyCloudApiException), "request_too_large")]
    [TestCase(502, """{"error":{"message":"Upstream gateway error","type":"api_error","code":"upstream_error"}}""", typeof(MiladyCloudApiException), "upstream_error")]
    [TestCase(503, """{"error":{"message":"AI provider is not configured","type":"service_unavailable","code":"provider_not_configured"}}""", typeof(MiladyCloudServiceUnavailableException), "provider_not_configured")]
    public void Each_error_envelope_of_the_route_maps_to_its_typed_exception(int status, string body, Type expected, string? code)
    {
        using var api = new FakeApi(o => o.MaxRetries = 0);
        api.Server.Given(Request.Create().WithPath("/api/v1/responses").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => api.Client.Responses.CreateAsync("anthropic/claude-sonnet-4.6", "Hi"));

        Assert.That(ex, Is.InstanceOf(expected));
        Assert.That((int)ex!.StatusCode, Is.EqualTo(status));
        Assert.That(ex.ServerCode, Is.EqualTo(code));
        Assert.That(ex.RawBody, Is.EqualTo(body));
    }

    private static FakeApi Answering(string json)
    {
        var api = new FakeApi();
        api.Server.Given(Request.Create().WithPath("/api/v1/responses").UsingPost())
            .RespondWith(Response.Create().WithStatusCode((int)HttpStatusCode.OK).WithHeader("Content-Type", "application/json").WithBody(json));
        return api;
    }
}
