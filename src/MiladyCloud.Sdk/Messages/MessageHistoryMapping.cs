using MiladyCloud.Sdk.Models;
using Ai = Microsoft.Extensions.AI;

namespace MiladyCloud.Sdk.Internal.AI;

/// <summary>
/// Microsoft.Extensions.AI messages to the system prompt and turns of a messages request, refusing what the service
/// would drop without a word. What the service does with a turn (elizaOS/cloud <c>app/api/v1/messages/route.ts</c>,
/// <c>anthropicMessagesToModelMessages</c>): a user turn keeps text, images and <c>tool_result</c> blocks and ignores
/// anything else; an assistant turn keeps text, <c>tool_use</c> and <c>tool_result</c> blocks and ignores images.
/// </summary>
internal sealed class MessageHistoryMapping
{
    /// <summary>The image formats the service tells apart (any other type it relabels as JPEG).</summary>
    private static readonly HashSet<string> ImageTypes = new(StringComparer.OrdinalIgnoreCase) { "image/jpeg", "image/png", "image/gif", "image/webp", "image/svg+xml" };

    private readonly List<string> _system = [];
    private readonly List<Turn> _turns = [];

    private enum TurnKind
    {
        User,
        ToolResults,
        Assistant,
    }

    /// <param name="messages">The conversation.</param>
    /// <param name="leadingSystem">System texts that come before those of the system messages (the instructions).</param>
    public static (SystemPrompt? System, List<MessageParam> Messages) Map(IEnumerable<Ai.ChatMessage> messages, IEnumerable<string> leadingSystem)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var mapping = new MessageHistoryMapping();
        mapping._system.AddRange(leadingSystem);

        var index = 0;
        foreach (var message in messages)
        {
            mapping.Add(message ?? throw new ArgumentException($"messages[{index}] is null.", nameof(messages)), index);
            index++;
        }

        return (mapping.BuildSystemPrompt(), mapping._turns.Select(turn => turn.ToParam()).ToList());
    }

    private void Add(Ai.ChatMessage message, int index)
    {
        var role = message.Role;
        if (role == Ai.ChatRole.System)
        {
            AddSystem(message, index);
            return;
        }

        if (role != Ai.ChatRole.User && role != Ai.ChatRole.Assistant && role != Ai.ChatRole.Tool)
        {
            throw new NotSupportedException($"messages[{index}] has role '{role.Value}': the service's /messages takes system, user, assistant and tool messages only.");
        }

        foreach (var content in message.Contents)
        {
            if (ToBlock(content, role, index) is { } block)
            {
                Append(KindOf(content, role), block);
            }
        }
    }

    private void AddSystem(Ai.ChatMessage message, int index)
    {
        var text = string.Concat(message.Contents.Where(c => !IsResponseDetail(c)).Select(content => content is Ai.TextContent t
            ? t.Text
            : throw new NotSupportedException($"messages[{index}] is a system message with {content.GetType().Name}: the service's system prompt is text only.")));
        if (text.Length > 0)
        {
            _system.Add(text);
        }
    }

    private static TurnKind KindOf(Ai.AIContent content, Ai.ChatRole role)
        => content is Ai.FunctionResultContent ? TurnKind.ToolResults
        : role == Ai.ChatRole.Assistant ? TurnKind.Assistant
        : TurnKind.User;

    private static ContentBlock? ToBlock(Ai.AIContent content, Ai.ChatRole role, int index)
    {
        var assistant = role == Ai.ChatRole.Assistant;
        return content switch
        {
            _ when IsResponseDetail(content) => null,
            Ai.TextContent { Text.Length: 0 } => null,
            Ai.TextContent text => new TextBlock { Text = text.Text },
            Ai.FunctionCallContent call when assistant => new ToolUseBlock { Id = call.CallId, Name = call.Name, Input = ToolCallArguments.ToElement(call.Arguments) },
            Ai.FunctionCallContent => throw new NotSupportedException(
                $"messages[{index}] has a FunctionCallContent in a {role.Value} message: the service ignores tool_use blocks outside assistant turns; put tool calls on the assistant message."),
            Ai.FunctionResultContent result => ToToolResult(result),
            Ai.DataContent or Ai.UriContent when assistant => throw new NotSupportedException(
                $"messages[{index}] is an assistant message with {content.GetType().Name}: the service keeps only text and tool calls of assistant turns and ignores images; send them in a user message."),
            Ai.DataContent data when data.HasTopLevelMediaType("image") => new ImageBlock { Source = new Base64ImageSource { MediaType = ImageType(data.MediaType, index), Data = data.Base64Data.ToString() } },
            Ai.UriContent uri when uri.HasTopLevelMediaType("image") => new ImageBlock { Source = new UrlImageSource { Url = uri.Uri.ToString() } },
            _ => throw new NotSupportedException(
                $"messages[{index}] has {content.GetType().Name} ({Describe(content)}): the service's /messages takes text, images (DataContent or UriContent), function calls and function results."),
        };
    }

    private static ToolResultBlock ToToolResult(Ai.FunctionResultContent result) => new()
    {
        ToolUseId = result.CallId,

        // Never without content: the service answers a bare 500 to a tool_result that has none.
        Content = ToolResultContent.FromText(ToolCallArguments.ResultText(result.Result)),
    };

    private static string ImageType(string mediaType, int index) => ImageTypes.Contains(mediaType)
        ? mediaType.ToLowerInvariant()
        : throw new NotSupportedException($"messages[{index}] has an image of type {mediaType}: the service takes JPEG, PNG, GIF, WebP and SVG images and would label any other type as JPEG.");

    private static string Describe(Ai.AIContent content) => content switch
    {
        Ai.DataContent data => data.MediaType,
        Ai.UriContent uri => uri.MediaType,
        _ => "not sendable",
    };

    /// <summary>Content that describes a response (usage, reasoning the service never reads back) rather than something to send.</summary>
    private static bool IsResponseDetail(Ai.AIContent content) => content is Ai.UsageContent or Ai.TextReasoningContent;

    private void Append(TurnKind kind, ContentBlock block)
    {
        // Consecutive blocks of one kind share a turn. Tool results and user text stay in separate user turns, in their
        // order: the service turns a user turn into its text first and its tool results after, so text merged behind
        // results would come before them and break the tool_use/tool_result pairing.
        if (_turns.Count == 0 || _turns[^1].Kind != kind)
        {
            _turns.Add(new Turn(kind));
        }

        _turns[^1].Blocks.Add(block);
    }

    private SystemPrompt? BuildSystemPrompt() => _system.Count switch
    {
        0 => null,
        1 => SystemPrompt.FromText(_system[0]),

        // Several system texts go as text blocks; the service joins them with blank lines.
        _ => SystemPrompt.FromItems(_system.Select(text => (ContentBlock)new TextBlock { Text = text }).ToList()),
    };

    private sealed class Turn(TurnKind kind)
    {
        public TurnKind Kind { get; } = kind;

        public List<ContentBlock> Blocks { get; } = [];

        public MessageParam ToParam() => new()
        {
            Role = Kind == TurnKind.Assistant ? MessageRole.Assistant : MessageRole.User,
            Content = Blocks is [TextBlock only] ? MessageContent.FromText(only.Text) : MessageContent.FromItems(Blocks),
        };
    }
}
