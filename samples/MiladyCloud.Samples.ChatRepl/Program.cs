using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

// An interactive chat: each answer streams in as it is generated and the whole conversation is sent every turn.
// Commands: /reset clears the history, /exit (or an empty line at end of input) quits. Ctrl+C stops the current answer.
var apiKey = Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY");
using var fake = string.IsNullOrWhiteSpace(apiKey) ? MiladyCloudFakeServer.Start() : null;
using var client = fake is null ? new MiladyCloudClient(apiKey!) : fake.CreateClient();
var model = args.FirstOrDefault() ?? "openai/gpt-5.4";
Console.WriteLine(fake is null ? $"Chatting with {model}." : $"No MILADY_CLOUD_API_KEY set: chatting with the built-in local fake ({model}).");

var history = new List<ChatMessage> { new() { Role = ChatRole.System, Content = "You are a concise, friendly assistant." } };
CancellationTokenSource? answering = null;
Console.CancelKeyPress += (_, e) =>
{
    if (answering is { IsCancellationRequested: false })
    {
        e.Cancel = true;
        answering.Cancel();
    }
};

while (true)
{
    Console.Write("\nyou> ");
    var line = Console.ReadLine();
    if (line is null || line.Trim() == "/exit")
    {
        break;
    }

    if (line.Trim() == "/reset")
    {
        history.RemoveRange(1, history.Count - 1);
        Console.WriteLine("(history cleared)");
        continue;
    }

    if (string.IsNullOrWhiteSpace(line))
    {
        continue;
    }

    history.Add(new ChatMessage { Role = ChatRole.User, Content = line });
    using var turn = answering = new CancellationTokenSource();
    var accumulator = new ChatCompletionAccumulator();
    Console.Write("ai> ");
    try
    {
        await foreach (var chunk in client.Chat.StreamAsync(new ChatCompletionRequest { Model = model, Messages = history }, turn.Token))
        {
            accumulator.Add(chunk);
            Console.Write(chunk.Choices.FirstOrDefault()?.Delta.Content);
        }
    }
    catch (OperationCanceledException)
    {
        Console.Write(" (stopped)");
    }
    catch (MiladyCloudException ex)
    {
        Console.Write($" [error: {ex.Message}]");
    }

    if (accumulator.Text.Length > 0)
    {
        // Keep what was said, even if the answer was stopped part-way, so the next turn has the context.
        history.Add(new ChatMessage { Role = ChatRole.Assistant, Content = accumulator.Text });
    }

    Console.WriteLine();
}
