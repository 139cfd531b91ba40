using System.Text;
using MiladyCloud.Sdk.Internal.Streaming;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Tests.Streaming;

/// <summary>The streaming request body: <c>"stream": true</c> added once, the caller's request left as it was.</summary>
public class StreamingBodyTests
{
    [Test]
    public void The_member_is_appended_to_a_body_without_one()
    {
        var request = new ChatCompletionRequest { Model = "m", Messages = [new ChatMessage { Role = ChatRole.User, Content = "hi" }] };

        var json = Encoding.UTF8.GetString(StreamingBody.Serialize(request, MiladyCloudJsonContext.Default.ChatCompletionRequest));

        Assert.That(json, Is.EqualTo("""{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true}"""));
        Assert.That(request.Stream, Is.Null, "the caller's object is not modified");
    }

    [Test]
    public void A_stream_member_the_caller_set_is_replaced_not_duplicated()
    {
        var request = new ChatCompletionRequest { Model = "m", Messages = [new ChatMessage { Role = ChatRole.User, Content = "hi" }], Stream = false };

        var json = Encoding.UTF8.GetString(StreamingBody.Serialize(request, MiladyCloudJsonContext.Default.ChatCompletionRequest));

        Assert.That(json, Does.Contain("\"stream\":true"));
        Assert.That(json.Split("\"stream\"").Length, Is.EqualTo(2), json);
        Assert.That(request.Stream, Is.False);
    }

    [Test]
    public void A_nested_stream_member_does_not_count_as_the_top_level_one()
    {
        var request = new ChatCompletionRequest { Model = "m", Messages = [new ChatMessage { Role = ChatRole.User, Content = "hi" }] };
        request.Messages[0].AdditionalProperties["stream"] = System.Text.Json.JsonDocument.Parse("1").RootElement;

        var json = Encoding.UTF8.GetString(StreamingBody.Serialize(request, MiladyCloudJsonContext.Default.ChatCompletionRequest));

        Assert.That(json, Does.EndWith(""","stream":1}],"stream":true}"""));
    }
}
