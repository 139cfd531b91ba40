using System.Text.Json;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Tests.Generated;

/// <summary>Content blocks, parts, events and deltas chosen by their "type", in any order, known or not.</summary>
public class DiscriminatedUnionTests
{
    [Test]
    public void A_block_type_this_SDK_does_not_know_is_kept_whole_and_written_back_unchanged()
    {
        const string json = """
            {"id":"m","type":"message","role":"assistant","model":"x","stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":2},
             "content":[{"type":"server_tool_use","id":"srv_1","name":"web_search","input":{"q":"paris"}},{"text":"hi","type":"text"}]}
            """;

        var message = Json.Deserialize(json, MiladyCloudJsonContext.Default.Message);

        var unknown = message.Content[0];
        Assert.Multiple(() =>
        {
            Assert.That(unknown.GetType(), Is.EqualTo(typeof(ContentBlock)));
            Assert.That(unknown.Type, Is.EqualTo("server_tool_use"));
            Assert.That(unknown.AdditionalProperties["input"].GetProperty("q").GetString(), Is.EqualTo("paris"));
            Assert.That(message.Content[1].Type, Is.EqualTo("text"));
        });
        Json.AssertRoundTrips(json, MiladyCloudJsonContext.Default.Message);
    }

    [Test]
    public void A_subtype_built_in_code_writes_its_discriminator_first()
    {
        var block = new TextBlock { Text = "Be terse." };

        var asBase = JsonSerializer.Serialize<ContentBlock>(block, MiladyCloudJsonContext.Default.ContentBlock);
        var asSelf = JsonSerializer.Serialize(block, MiladyCloudJsonContext.Default.TextBlock);

        Assert.That(asBase, Is.EqualTo("""{"type":"text","text":"Be terse."}"""));
        Assert.That(asSelf, Is.EqualTo(asBase));
    }

    [Test]
    public void The_discriminator_may_come_last_and_unknown_members_of_a_known_subtype_are_kept()
    {
        const string json = """{"index":0,"delta":{"text":"Hi","citations":[],"type":"text_delta"},"type":"content_block_delta"}""";

        var streamEvent = (ContentBlockDeltaEvent)Json.Deserialize(json, MiladyCloudJsonContext.Default.MessageStreamEvent);

        var delta = (TextDelta)streamEvent.Delta;
        Assert.That(delta.Text, Is.EqualTo("Hi"));
        Assert.That(delta.AdditionalProperties.Keys, Is.EqualTo(new[] { "citations" }));
        Json.AssertRoundTrips(json, MiladyCloudJsonContext.Default.MessageStreamEvent);
    }

    [Test]
    public void A_union_value_that_is_not_an_object_is_a_JsonException()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""["text"]""", MiladyCloudJsonContext.Default.ContentBlock));
    }

    [Test]
    public void Every_generated_type_has_source_generated_metadata()
    {
        var missing = typeof(ContentBlock).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "MiladyCloud.Sdk.Models" && t.IsClass && !t.IsAbstract && !t.IsGenericType
                        && t.GetCustomAttributes(typeof(System.CodeDom.Compiler.GeneratedCodeAttribute), false).Length > 0
                        && !typeof(System.Text.Json.Serialization.JsonSerializerContext).IsAssignableFrom(t))
            .Where(t => MiladyCloudJsonContext.Default.GetTypeInfo(t) is null)
            .Select(t => t.Name)
            .ToList();

        Assert.That(missing, Is.Empty, "add these to MiladyCloudJsonContext (source generation; subtypes are resolved through it)");
    }
}
