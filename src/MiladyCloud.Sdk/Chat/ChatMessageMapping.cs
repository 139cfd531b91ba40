using MiladyCloud.Sdk.Models;
using Ai = Microsoft.Extensions.AI;

namespace MiladyCloud.Sdk.Internal.AI;

/// <summary>Microsoft.Extensions.AI messages to chat completion messages.</summary>
internal static class ChatMessageMapping
{
    public static void AddTo(IList<ChatMessage> target, Ai.ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var results = message.Contents.OfType<Ai.FunctionResultContent>().ToList();
        foreach (var result in results)
        {
            // Chat completions carry each tool result as its own "tool" message.
            target.Add(new ChatMessage { Role = ChatRole.Tool, ToolCallId = result.CallId, Content = ToolCallArguments.ResultText(result.Result) });
        }

        var calls = message.Contents.OfType<Ai.FunctionCallContent>().Select(ToToolCall).ToList();
        var parts = message.Contents.Where(IsSendable).Select(ToPart).ToList();
        if (parts.Count == 0 && calls.Count == 0 && results.Count > 0)
        {
            return;
        }

        target.Add(new ChatMessage
        {
            Role = ToRole(message.Role),
            Name = message.AuthorName,
            // Null when the message only carries tool calls: the request validator refuses it and says why.
            Content = ToContent(parts)!,
            ToolCalls = calls.Count > 0 ? calls : null,
        });
    }

    public static ChatRole ToRole(Ai.ChatRole role)
        => role == Ai.ChatRole.System ? ChatRole.System
        : role == Ai.ChatRole.Assistant ? ChatRole.Assistant
        : role == Ai.ChatRole.Tool ? ChatRole.Tool
        : role == Ai.ChatRole.User ? ChatRole.User
        : new ChatRole(role.Value);

    private static ChatMessageContent? ToContent(List<ChatContentPart> parts)
        => parts.Count switch
        {
            0 => null,
            1 when parts[0] is ChatTextPart text => text.Text,
            _ => ChatMessageContent.FromItems(parts),
        };

    /// <summary>Content that describes a response (usage, reasoning) rather than something to send back.</summary>
    private static bool IsSendable(Ai.AIContent content)
        => content is not (Ai.FunctionCallContent or Ai.FunctionResultContent or Ai.UsageContent or Ai.TextReasoningContent);

    private static ChatToolCall ToToolCall(Ai.FunctionCallContent call) => new()
    {
        Id = call.CallId,
        Type = "function",
        Function = new ChatFunctionCall { Name = call.Name, Arguments = ToolCallArguments.Serialize(call.Arguments) },
    };

    private static ChatContentPart ToPart(Ai.AIContent content) => content switch
    {
        Ai.TextContent text => new ChatTextPart { Text = text.Text },
        Ai.DataContent data when data.HasTopLevelMediaType("image") => Image(data.Uri),
        Ai.DataContent data => new ChatFilePart { File = new ChatFile { Filename = data.Name, FileData = data.Uri } },
        Ai.UriContent uri when uri.HasTopLevelMediaType("image") => Image(uri.Uri.ToString()),
        _ => throw new NotSupportedException(
            $"Chat completions cannot carry {content.GetType().Name}: send text, images (DataContent or UriContent) or files as DataContent."),
    };

    private static ChatImageUrlPart Image(string url) => new() { ImageUrl = new ChatImageUrl { Url = url } };
}
