using System.Net;
using System.Text;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Knowledge;

public class FakeServerKnowledgeTests
{
    private MiladyCloudFakeServer _fake = null!;
    private MiladyCloudClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _fake = MiladyCloudFakeServer.Start();
        _client = _fake.CreateClient(o => o.MaxRetries = 0);
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _fake.Dispose();
    }

    [Test]
    public async Task Documents_added_from_text_and_uploaded_are_listed_queried_checked_and_deleted()
    {
        var created = await _client.Knowledge.CreateAsync(new CreateKnowledgeDocumentRequest
        {
            Content = "Passwords are reset under Settings, Security.\n\nInvoices are sent on the first of each month.",
            Filename = "faq.txt",
            CharacterId = "9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f",
        });
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("Refunds take five working days."));
        var uploaded = await _client.Knowledge.UploadAsync([KnowledgeFile.FromStream(stream, "refunds.md")], characterId: "9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f");

        Assert.Multiple(() =>
        {
            Assert.That(created.Success, Is.True);
            Assert.That(created.FragmentCount, Is.EqualTo(2), "one fragment per paragraph");
            Assert.That(uploaded.SuccessCount, Is.EqualTo(1));
            Assert.That(uploaded.Data.Single().Filename, Is.EqualTo("refunds.md"));
            Assert.That(uploaded.Data.Single().Type, Is.EqualTo("text/markdown"));
            Assert.That(uploaded.Data.Single().Size, Is.EqualTo(31));
            Assert.That(uploaded.Data.Single().Status, Is.EqualTo(KnowledgeFileStatus.Success));
        });

        var all = new List<KnowledgeDocument>();
        await foreach (var document in _client.Knowledge.ListAllAsync(new KnowledgeListOptions { CharacterId = "9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f", Limit = 1 }))
        {
            all.Add(document);
        }

        Assert.That(all.Select(d => d.Metadata!.Filename), Is.EqualTo(new[] { "faq.txt", "refunds.md" }));
        Assert.That(_fake.Requests.Count(r => r.Method == "GET" && r.Path == "/api/v1/knowledge"), Is.EqualTo(2), "the walk stops at the reported total");

        var answer = await _client.Knowledge.QueryAsync("How do I reset my password?", limit: 1, characterId: "9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f");
        Assert.That(answer.Results.Single().Content, Is.EqualTo("Passwords are reset under Settings, Security."));
        Assert.That(answer.Results.Single().Similarity, Is.GreaterThan(0));

        Assert.That((await _client.Knowledge.CheckAsync("9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f")).Count, Is.EqualTo(2));
        Assert.That((await _client.Knowledge.CheckAsync("2e7a5c6f-8b9d-4e0f-8a1b-4c5d6e7f8091")).HasDocuments, Is.False);

        await _client.Knowledge.DeleteAsync(created.DocumentId, "9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f");
        Assert.That((await _client.Knowledge.ListAsync(new KnowledgeListOptions { CharacterId = "9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f" })).Total, Is.EqualTo(1));
    }

    [Test]
    public async Task The_default_assistant_keeps_its_own_documents()
    {
        await _client.Knowledge.CreateAsync(new CreateKnowledgeDocumentRequest { Content = "Only for the assistant." });

        Assert.That((await _client.Knowledge.ListAsync()).Total, Is.EqualTo(1));
        Assert.That((await _client.Knowledge.ListAsync(new KnowledgeListOptions { CharacterId = "9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f" })).Total, Is.Zero);
    }

    [Test]
    public void The_fake_answers_bad_requests_like_the_service()
    {
        var unknown = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Knowledge.DeleteAsync(Guid.NewGuid().ToString()));
        Assert.That(unknown!.RawBody, Does.Contain("Document not found"));

        var unauthenticated = _fake.CreateClient(o => { o.ApiKey = "eliza_" + new string('0', 64); o.MaxRetries = 0; });
        using (unauthenticated)
        {
            var ex = Assert.ThrowsAsync<MiladyCloudUnauthorizedException>(() => unauthenticated.Knowledge.ListAsync());
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }
    }
}
