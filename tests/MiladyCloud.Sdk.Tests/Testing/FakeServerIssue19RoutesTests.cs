using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Testing;

namespace MiladyCloud.Sdk.Tests.Testing;

/// <summary>The fake serves the gallery, app credits, crypto payments and the two-step knowledge upload with the service's shapes and rules.</summary>
public class FakeServerIssue19RoutesTests
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
    public async Task The_gallery_filters_pages_and_walks_to_the_end()
    {
        var all = new List<GalleryItem>();
        await foreach (var item in _client.Gallery.ListAllAsync(new GalleryListOptions { Limit = 1 }))
        {
            all.Add(item);
        }

        var images = await _client.Gallery.ListAsync(new GalleryListOptions { Type = GalleryMediaType.Image, Limit = 2 });

        Assert.That(all, Has.Count.EqualTo(4));
        Assert.That(all.Select(i => i.CreatedAt), Is.Ordered.Descending);
        Assert.That(all.Count(i => i.Type == GalleryMediaType.Video), Is.EqualTo(1));
        Assert.That((images.Count, images.Limit, images.HasMore), Is.EqualTo((2, 2, true)));
        Assert.That(images.Items.Select(i => i.Type), Is.All.EqualTo(GalleryMediaType.Image));
        Assert.That(images.Items.All(i => i.Status == "completed" && long.Parse(i.FileSize!, System.Globalization.CultureInfo.InvariantCulture) > 0), Is.True);
    }

    [Test]
    public async Task The_gallery_answers_a_bad_query_with_the_validation_body()
    {
        using var http = new HttpClient { BaseAddress = _fake.Url };
        http.DefaultRequestHeaders.Add("X-API-Key", _fake.CreateOptions().ApiKey);

        using var response = await http.GetAsync("api/v1/gallery?type=audio&limit=0");

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.StartWith("""{"error":"Validation error","details":["""));
        Assert.That(body, Does.Contain("\"type\"").And.Contain("\"limit\""));
    }

    [Test]
    public async Task App_credits_are_bought_verified_once_and_shown_in_the_balance()
    {
        var app = await _client.Apps.CreateAsync(new CreateAppRequest { Name = "Shop", AppUrl = "https://shop.example.com", SkipGitHubRepo = true });
        var credits = _client.Apps.Credits;

        var before = await credits.GetBalanceAsync(app.App.Id);
        var session = await credits.CreateCheckoutAsync(new AppCreditCheckoutRequest { AppId = app.App.Id, Amount = 12.5m, SuccessUrl = "https://shop.example.com/ok", CancelUrl = "https://cloud.milady.ai/cancel" });
        var first = await credits.VerifyCheckoutAsync(session.SessionId);
        var again = await credits.VerifyCheckoutAsync(session.SessionId);
        var after = await credits.GetBalanceAsync(app.App.Id);

        Assert.That((before.Balance, before.IsLow), Is.EqualTo((0m, true)));
        Assert.That(session.Url, Does.Contain(session.SessionId));
        Assert.That((first.Amount, again.Amount), Is.EqualTo(((decimal?)12.5m, (decimal?)12.5m)));
        Assert.That((after.Balance, after.TotalPurchased, after.TotalSpent, after.IsLow), Is.EqualTo((12.5m, 12.5m, 0m, false)));
    }

    [Test]
    public async Task App_credit_checkouts_follow_the_services_rules()
    {
        var app = await _client.Apps.CreateAsync(new CreateAppRequest { Name = "Shop", AppUrl = "https://shop.example.com", SkipGitHubRepo = true });
        var credits = _client.Apps.Credits;

        var unknownApp = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => credits.CreateCheckoutAsync(new AppCreditCheckoutRequest { AppId = Guid.NewGuid().ToString(), Amount = 5, SuccessUrl = "https://shop.example.com/ok", CancelUrl = "https://shop.example.com/no" }));
        var foreignOrigin = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => credits.CreateCheckoutAsync(new AppCreditCheckoutRequest { AppId = app.App.Id, Amount = 5, SuccessUrl = "https://evil.example/ok", CancelUrl = "https://shop.example.com/no" }));
        var unknownSession = Assert.ThrowsAsync<MiladyCloudInternalServerErrorException>(() => credits.VerifyCheckoutAsync("cs_test_unknown"));

        Assert.That(unknownApp!.RawBody, Is.EqualTo("""{"success":false,"error":"App not found"}"""));
        Assert.That(foreignOrigin!.RawBody, Is.EqualTo("""{"success":false,"error":"Invalid success_url"}"""));
        Assert.That(unknownSession!.RawBody, Does.Contain("internal_error"));
    }

    [Test]
    public async Task Crypto_payments_are_listed_and_read_one_by_one()
    {
        var status = await _client.Credits.Crypto.GetStatusAsync();
        var payments = await _client.Credits.Crypto.ListAsync();
        var confirmed = await _client.Credits.Crypto.GetAsync(payments.Single(p => p.Status == CryptoPaymentState.Confirmed).Id);
        var missing = Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => _client.Credits.Crypto.GetAsync(Guid.NewGuid().ToString()));

        Assert.That(status.Enabled, Is.True);
        Assert.That(status.SupportedTokens, Does.Contain("USDT"));
        Assert.That(status.Networks.Select(n => n.Id), Does.Contain("TRC20"));
        Assert.That(payments, Has.Count.EqualTo(2));
        Assert.That(payments.All(p => p.Confirmed is null), Is.True, "the list carries no confirmed flag");
        Assert.That((confirmed.Confirmed, confirmed.TransactionHash is not null, confirmed.ConfirmedAt is not null), Is.EqualTo(((bool?)true, true, true)));
        Assert.That(missing!.RawBody, Is.EqualTo("""{"error":"Payment not found"}"""));
    }

    [Test]
    public async Task Pre_uploaded_files_are_submitted_into_a_characters_knowledge_and_their_blobs_removed()
    {
        const string CharacterId = "9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f";
        var stored = await _client.Knowledge.PreUploadAsync([
            KnowledgeFile.FromBytes("Otters hold hands while sleeping."u8.ToArray(), "otters.md"),
            KnowledgeFile.FromBytes("a,b\n1,2"u8.ToArray(), "table.csv", "text/csv")]);
        var keep = stored.Files.First();
        var drop = stored.Files.Last();

        await _client.Knowledge.DeletePreUploadAsync(drop.BlobUrl);
        var submitted = await _client.Knowledge.SubmitAsync(CharacterId, [keep]);
        var again = await _client.Knowledge.SubmitAsync(CharacterId, [keep]);
        var documents = await _client.Knowledge.ListAsync(new KnowledgeListOptions { CharacterId = CharacterId });

        Assert.That((stored.SuccessCount, stored.FailureCount), Is.EqualTo((2, 0)));
        Assert.That(keep.BlobUrl, Does.StartWith("https://").And.Contain("/knowledge-pre-upload/"));
        Assert.That((submitted.Success, submitted.SuccessCount, submitted.Results.Single().Status), Is.EqualTo((true, 1, KnowledgeSubmitStatus.Success)));
        Assert.That((again.Success, again.FailedCount, again.Results.Single().Status), Is.EqualTo((false, 1, KnowledgeSubmitStatus.Error)), "a processed blob is deleted");
        Assert.That(documents.Documents.Select(d => d.Id), Does.Contain(submitted.Results.Single().DocumentId));
    }

    [Test]
    public async Task Pre_upload_ownership_and_blob_checks_answer_as_the_service_does()
    {
        var foreign = "https://x.public.blob.vercel-storage.com/knowledge-pre-upload/" + Guid.NewGuid() + "/1-a.md";

        var notOurs = Assert.ThrowsAsync<MiladyCloudForbiddenException>(() => _client.Knowledge.DeletePreUploadAsync(foreign));
        var untrusted = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => _client.Knowledge.DeletePreUploadAsync("https://files.example/knowledge-pre-upload/a.md"));
        var submitForeign = Assert.ThrowsAsync<MiladyCloudForbiddenException>(() => _client.Knowledge.SubmitAsync(new KnowledgeSubmitRequest
        {
            CharacterId = "9c5e3a4d-6f7b-4c8d-8e1f-2a3b4c5d6e7f",
            Files = [new KnowledgeSubmitFile { BlobUrl = foreign, Filename = "a.md", ContentType = "text/markdown", Size = 3 }],
        }));

        Assert.That(notOurs!.RawBody, Is.EqualTo("""{"error":"Unauthorized to delete this file"}"""));
        Assert.That(untrusted!.RawBody, Is.EqualTo("""{"error":"Invalid or untrusted blob URL"}"""));
        Assert.That(submitForeign!.RawBody, Is.EqualTo("""{"error":"Unauthorized blob URL for file: a.md"}"""));
        await Task.CompletedTask;
    }
}
