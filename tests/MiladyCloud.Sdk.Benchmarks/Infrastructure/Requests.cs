using System.Text;
using MiladyCloud.Sdk.Models;
using OpenAIChat = OpenAI.Chat;

namespace MiladyCloud.Sdk.Benchmarks.Infrastructure;

/// <summary>The one-question requests every contender sends in the response-reading scenarios.</summary>
internal static class Requests
{
    public const string Question = "Write a long story about a fox.";

    public static ChatCompletionRequest OursChat() => new()
    {
        Model = Payloads.ChatModel,
        Messages = [new ChatMessage { Role = ChatRole.User, Content = Question }],
    };

    public static MessageRequest OursMessages() => new()
    {
        Model = Payloads.MessagesModel,
        MaxTokens = 4096,
        Messages = [new MessageParam { Role = MessageRole.User, Content = Question }],
    };

    public static List<OpenAIChat.ChatMessage> OpenAIChatMessages() => [OpenAIChat.ChatMessage.CreateUserMessage(Question)];

    public static Anthropic.Models.Messages.MessageCreateParams AnthropicMessages() => new()
    {
        Model = Payloads.MessagesModel,
        MaxTokens = 4096,
        Messages = [new Anthropic.Models.Messages.UserMessageParam { Content = Question }],
    };

    public static byte[] FloorChat(bool stream)
        => Encoding.UTF8.GetBytes("{\"model\":\"" + Payloads.ChatModel + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + Question + "\"}]" + (stream ? ",\"stream\":true}" : "}"));

    public static byte[] FloorMessages()
        => Encoding.UTF8.GetBytes("{\"model\":\"" + Payloads.MessagesModel + "\",\"max_tokens\":4096,\"messages\":[{\"role\":\"user\",\"content\":\"" + Question + "\"}],\"stream\":true}");
}
