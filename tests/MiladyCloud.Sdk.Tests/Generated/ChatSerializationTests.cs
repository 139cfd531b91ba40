using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Tests.Generated;

/// <summary>Round-trips of the generated chat DTOs against the server's literal JSON.</summary>
public class ChatSerializationTests
{
    private const string CompletionJson = """
        {"id":"chatcmpl-1714230000123","object":"chat.completion","created":1714230000,"model":"openai/gpt-5.4",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help you today?"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":20,"completion_tokens":10,"total_tokens":30}}
        """;

    [Test]
    public void A_completion_maps_every_field_to_PascalCase_members()
    {
        var completion = Json.Deserialize(CompletionJson, MiladyCloudJsonContext.Default.ChatCompletion);

        var choice = completion.Choices.Single();
        Assert.Multiple(() =>
        {
            Assert.That(completion.Id, Is.EqualTo("chatcmpl-1714230000123"));
            Assert.That(completion.Created, Is.EqualTo(1714230000));
            Assert.That(completion.Model, Is.EqualTo("openai/gpt-5.4"));
            Assert.That(choice.Message.Content, Is.EqualTo("Hello! How can I help you today?"));
            Assert.That(choice.Message.Role, Is.EqualTo(ChatRole.Assistant));
            Assert.That(choice.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
            Assert.That(completion.Usage!.PromptTokens, Is.EqualTo(20));
            Assert.That(completion.Usage.CompletionTokens, Is.EqualTo(10));
            Assert.That(completion.Usage.TotalTokens, Is.EqualTo(30));
        });
        Json.AssertRoundTrips(CompletionJson, MiladyCloudJsonContext.Default.ChatCompletion);
    }

    [Test]
    public void An_unknown_finish_reason_deserializes_and_is_written_back()
    {
        var json = CompletionJson.Replace("\"stop\"", "\"time_travel\"", StringComparison.Ordinal);

        var completion = Json.Deserialize(json, MiladyCloudJsonContext.Default.ChatCompletion);

        Assert.That(completion.Choices[0].FinishReason.Value, Is.EqualTo("time_travel"));
        Assert.That(completion.Choices[0].FinishReason, Is.Not.EqualTo(ChatFinishReason.Stop));
        Json.AssertRoundTrips(json, MiladyCloudJsonContext.Default.ChatCompletion);
    }

    [Test]
    public void Unknown_fields_are_kept_at_every_level_and_written_back()
    {
        var json = """
            {"id":"c","object":"chat.completion","created":1,"model":"m","system_fingerprint":"fp_1",
             "choices":[{"index":0,"message":{"role":"assistant","content":"hi","annotations":[1,2]},"finish_reason":"stop","extra":{"a":null}}]}
            """;

        var completion = Json.Deserialize(json, MiladyCloudJsonContext.Default.ChatCompletion);

        Assert.That(completion.AdditionalProperties["system_fingerprint"].GetString(), Is.EqualTo("fp_1"));
        Assert.That(completion.Choices[0].Message.AdditionalProperties["annotations"].GetArrayLength(), Is.EqualTo(2));
        Json.AssertRoundTrips(json, MiladyCloudJsonContext.Default.ChatCompletion);
    }

    [Test]
    public void A_stream_chunk_reads_null_finish_reason_and_empty_delta()
    {
        const string first = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1714230000,"model":"openai/gpt-5.4","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]}""";
        const string last = """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1714230001,"model":"openai/gpt-5.4","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""";

        var a = Json.Deserialize(first, MiladyCloudJsonContext.Default.ChatCompletionChunk);
        var b = Json.Deserialize(last, MiladyCloudJsonContext.Default.ChatCompletionChunk);

        Assert.Multiple(() =>
        {
            Assert.That(a.Choices[0].Delta.Content, Is.EqualTo("Hello"));
            Assert.That(a.Choices[0].FinishReason, Is.Null);
            Assert.That(b.Choices[0].Delta.Content, Is.Null);
            Assert.That(b.Choices[0].FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        });
    }

    [Test]
    public void Message_content_round_trips_as_a_string()
    {
        var message = new ChatMessage { Role = ChatRole.User, Content = "hi" };

        var json = JsonSerializer.Serialize(message, MiladyCloudJsonContext.Default.ChatMessage);

        Assert.That(json, Is.EqualTo("""{"role":"user","content":"hi"}"""));
        var back = Json.Deserialize(json, MiladyCloudJsonContext.Default.ChatMessage);
        Assert.That(back.Content!.Text, Is.EqualTo("hi"));
    }

    [Test]
    public void Message_content_round_trips_as_typed_parts_in_any_property_order()
    {
        const string json = """
            {"role":"user","content":[{"text":"What is this?","type":"text"},{"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}},
             {"type":"file","file":{"filename":"a.pdf","file_data":"data:application/pdf;base64,AAAA"}},{"type":"audio","input_audio":{"data":"x"}}]}
            """;

        var message = Json.Deserialize(json, MiladyCloudJsonContext.Default.ChatMessage);

        var parts = message.Content!.Items!;
        Assert.Multiple(() =>
        {
            Assert.That(message.Content.IsText, Is.False);
            Assert.That(((ChatTextPart)parts[0]).Text, Is.EqualTo("What is this?"));
            Assert.That(((ChatImageUrlPart)parts[1]).ImageUrl.Url, Is.EqualTo("https://example.com/a.png"));
            Assert.That(((ChatFilePart)parts[2]).File.Filename, Is.EqualTo("a.pdf"));
            Assert.That(parts[3].GetType(), Is.EqualTo(typeof(ChatContentPart)), "an unknown part type must not throw");
        });
        var written = JsonSerializer.Serialize(message, MiladyCloudJsonContext.Default.ChatMessage);
        Assert.That(written, Does.StartWith("""{"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}}"""));
    }

    [Test]
    public void Stop_is_written_as_a_string_or_a_list()
    {
        var one = new ChatCompletionRequest { Model = "m", Messages = [new ChatMessage { Role = ChatRole.User, Content = "x" }], Stop = "END" };
        var many = new ChatCompletionRequest { Model = "m", Messages = [new ChatMessage { Role = ChatRole.User, Content = "x" }], Stop = StopSequences.FromItems("a", "b") };

        Assert.That(JsonSerializer.Serialize(one, MiladyCloudJsonContext.Default.ChatCompletionRequest), Does.Contain("\"stop\":\"END\""));
        Assert.That(JsonSerializer.Serialize(many, MiladyCloudJsonContext.Default.ChatCompletionRequest), Does.Contain("\"stop\":[\"a\",\"b\"]"));
        var back = Json.Deserialize("""{"model":"m","messages":[],"stop":["a","b"]}""", MiladyCloudJsonContext.Default.ChatCompletionRequest);
        Assert.That(back.Stop!.Items, Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void Unset_optional_request_fields_are_not_sent()
    {
        var request = new ChatCompletionRequest { Model = "m", Messages = [new ChatMessage { Role = ChatRole.System, Content = "be brief" }] };

        var json = JsonSerializer.Serialize(request, MiladyCloudJsonContext.Default.ChatCompletionRequest);

        Assert.That(json, Is.EqualTo("""{"model":"m","messages":[{"role":"system","content":"be brief"}]}"""));
    }

    [Test]
    public void Tool_choice_is_a_mode_string_or_a_named_function()
    {
        var auto = JsonSerializer.Serialize(ChatToolChoice.Auto, MiladyCloudJsonContext.Default.Options);
        var named = JsonSerializer.Serialize(ChatToolChoice.ForFunction("get_weather"), MiladyCloudJsonContext.Default.Options);

        Assert.That(auto, Is.EqualTo("\"auto\""));
        Assert.That(named, Is.EqualTo("""{"type":"function","function":{"name":"get_weather"}}"""));
        var back = (ChatToolChoice)JsonSerializer.Deserialize(named, typeof(ChatToolChoice), MiladyCloudJsonContext.Default)!;
        Assert.That(back.Function!.Function.Name, Is.EqualTo("get_weather"));
    }
}
