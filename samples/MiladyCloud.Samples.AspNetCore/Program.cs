using System.Net.ServerSentEvents;
using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Testing;

// A minimal API that uses AddMiladyCloud() and streams a chat reply to the browser as server-sent events.
// GET /chat?q=hello streams the answer; GET / serves a tiny page that shows it arriving.
var builder = WebApplication.CreateBuilder(args);
var fake = string.IsNullOrWhiteSpace(builder.Configuration["MiladyCloud:ApiKey"] ?? Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY"))
    ? MiladyCloudFakeServer.Start()
    : null;
if (fake is not null)
{
    Console.WriteLine($"No API key configured: the app talks to the built-in local fake of the service at {fake.BaseUrl}.");
    builder.Services.AddMiladyCloud(o => { o.ApiKey = MiladyCloudFakeServer.ApiKey; o.BaseUrl = fake.BaseUrl; });
}
else
{
    builder.Services.AddMiladyCloud(builder.Configuration.GetSection("MiladyCloud"));
}

var app = builder.Build();
app.Lifetime.ApplicationStopped.Register(() => fake?.Dispose());

app.MapGet("/chat", (string q, ChatClient chat, CancellationToken cancellationToken) =>
    TypedResults.ServerSentEvents(Deltas(chat, q, cancellationToken)));

app.MapGet("/", () => Results.Content("""
    <!doctype html><meta charset="utf-8"><title>MiladyCloud streaming</title>
    <input id="q" value="Write a haiku about rivers"><button onclick="ask()">Ask</button><pre id="out"></pre>
    <script>
    function ask() {
      const out = document.getElementById('out'); out.textContent = '';
      const source = new EventSource('/chat?q=' + encodeURIComponent(document.getElementById('q').value));
      source.onmessage = e => out.textContent += e.data;
      source.addEventListener('done', () => source.close());
    }
    </script>
    """, "text/html"));

app.Run();

static async IAsyncEnumerable<SseItem<string>> Deltas(ChatClient chat, string question, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
{
    // The client's cancellation (the browser going away) closes the upstream stream too.
    await foreach (var chunk in chat.StreamAsync("openai/gpt-5.4", question, cancellationToken))
    {
        if (chunk.Choices.FirstOrDefault()?.Delta.Content is { Length: > 0 } text)
        {
            yield return new SseItem<string>(text);
        }
    }

    yield return new SseItem<string>("", "done");
}
