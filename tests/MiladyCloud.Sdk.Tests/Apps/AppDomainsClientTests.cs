using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Tests.Apps;

public class AppDomainsClientTests
{
    private const string StatusJson = """
        {"success":true,"domain":"app.example.com","status":"pending","configured":false,"verified":false,"sslStatus":"provisioning","sslExpiresAt":null,
         "configuredBy":null,"records":[{"type":"TXT","name":"_vercel.example.com","value":"vc-domain-verify=app.example.com,1"}],"isApexDomain":false,
         "dnsInstructions":[{"type":"CNAME","name":"app","value":"cname.example.net","description":"Point app at the platform"}]}
        """;

    private AppApi _api = null!;

    [SetUp]
    public void SetUp() => _api = new AppApi();

    [TearDown]
    public void TearDown() => _api.Dispose();

    /// <summary>The routes map each row to camelCase (getDomainsForApp); every member must land in its property.</summary>
    [Test]
    public async Task ListAsync_maps_the_servers_camelCase_domain_records()
    {
        _api.Respond("GET", "/api/v1/apps/a-1/domains", """
            {"success":true,"sandboxUrl":null,"domains":[{"id":"d-1","subdomain":"my-app","subdomainUrl":"https://my-app.apps.example","customDomain":"app.example.com",
              "customDomainUrl":"https://app.example.com","customDomainVerified":true,"sslStatus":"active","isPrimary":true,
              "verificationRecords":[{"type":"TXT","name":"_vercel.example.com","value":"vc=1"}],"vercelProjectId":"p","createdAt":"2026-04-01T00:00:00.000Z","verifiedAt":"2026-04-02T00:00:00.000Z"}]}
            """);

        var list = await _api.Client.Apps.Domains.ListAsync("a-1");

        _api.AssertRequest("GET", "/api/v1/apps/a-1/domains");
        var domain = list.Domains.Single();
        Assert.Multiple(() =>
        {
            Assert.That(list.SandboxUrl, Is.Null);
            Assert.That(domain.Subdomain, Is.EqualTo("my-app"));
            Assert.That(domain.SubdomainUrl, Is.EqualTo("https://my-app.apps.example"));
            Assert.That(domain.CustomDomain, Is.EqualTo("app.example.com"));
            Assert.That(domain.CustomDomainUrl, Is.EqualTo("https://app.example.com"));
            Assert.That(domain.CustomDomainVerified, Is.True);
            Assert.That(domain.SslStatus, Is.EqualTo(AppSslStatus.Active));
            Assert.That(domain.VercelProjectId, Is.EqualTo("p"));
            Assert.That(domain.IsPrimary, Is.True);
            Assert.That(domain.VerificationRecords!.Single().Name, Is.EqualTo("_vercel.example.com"));
            Assert.That(domain.CreatedAt, Is.EqualTo("2026-04-01T00:00:00.000Z"));
            Assert.That(domain.VerifiedAt, Is.EqualTo("2026-04-02T00:00:00.000Z"));
            Assert.That(domain.AdditionalProperties, Is.Empty, "every member has its property");
        });
    }

    [Test]
    public async Task AddAsync_posts_the_domain_and_maps_dns_instructions()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/domains", """
            {"success":true,"domain":"example.com","verified":false,
             "verificationRecords":[{"type":"TXT","name":"_vercel.example.com","value":"vc=1"}],
             "dnsInstructions":[{"type":"A","name":"@","value":"76.76.21.21","description":"Apex record"}],"isApexDomain":true}
            """);

        var added = await _api.Client.Apps.Domains.AddAsync("a-1", "example.com");

        _api.AssertRequest("POST", "/api/v1/apps/a-1/domains", """{"domain":"example.com"}""");
        Assert.Multiple(() =>
        {
            Assert.That(added.Domain, Is.EqualTo("example.com"));
            Assert.That(added.Verified, Is.False);
            Assert.That(added.IsApexDomain, Is.True);
            Assert.That(added.VerificationRecords.Single().Type, Is.EqualTo(AppDnsRecordType.TXT));
            Assert.That(added.VerificationRecords.Single().Name, Is.EqualTo("_vercel.example.com"));
            Assert.That(added.VerificationRecords.Single().Value, Is.EqualTo("vc=1"));
            Assert.That(added.VerificationRecords.Single().AdditionalProperties, Is.Empty);
            Assert.That(added.DnsInstructions.Single().Type, Is.EqualTo(AppDnsRecordType.A));
            Assert.That(added.DnsInstructions.Single().Value, Is.EqualTo("76.76.21.21"));
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

        await _api.Client.Apps.Domains.RemoveAsync("a-1", "app.example.com");

        _api.AssertRequest("DELETE", "/api/v1/apps/a-1/domains", """{"domain":"app.example.com"}""");
    }

    [Test]
    public async Task GetStatusAsync_posts_the_domain_and_maps_the_state()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/domains/status", StatusJson);

        var status = await _api.Client.Apps.Domains.GetStatusAsync("a-1", "app.example.com");

        _api.AssertRequest("POST", "/api/v1/apps/a-1/domains/status", """{"domain":"app.example.com"}""");
        Assert.Multiple(() =>
        {
            Assert.That(status.Status, Is.EqualTo(AppDomainState.Pending));
            Assert.That(status.Configured, Is.False);
            Assert.That(status.SslStatus, Is.EqualTo(AppSslStatus.Provisioning));
            Assert.That(status.ConfiguredBy, Is.Null);
            Assert.That(status.Error, Is.Null);
            Assert.That(status.Records.Single().Name, Is.EqualTo("_vercel.example.com"));
            Assert.That(status.DnsInstructions.Single().Description, Is.EqualTo("Point app at the platform"));
        });
    }

    [Test]
    public async Task VerifyAsync_maps_the_nested_status()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/domains/verify", "{\"success\":true,\"verified\":false,\"status\":" + StatusJson + "}");

        var result = await _api.Client.Apps.Domains.VerifyAsync("a-1", "app.example.com");

        _api.AssertRequest("POST", "/api/v1/apps/a-1/domains/verify", """{"domain":"app.example.com"}""");
        Assert.That(result.Verified, Is.False);
        Assert.That(result.Status.SslStatus, Is.EqualTo(AppSslStatus.Provisioning));
    }

    [Test]
    public async Task SyncAsync_posts_without_a_body()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/domains/sync", """
            {"success":true,"domains":[{"id":"d-1","subdomain":"my-app","subdomainUrl":"https://my-app.apps.example","customDomain":"app.example.com","customDomainUrl":"https://app.example.com",
              "customDomainVerified":false,"sslStatus":"pending","isPrimary":true,"verificationRecords":[],"vercelProjectId":null,"createdAt":"2026-04-01T00:00:00.000Z","verifiedAt":null}],
             "syncedAt":"2026-04-27T10:00:00Z"}
            """);

        var result = await _api.Client.Apps.Domains.SyncAsync("a-1");

        _api.AssertRequest("POST", "/api/v1/apps/a-1/domains/sync");
        Assert.That(result.SyncedAt, Is.EqualTo("2026-04-27T10:00:00Z"));
        Assert.That(result.Domains.Single().CustomDomain, Is.EqualTo("app.example.com"));
    }

    [Test]
    public void Domain_management_not_configured_is_a_typed_503()
    {
        _api.Respond("POST", "/api/v1/apps/a-1/domains", """{"success":false,"error":"Domain management is not configured"}""", 503);

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => _api.Client.Apps.Domains.AddAsync("a-1", "example.com"));
        Assert.That(ex!.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.ServiceUnavailable));
    }
}
