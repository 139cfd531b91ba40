using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Knowledge;

public class KnowledgeClientTests : WireMockClientTests
{
    private const string DocId = "5d1e8c2a-0b4f-4d6e-8a9b-1c2d3e4f5a6b";

    [Test]
    public async Task ListAsync_sends_character_count_offset_and_maps_every_field()
    {
        Respond("/api/v1/knowledge", "GET", """
            {"documents":[{"id":"d1","entityId":"e1","agentId":"ag1","roomId":"r1","content":{"text":"Handbook text"},
              "metadata":{"type":"document","filename":"handbook.pdf","fileSize":1048576,"uploadedBy":"u1","source":"upload"},"createdAt":1714230000000,"embedding":null}],
             "total":7,"count":1,"offset":3}
            """);

        var list = await Api.Client.Knowledge.ListAsync(new KnowledgeListOptions { CharacterId = "9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f", Limit = 1, Offset = 3 });

        var doc = list.Documents.Single();
        Assert.Multiple(() =>
        {
            Assert.That((list.Total, list.Count, list.Offset), Is.EqualTo((7, (int?)1, (int?)3)));
            Assert.That(doc.Id, Is.EqualTo("d1"));
            Assert.That(doc.EntityId, Is.EqualTo("e1"));
            Assert.That(doc.AgentId, Is.EqualTo("ag1"));
            Assert.That(doc.RoomId, Is.EqualTo("r1"));
            Assert.That(doc.Content!.Text, Is.EqualTo("Handbook text"));
            Assert.That(doc.Metadata!.Type, Is.EqualTo("document"));
            Assert.That(doc.Metadata.Filename, Is.EqualTo("handbook.pdf"));
            Assert.That(doc.Metadata.FileSize, Is.EqualTo(1048576));
            Assert.That(doc.Metadata.UploadedBy, Is.EqualTo("u1"));
            Assert.That(doc.Metadata.AdditionalProperties["source"].GetString(), Is.EqualTo("upload"));
            Assert.That(doc.CreatedAt, Is.EqualTo(1714230000000));
            Assert.That(doc.AdditionalProperties.ContainsKey("embedding"), Is.True);
        });
        var sent = Api.SingleRequest().RequestMessage!;
        Assert.That(sent.Method, Is.EqualTo("GET"));
        Assert.That(sent.RawQuery, Is.EqualTo("?characterId=9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f&count=1&offset=3"));
    }

    [Test]
    public async Task ListAllAsync_walks_by_offset_and_stops_at_the_total()
    {
        Window(0, 5, "a", "b");
        Window(2, 5, "c", "d");
        Window(4, 5, "e");
        Window(6, 5, "never");

        var ids = new List<string>();
        await foreach (var doc in Api.Client.Knowledge.ListAllAsync(new KnowledgeListOptions { CharacterId = "9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f", Limit = 2 }))
        {
            ids.Add(doc.Id);
        }

        Assert.That(ids, Is.EqualTo(new[] { "a", "b", "c", "d", "e" }));
        Assert.That(Api.Server.LogEntries.Select(e => e.RequestMessage!.RawQuery), Is.EqualTo(new[]
        {
            "?characterId=9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f&count=2&offset=0",
            "?characterId=9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f&count=2&offset=2",
            "?characterId=9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f&count=2&offset=4",
        }));
    }

    [Test]
    public async Task ListAllAsync_stops_at_an_empty_window_even_if_the_total_is_larger()
    {
        Window(0, 100, "a");
        Window(1, 100);

        var ids = new List<string>();
        await foreach (var doc in Api.Client.Knowledge.ListAllAsync(new KnowledgeListOptions { Limit = 1 }))
        {
            ids.Add(doc.Id);
        }

        Assert.That(ids, Is.EqualTo(new[] { "a" }));
        Assert.That(Api.Server.LogEntries, Has.Count.EqualTo(2));
    }

