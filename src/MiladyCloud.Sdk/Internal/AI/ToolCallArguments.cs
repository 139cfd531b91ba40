using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MiladyCloud.Sdk.Internal.AI;

/// <summary>Function-call arguments and results as the JSON text chat completions carry.</summary>
internal static class ToolCallArguments
{
    /// <summary>The abstractions' options (reflection-free for their own types), but compact: the defaults indent.</summary>
    public static readonly JsonSerializerOptions Json = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary>
    /// A call whose arguments are parsed into JSON values; unparseable arguments are kept on the content's
    /// <see cref="FunctionCallContent.Exception"/> so the function-invoking layer can report them to the model.
    /// </summary>
    public static FunctionCallContent ToCall(string callId, string name, string? argumentsJson)
        => FunctionCallContent.CreateFromParsedArguments(string.IsNullOrWhiteSpace(argumentsJson) ? "{}" : argumentsJson, callId, name, Parse);

    public static string Serialize(IDictionary<string, object?>? arguments)
        => arguments is null ? "{}" : JsonSerializer.Serialize(arguments, Json.GetTypeInfo(typeof(IDictionary<string, object?>)));

    /// <summary>Arguments as the JSON object a <c>tool_use</c> block carries; none is <c>{}</c>.</summary>
    public static JsonElement ToElement(IDictionary<string, object?>? arguments)
        => JsonSerializer.SerializeToElement(arguments ?? new Dictionary<string, object?>(), Json.GetTypeInfo(typeof(IDictionary<string, object?>)));

    /// <summary>A tool result as message text: strings (and text content) as they are, anything else as JSON.</summary>
    public static string ResultText(object? result) => result switch
    {
        null => string.Empty,
        string text => text,
        TextContent content => content.Text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? string.Empty,
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(result, Json.GetTypeInfo(result.GetType())),
    };

    private static IDictionary<string, object?>? Parse(string json)
        => (IDictionary<string, object?>?)JsonSerializer.Deserialize(json, Json.GetTypeInfo(typeof(IDictionary<string, object?>)));
}
