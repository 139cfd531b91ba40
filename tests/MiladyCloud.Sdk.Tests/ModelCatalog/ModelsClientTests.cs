using System.Net;
using System.Text.Json;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.ModelCatalog;

public class ModelsClientTests
{
    private FakeApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new FakeApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task ListAsync_sends_authenticated_get_and_maps_every_field()
    {
        _api.Server.Given(Request.Create().WithPath("/api/v1/models").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""
                {"object":"list","data":[{"id":"openai/gpt-5.4","object":"model","created":1767225600,"owned_by":"openai","name":"GPT-5.4",
                  "context_window":400000,"max_tokens":128000,"type":"language","tags":["tool-use"],"pricing":{"input":"0.000002"},"brand_new":true}]}
                """));

        var list = await _api.Client.Models.ListAsync();

        var model = list.Data.Single();
        Assert.Multiple(() =>
        {
            Assert.That(model.Id, Is.EqualTo("openai/gpt-5.4"));
            Assert.That(model.OwnedBy, Is.EqualTo("openai"));
            Assert.That(model.Created, Is.EqualTo(1767225600));
            Assert.That(model.ContextWindow, Is.EqualTo(400000));
            Assert.That(model.MaxTokens, Is.EqualTo(128000));
            Assert.That(model.Tags, Is.EqualTo(new[] { "tool-use" }));
            Assert.That(model.Pricing!.Value.GetProperty("input").GetString(), Is.EqualTo("0.000002"));
            Assert.That(model.AdditionalProperties["brand_new"].GetBoolean(), Is.True);
        });

        var sent = _api.SingleRequest().RequestMessage!;
        Assert.Multiple(() =>
        {
            Assert.That(sent.Method, Is.EqualTo("GET"));
            Assert.That(sent.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + FakeApi.ApiKey));
            Assert.That(sent.Headers!["User-Agent"].Single(), Does.StartWith("MiladyCloud.Sdk/1.0.0-preview.1 (.NET 10."));
            Assert.That(sent.Headers!["Accept"].Single(), Is.EqualTo("application/json"));
        });
    }

    [Test]
    public async Task GetAsync_keeps_the_slash_of_a_provider_prefixed_id_and_escapes_the_rest()
    {
        var handler = RecordingHandler.Json("""{"id":"openai/gpt 5","object":"model"}""");
        using var client = new MiladyCloudClient(new HttpClient(handler), new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey });

        var model = await client.Models.GetAsync("openai/gpt 5?x=1");

        Assert.That(model.Id, Is.EqualTo("openai/gpt 5"));
        Assert.That(handler.Requests.Single().RequestUri!.AbsoluteUri, Is.EqualTo("https://cloud.milady.ai/api/v1/models/openai/gpt%205%3Fx%3D1"));
    }

    /// <summary>An OpenRouter catalogue entry as the service passes it through: no <c>object</c>, no <c>owned_by</c>.</summary>
    private const string ProviderEntry = """
        {"id":"mistralai/mistral-small","canonical_slug":"mistralai/mistral-small","name":"Mistral Small","created":1704844800,
         "description":"A small model.","context_length":32768,"pricing":{"prompt":"0.0000002","completion":"0.0000006"}}
        """;

    [Test]
    public async Task ListAsync_reads_a_provider_entry_without_object_or_owned_by_next_to_a_catalog_entry()
    {
        _api.Respond("/api/v1/models", "GET", $$"""
            {"object":"list","data":[{"id":"openai/gpt-5.4","object":"model","created":1767225600,"owned_by":"openai"},{{ProviderEntry}}]}
            """);

        var list = await _api.Client.Models.ListAsync();

        var (own, passed) = (list.Data[0], list.Data[1]);
        Assert.Multiple(() =>
        {
            Assert.That((own.Id, own.Object, own.OwnedBy), Is.EqualTo(("openai/gpt-5.4", "model", "openai")));
            Assert.That(passed.Id, Is.EqualTo("mistralai/mistral-small"));
            Assert.That(passed.Object, Is.Null);
            Assert.That(passed.OwnedBy, Is.Null);
            Assert.That((passed.Name, passed.Created), Is.EqualTo(("Mistral Small", (long?)1704844800)));
            Assert.That(passed.AdditionalProperties["context_length"].GetInt32(), Is.EqualTo(32768), "the provider's own fields are kept");
        });
    }

    [Test]
    public async Task GetAsync_reads_a_provider_entry_without_object_or_owned_by()
    {
        _api.Respond("/api/v1/models/mistralai/mistral-small", "GET", ProviderEntry);

        var model = await _api.Client.Models.GetAsync("mistralai/mistral-small");

        Assert.That((model.Id, model.Object, model.OwnedBy), Is.EqualTo(("mistralai/mistral-small", (string?)null, (string?)null)));
        Assert.That(_api.Sent().AbsoluteUrl, Does.EndWith("/api/v1/models/mistralai/mistral-small"));
    }

    [TestCase("../admin")]
    [TestCase("openai/../../credits")]
    [TestCase("openai//x")]
    [TestCase(" ")]
    public void GetAsync_rejects_ids_that_could_reach_another_route_before_sending(string id)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Models.GetAsync(id));
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task GetStatusAsync_posts_model_ids_and_maps_availability()
    {
        _api.Server.Given(Request.Create().WithPath("/api/v1/models/status").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""
                {"models":[{"modelId":"openai/gpt-5.4","available":true},{"modelId":"acme/x","available":false,"reason":"Model not found in gateway"}],"timestamp":1714230000000}
                """));