    [Test]
    public void ListAllAsync_honours_cancellation_between_windows()
    {
        Window(0, 4, "a", "b");
        Window(2, 4, "c", "d");
        using var cts = new CancellationTokenSource();

        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var doc in Api.Client.Knowledge.ListAllAsync(new KnowledgeListOptions { Limit = 2 }).WithCancellation(cts.Token))
            {
                if (doc.Id == "b")
                {
                    cts.Cancel();
                }
            }
        });

        Assert.That(Api.Server.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public void List_arguments_are_checked_before_sending()
    {
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Api.Client.Knowledge.ListAsync(new KnowledgeListOptions { Limit = 0 }));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Api.Client.Knowledge.ListAsync(new KnowledgeListOptions { Offset = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Api.Client.Knowledge.ListAllAsync(new KnowledgeListOptions { Limit = 0 }));
        Assert.Throws<ArgumentException>(() => Api.Client.Knowledge.ListAllAsync(new KnowledgeListOptions { CharacterId = " " }));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task CreateAsync_posts_the_document_and_maps_the_result()
    {
        Respond("/api/v1/knowledge", "POST", """{"success":true,"documentId":"d9","fragmentCount":3,"message":"Document processed successfully. Created 3 knowledge fragments."}""");
        using var metadata = JsonDocument.Parse("""{"source":"faq"}""");

        var created = await Api.Client.Knowledge.CreateAsync(new CreateKnowledgeDocumentRequest
        {
            Content = "Our office opens at 9.",
            ContentType = "text/plain",
            Filename = "hours.txt",
            Metadata = metadata.RootElement,
            CharacterId = "9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f",
        });

        Assert.That((created.Success, created.DocumentId, created.FragmentCount, created.Message), Is.EqualTo((true, "d9", (int?)3, "Document processed successfully. Created 3 knowledge fragments.")));
        AssertBody("""{"content":"Our office opens at 9.","contentType":"text/plain","filename":"hours.txt","metadata":{"source":"faq"},"characterId":"9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f"}""");
    }

    [Test]
    public void CreateAsync_refuses_empty_content_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Knowledge.CreateAsync(new CreateKnowledgeDocumentRequest { Content = "" }));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task QueryAsync_posts_query_limit_and_character_and_maps_results()
    {
        Respond("/api/v1/knowledge/query", "POST", """
            {"query":"How do I reset my password?","results":[{"id":"f1","content":"Go to Settings > Security","similarity":0.92,"metadata":{"type":"fragment"}}],"count":1}
            """);

        var answer = await Api.Client.Knowledge.QueryAsync("How do I reset my password?", limit: 3, characterId: "9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f");

        var hit = answer.Results.Single();
        Assert.Multiple(() =>
        {
            Assert.That(answer.Query, Is.EqualTo("How do I reset my password?"));
            Assert.That(answer.Count, Is.EqualTo(1));
            Assert.That(hit.Id, Is.EqualTo("f1"));
            Assert.That(hit.Content, Is.EqualTo("Go to Settings > Security"));
            Assert.That(hit.Similarity, Is.EqualTo(0.92));
            Assert.That(hit.Metadata!.Value.GetProperty("type").GetString(), Is.EqualTo("fragment"));
        });
        AssertBody("""{"query":"How do I reset my password?","limit":3,"characterId":"9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f"}""");
    }

    [Test]
    public async Task QueryAsync_leaves_out_what_was_not_given()
    {
        Respond("/api/v1/knowledge/query", "POST", """{"query":"q","results":[],"count":0}""");

        await Api.Client.Knowledge.QueryAsync("q");

        AssertBody("""{"query":"q"}""");
    }

    [Test]
    public void QueryAsync_checks_its_arguments_before_sending()
    {
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Knowledge.QueryAsync(" "));
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Api.Client.Knowledge.QueryAsync("q", limit: 0));
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Knowledge.QueryAsync("q", characterId: ""));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task CheckAsync_sends_a_get_with_the_character()
    {
        Respond("/api/v1/knowledge/check", "GET", """{"hasDocuments":true,"count":4}""");

        var check = await Api.Client.Knowledge.CheckAsync("9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f");

        Assert.That((check.HasDocuments, check.Count), Is.EqualTo((true, 4)));
        Assert.That(Api.SingleRequest().RequestMessage!.RawQuery, Is.EqualTo("?characterId=9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f"));
    }

    [Test]
    public async Task DeleteAsync_sends_delete_with_the_character_query()
    {
        Respond($"/api/v1/knowledge/{DocId}", "DELETE", """{"success":true,"message":"Document deleted successfully"}""");

        await Api.Client.Knowledge.DeleteAsync(DocId, "9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f");

        var sent = Api.SingleRequest().RequestMessage!;
        Assert.That((sent.Method, sent.RawQuery), Is.EqualTo(("DELETE", "?characterId=9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f")));
    }

    [TestCase("not-a-uuid")]
    [TestCase("..")]
    [TestCase("")]
    public void DeleteAsync_refuses_ids_that_are_not_uuids_before_sending(string id)
    {
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Knowledge.DeleteAsync(id));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void A_service_unavailable_answer_becomes_a_typed_exception()
    {
        Api.Server.Given(Request.Create().UsingPost())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("""{"error":"Knowledge service not available","details":"plugin missing"}"""));

        var ex = Assert.ThrowsAsync<MiladyCloudServiceUnavailableException>(() => Api.Client.Knowledge.QueryAsync("q"));

        Assert.That(ex!.RawBody, Does.Contain("Knowledge service not available"));
    }

    private void Window(int offset, int total, params string[] ids)
    {
        var docs = string.Join(',', ids.Select(i => $$"""{"id":"{{i}}"}"""));
        Api.Server.Given(Request.Create().WithPath("/api/v1/knowledge").WithParam("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture)).UsingGet())
            .RespondWith(Response.Create().WithBody($$"""{"documents":[{{docs}}],"total":{{total}},"count":2,"offset":{{offset}}}"""));
    }
}
