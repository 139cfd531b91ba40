namespace MiladyCloud.Sdk.Tests.Apps;

public class AppDomainsClientTests
{
    private const string StatusJson = """
        {"success":true,"domain":"app.example.com","status":"pending","configured":false,"verified":false,"sslStatus":"provisioning","sslExpiresAt":null,
         "configuredBy":null,"records":[{"type":"CNAME"}],"error":"CNAME missing","isApexDomain":false,
         "dnsInstructions":[{"type":"CNAME","name":"app","value":"cname.example.net","description":"Point app at the platform"}]}
        """;

    private AppApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new AppApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task ListAsync_maps_domain_records_and_the_sandbox_url()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/domains", """
            {"success":true,"sandboxUrl":"https://my-app.sandbox.example","domains":[{"id":"d-1","app_id":"a-1","subdomain":"my-app","custom_domain":"app.example.com",
              "custom_domain_verified":true,"verification_records":[],"ssl_status":"active","ssl_error":null,"vercel_project_id":"p","vercel_domain_id":"vd",
              "is_primary":true,"created_at":"c","updated_at":"u","verified_at":"v"}]}
            """);

        var list = await _api.Client.Apps.Domains.ListAsync("a-1");

        _api.AssertRequest("GET", "/api/v1/apps/a-1/domains");
        var domain = list.Domains.Single();
        Assert.Multiple(() =>
        {
            Assert.That(list.SandboxUrl, Is.EqualTo("https://my-app.sandbox.example"));
            Assert.That(domain.Subdomain, Is.EqualTo("my-app"));
            Assert.That(domain.CustomDomain, Is.EqualTo("app.example.com"));
            Assert.That(domain.CustomDomainVerified, Is.True);
            Assert.That(domain.SslStatus, Is.EqualTo("active"));
            Assert.That(domain.VercelProjectId, Is.EqualTo("p"));
            Assert.That(domain.IsPrimary, Is.True);
            Assert.That(domain.VerifiedAt, Is.EqualTo("v"));
        });
    }

    [Test]
    public async Task AddAsync_posts_the_domain_and_maps_dns_instructions()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/domains", """
            {"success":true,"domain":"example.com","verified":false,
             "verificationRecords":[{"type":"TXT","domain":"_vercel.example.com","value":"vc=1","reason":"pending_domain_verification"}],
             "dnsInstructions":[{"type":"A","name":"@","value":"76.76.21.21","description":"Apex record"}],"isApexDomain":true}
            """);

        var added = await _api.Client.Apps.Domains.AddAsync("a-1", "example.com");

        _api.AssertRequest("POST", "/api/v1/apps/a-1/domains", """{"domain":"example.com"}""");
        Assert.Multiple(() =>
        {
            Assert.That(added.Domain, Is.EqualTo("example.com"));
            Assert.That(added.Verified, Is.False);
            Assert.That(added.IsApexDomain, Is.True);
            Assert.That(added.VerificationRecords!.Single().Value, Is.EqualTo("vc=1"));
            Assert.That(added.VerificationRecords!.Single().Reason, Is.EqualTo("pending_domain_verification"));
            Assert.That(added.DnsInstructions!.Single().Type, Is.EqualTo("A"));
            Assert.That(added.DnsInstructions!.Single().Value, Is.EqualTo("76.76.21.21"));
        });
    }

    [TestCase("a.b")]
    [TestCase("localhost")]
    [TestCase("xn--80ak6aa92e.com")]
    [TestCase("exämple.com")]
    [TestCase("bad_name.example.com")]
    public void Domains_the_server_refuses_are_rejected_before_sending(string domain)
    {
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Domains.AddAsync("a-1", domain));
        Assert.ThrowsAsync<ArgumentException>(() => _api.Client.Apps.Domains.VerifyAsync("a-1", domain));
        _api.AssertNothingSent();
    }

    [Test]
    public async Task RemoveAsync_sends_DELETE_with_the_domain_in_the_body()
    {
        _api.Respond("DELETE", "/api/v1/apps/a-1/domains", """{"success":true,"message":"Domain removed successfully"}""");

        var result = await _api.Client.Apps.Domains.RemoveAsync("a-1", "app.example.com");

        _api.AssertRequest("DELETE", "/api/v1/apps/a-1/domains", """{"domain":"app.example.com"}""");
        Assert.That(result.Message, Is.EqualTo("Domain removed successfully"));
    }

    [Test]
    public async Task GetStatusAsync_posts_the_domain_and_maps_the_state()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/domains/status", StatusJson);

        var status = await _api.Client.Apps.Domains.GetStatusAsync("a-1", "app.example.com");

        _api.AssertRequest("POST", "/api/v1/apps/a-1/domains/status", """{"domain":"app.example.com"}""");
        Assert.Multiple(() =>
        {
            Assert.That(status.Status, Is.EqualTo("pending"));
            Assert.That(status.Configured, Is.False);
            Assert.That(status.SslStatus, Is.EqualTo("provisioning"));
            Assert.That(status.ConfiguredBy, Is.Null);
            Assert.That(status.Error, Is.EqualTo("CNAME missing"));
            Assert.That(status.Records!.Single().GetProperty("type").GetString(), Is.EqualTo("CNAME"));
            Assert.That(status.DnsInstructions!.Single().Description, Is.EqualTo("Point app at the platform"));
        });
    }

    [Test]
    public async Task VerifyAsync_maps_the_nested_status()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/domains/verify", "{\"success\":true,\"verified\":false,\"status\":" + StatusJson + "}");

        var result = await _api.Client.Apps.Domains.VerifyAsync("a-1", "app.example.com");

        _api.AssertRequest("POST", "/api/v1/apps/a-1/domains/verify", """{"domain":"app.example.com"}""");
        Assert.That(result.Verified, Is.False);
        Assert.That(result.Status!.SslStatus, Is.EqualTo("provisioning"));
    }

    [Test]
    public async Task SyncAsync_posts_without_a_body()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/domains/sync", """{"success":true,"domains":[{"id":"d-1","custom_domain":"app.example.com"}],"syncedAt":"2026-04-27T10:00:00Z"}""");

        var result = await _api.Client.Apps.Domains.SyncAsync("a-1");

        _api.AssertRequest("POST", "/api/v1/apps/a-1/domains/sync");
        Assert.That(result.SyncedAt, Is.EqualTo("2026-04-27T10:00:00Z"));
        Assert.That(result.Domains!.Single().CustomDomain, Is.EqualTo("app.example.com"));
    }

    [Test]
    public void Domain_management_not_configured_is_a_typed_503()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/domains", """{"success":false,"error":"Domain management is not configured"}""", 503);

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => _api.Client.Apps.Domains.AddAsync("a-1", "example.com"));
        Assert.That(ex!.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.ServiceUnavailable));
    }
}