        var status = await _api.Client.Models.GetStatusAsync(["openai/gpt-5.4", "acme/x"]);

        Assert.Multiple(() =>
        {
            Assert.That(status.Models.Select(m => m.Available), Is.EqualTo(new[] { true, false }));
            Assert.That(status.Models[1].Reason, Is.EqualTo("Model not found in gateway"));
            Assert.That(status.Timestamp, Is.EqualTo(1714230000000L));
        });
        var body = JsonDocument.Parse(_api.SingleRequest().RequestMessage!.Body!).RootElement;
        Assert.That(body.GetRawText(), Is.EqualTo("""{"modelIds":["openai/gpt-5.4","acme/x"]}"""));
    }

    [Test]
    public void GetStatusAsync_validates_the_list_before_sending()
    {
        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Models.GetStatusAsync([]));
            Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Models.GetStatusAsync(Enumerable.Range(0, 51).Select(i => $"m{i}")));
            Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Models.GetStatusAsync(["ok", ""]));
        });
        Assert.That(_api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task The_catalog_is_reused_while_Cache_Control_allows_and_refetched_after()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var api = new FakeApi(o => o.TimeProvider = clock);
        api.Server.Given(Request.Create().WithPath("/api/v1/models").UsingGet()).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Cache-Control", "public, s-maxage=3600, stale-while-revalidate=7200").WithBody("""{"object":"list","data":[]}"""));

        var first = await api.Client.Models.ListAsync();
        var second = await api.Client.Models.ListAsync();
        clock.Advance(TimeSpan.FromMinutes(59));
        await api.Client.Models.ListAsync();
        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(1));
        await api.Client.Models.ListAsync(useCache: false);
        clock.Advance(TimeSpan.FromMinutes(61));
        await api.Client.Models.ListAsync();

        Assert.That(second, Is.SameAs(first));
        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(3));
    }

    [Test]
    public async Task Without_Cache_Control_nothing_is_cached()
    {
        using var api = new FakeApi();
        api.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"object":"list","data":[]}"""));

        await api.Client.Models.ListAsync();
        await api.Client.Models.ListAsync();

        Assert.That(api.Server.LogEntries.Count(), Is.EqualTo(2));
    }

    [Test]
    public void An_error_status_becomes_an_api_exception_with_the_raw_body()
    {
        _api.Server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("""{"error":{"message":"Gateway not configured","type":"service_unavailable"}}"""));

        var ex = Assert.ThrowsAsync(Is.InstanceOf<MiladyCloudApiException>(), () => _api.Client.Models.ListAsync()) as MiladyCloudApiException;

        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(ex.RawBody, Does.Contain("Gateway not configured"));
        Assert.That(ex.Message, Does.Not.Contain(FakeApi.ApiKey));
    }

    [Test]
    public void A_body_of_the_wrong_shape_is_a_MiladyCloudException_that_keeps_the_raw_text()
    {
        _api.Server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("<html>proxy says hi</html>"));

        var ex = Assert.ThrowsAsync<MiladyCloudResponseFormatException>(() => _api.Client.Models.ListAsync());

        Assert.That(ex!.RawBody, Is.EqualTo("<html>proxy says hi</html>"));
    }
}
