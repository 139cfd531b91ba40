namespace MiladyCloud.Sdk.Models;

// Factories for the common items: the item is one flat type because the server's two paths read two vocabularies.
public partial class ResponseInputItem
{
    /// <summary>A message with plain text content.</summary>
    /// <param name="role">The author.</param>
    /// <param name="text">The text.</param>
    /// <returns>The item.</returns>
    public static ResponseInputItem Message(ResponseRole role, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ResponseInputItem { Role = role, Content = text };
    }

    /// <summary>A user message with plain text content.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The item.</returns>
    public static ResponseInputItem User(string text) => Message(ResponseRole.User, text);

    /// <summary>
    /// The result of a function call, answering a <see cref="ResponseFunctionCall"/> of the native path (the server's
    /// translation path does not read this item: answer a chat-style tool call there with a <c>tool</c> message).
    /// </summary>
    /// <param name="callId">The <see cref="ResponseFunctionCall.CallId"/> of the call.</param>
    /// <param name="output">The result, usually JSON.</param>
    /// <returns>The item.</returns>
    public static ResponseInputItem FunctionCallOutput(string callId, string output)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);
        ArgumentNullException.ThrowIfNull(output);
        return new ResponseInputItem { Type = ResponseInputItemType.FunctionCallOutput, CallId = callId, Output = output };
    }

    /// <summary>A function call of the model sent back as history, before its <see cref="FunctionCallOutput"/> (native path).</summary>
    /// <param name="call">The call from the model's output.</param>
    /// <returns>The item.</returns>
    public static ResponseInputItem FromFunctionCall(ResponseFunctionCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new ResponseInputItem { Type = ResponseInputItemType.FunctionCall, CallId = call.CallId, Name = call.Name, Arguments = call.Arguments };
    }
}
