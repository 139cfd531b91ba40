using System.Text;
using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

// Knowledge for retrieval: add a document from text, upload files (streamed, with progress), then ask questions.
// Without MILADY_CLOUD_API_KEY it runs against the in-process fake, which keeps documents in memory.
var apiKey = Environment.GetEnvironmentVariable("MILADY_CLOUD_API_KEY");
using var fake = string.IsNullOrWhiteSpace(apiKey) ? MiladyCloudFakeServer.Start() : null;
using var client = fake is null ? new MiladyCloudClient(apiKey!) : fake.CreateClient();
Console.WriteLine(fake is null
    ? "Using the real elizaOS Cloud service (MILADY_CLOUD_API_KEY is set)."
    : $"No MILADY_CLOUD_API_KEY set: running against the built-in local fake of the service at {fake.BaseUrl}.");

// 1. A document from text.
var created = await client.Knowledge.CreateAsync(new CreateKnowledgeDocumentRequest
{
    Content = "Our support desk is open Monday to Friday, 9:00 to 17:00 CET. Urgent issues go to the on-call engineer.",
    Filename = "support-hours.txt",
    ContentType = "text/plain",
});
Console.WriteLine($"\n1) Added support-hours.txt as document {created.DocumentId}");

// 2. Files: one from disk, one from a stream. The SDK checks the service's limits (count, size, type) before sending
// and streams the bytes, so progress is reported as they go out.
var policyPath = Path.Combine(Path.GetTempPath(), $"refund-policy-{Guid.NewGuid():N}.md");
await File.WriteAllTextAsync(policyPath, "# Refunds\n\nRefunds are possible within 30 days of purchase. Credits already spent are not refunded.\n");
using var faq = new MemoryStream(Encoding.UTF8.GetBytes("Q: How many chat requests per minute? A: 60 per API key."));
var progress = new Progress<UploadProgress>(p => Console.Write($"\r2) Uploading: {p.BytesSent} of {p.TotalBytes} bytes ({p.Fraction:P0})   "));
var upload = await client.Knowledge.UploadAsync(
    [KnowledgeFile.FromPath(policyPath, "text/markdown"), KnowledgeFile.FromStream(faq, "faq.txt", "text/plain")],
    progress: progress);
Console.WriteLine($"\n   Uploaded {string.Join(", ", upload.Data.Select(f => f.Filename))}");
File.Delete(policyPath);

// 3. Semantic search over everything added.
foreach (var question in new[] { "When can I reach support?", "Can I get my money back?" })
{
    var answer = await client.Knowledge.QueryAsync(question, limit: 2);
    Console.WriteLine($"\n3) \"{question}\"");
    foreach (var result in answer.Results)
    {
        Console.WriteLine($"   {result.Similarity:F3}  {Shorten(result.Content)}");
    }
}

// 4. Every document, page by page (fetched lazily).
Console.WriteLine("\n4) All documents:");
await foreach (var document in client.Knowledge.ListAllAsync(new KnowledgeListOptions { Limit = 2 }))
{
    Console.WriteLine($"   {document.Id}");
}

Console.WriteLine("\nDone.");
return 0;

static string Shorten(string text) => text.Length <= 70 ? text : text[..67] + "...";
