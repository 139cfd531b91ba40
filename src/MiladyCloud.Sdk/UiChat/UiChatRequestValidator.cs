using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk;

/// <summary>Checks a UI chat request before it is sent, by what <c>POST /api/v1/chat</c> refuses or fails on.</summary>
internal static class UiChatRequestValidator
{
    public static void Validate(UiChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Messages is not { Count: > 0 } messages)
        {
            throw new ArgumentException("messages is empty: the service answers 400 (Messages array cannot be empty).", nameof(request));
        }

        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] ?? throw new ArgumentException($"messages[{i}] is null.", nameof(request));
            ValidateMessage(message, i);
        }

        if (request.Tier is { } tier && string.IsNullOrWhiteSpace(tier.Value))
        {
            throw new ArgumentException("tier is blank: leave it null for the service's default tier.", nameof(request));
        }
    }

    private static void ValidateMessage(UiChatMessage message, int index)
    {
        var role = message.Role.Value;
        if (role == "tool")
        {
            throw new ArgumentException($"messages[{index}] has role tool: the service accepts it but its message converter does not, and answers 500. Use Chat or Messages for tool results.", "request");
        }

        if (role != UiChatRole.User.Value && role != UiChatRole.Assistant.Value && role != UiChatRole.System.Value)
        {
            throw new ArgumentException($"messages[{index}] has role \"{role}\": the service answers 400 to any role but user, assistant and system.", "request");
        }

        if (message.Parts is { } parts)
        {
            if (message.Content is not null)
            {
                throw new ArgumentException($"messages[{index}] has both Content and Parts: the service would ignore Content. Put the text in a text part.", "request");
            }

            for (var p = 0; p < parts.Count; p++)
            {
                if (parts[p] is not { } part || string.IsNullOrWhiteSpace(part.Type))
                {
                    throw new ArgumentException($"messages[{index}].parts[{p}] is null or has no type.", "request");
                }
            }
        }
    }
}
