using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// An app's domains: its subdomain record and at most one custom domain, which is pending until verified (the fake's
/// DNS is always right, so verification succeeds and the certificate becomes active).
/// </summary>
internal sealed class AppDomainsResponder(TimeProvider clock)
{
    private const string PlatformIp = "76.76.21.21";

    public FakeResponse? Route(FakeCall call, string sub, FakeApp app)
    {
        if ((call.Method, sub) == ("GET", "domains"))
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteBoolean("success", true);
                WriteDomains(w, app);
                w.WriteString("sandboxUrl", $"https://{app.Slug}.sandbox.fake.invalid");
            }));
        }

        if ((call.Method, sub) == ("POST", "domains/sync"))
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteBoolean("success", true);
                WriteDomains(w, app);
                w.WriteString("syncedAt", FakeFormat.Iso(clock.GetUtcNow()));
            }));
        }

        var domain = FakeFormat.Text(call.Body, "domain")?.ToLowerInvariant();
        if ((call.Method, sub) is not (("POST" or "DELETE", "domains") or ("POST", "domains/status") or ("POST", "domains/verify")))
        {
            return null;
        }

        if (domain is not { Length: >= 4 and <= 253 } || !domain.Contains('.', StringComparison.Ordinal))
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "Invalid domain format");
        }

        if (call.Method == "POST" && sub == "domains")
        {
            return Add(app, domain);
        }

        if (app.CustomDomain != domain)
        {
            return FakeFormat.Failure(HttpStatusCode.NotFound, "Domain not found for this app");
        }

        return sub switch
        {
            "domains" => Remove(app),
            "domains/status" => FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteBoolean("success", true);
                WriteStatusMembers(w, app, domain);
            })),
            _ => Verify(app, domain),
        };
    }

    private FakeResponse Add(FakeApp app, string domain)
    {
        app.CustomDomain = domain;
        app.CustomDomainVerifiedAt = null;
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteString("domain", domain);
            w.WriteBoolean("verified", false);
            w.WriteStartArray("verificationRecords");
            w.WriteStartObject();
            w.WriteString("type", "TXT");
            w.WriteString("domain", "_vercel." + Apex(domain));
            w.WriteString("value", "vc-domain-verify=" + domain + "," + FakeFormat.Hex(8));
            w.WriteString("reason", "pending_domain_verification");
            w.WriteEndObject();
            w.WriteEndArray();
            WriteInstructions(w, domain);
            w.WriteBoolean("isApexDomain", IsApex(domain));
        }));
    }

    private static FakeResponse Remove(FakeApp app)
    {
        app.CustomDomain = null;
        app.CustomDomainVerifiedAt = null;
        return FakeResponse.Json("""{"success":true,"message":"Domain removed successfully"}""");
    }

    private FakeResponse Verify(FakeApp app, string domain)
    {
        app.CustomDomainVerifiedAt ??= clock.GetUtcNow();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteBoolean("verified", true);
            w.WritePropertyName("status");
            w.WriteStartObject();
            WriteStatusMembers(w, app, domain);
            w.WriteEndObject();
        }));
    }

    private static void WriteStatusMembers(Utf8JsonWriter w, FakeApp app, string domain)
    {
        var verified = app.CustomDomainVerifiedAt is not null;
        w.WriteString("domain", domain);
        w.WriteString("status", verified ? "valid" : "pending");
        w.WriteBoolean("configured", verified);
        w.WriteBoolean("verified", verified);
        w.WriteString("sslStatus", verified ? "active" : "pending");
        FakeFormat.WriteNullable(w, "sslExpiresAt", verified ? app.CustomDomainVerifiedAt!.Value.AddDays(90) : null);
        FakeFormat.WriteNullable(w, "configuredBy", verified ? (IsApex(domain) ? "A" : "CNAME") : null);
        w.WriteStartArray("records");
        w.WriteStartObject();
        w.WriteString("type", IsApex(domain) ? "A" : "CNAME");
        w.WriteString("name", IsApex(domain) ? "@" : domain[..domain.IndexOf('.', StringComparison.Ordinal)]);
        w.WriteString("value", IsApex(domain) ? PlatformIp : "cname.fake.invalid");
        w.WriteBoolean("configured", verified);
        w.WriteEndObject();
        w.WriteEndArray();
        if (!verified)
        {
            w.WriteString("error", "DNS records not found yet");
        }

        w.WriteBoolean("isApexDomain", IsApex(domain));
        WriteInstructions(w, domain);
    }

    private static void WriteInstructions(Utf8JsonWriter w, string domain)
    {
        w.WriteStartArray("dnsInstructions");
        w.WriteStartObject();
        if (IsApex(domain))
        {
            w.WriteString("type", "A");
            w.WriteString("name", "@");
            w.WriteString("value", PlatformIp);
            w.WriteString("description", $"Add an A record for {domain} pointing to {PlatformIp}");
        }
        else
        {
            var host = domain[..domain.IndexOf('.', StringComparison.Ordinal)];
            w.WriteString("type", "CNAME");
            w.WriteString("name", host);
            w.WriteString("value", "cname.fake.invalid");
            w.WriteString("description", $"Add a CNAME record for {host} pointing to cname.fake.invalid");
        }

        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteDomains(Utf8JsonWriter w, FakeApp app)
    {
        var verified = app.CustomDomainVerifiedAt is not null;
        w.WriteStartArray("domains");
        w.WriteStartObject();
        w.WriteString("id", FakeFormat.NewId());
        w.WriteString("app_id", app.Id);
        w.WriteString("subdomain", app.Slug);
        FakeFormat.WriteNullable(w, "custom_domain", app.CustomDomain);
        w.WriteBoolean("custom_domain_verified", app.CustomDomain is not null && verified);
        w.WriteStartArray("verification_records");
        w.WriteEndArray();
        w.WriteString("ssl_status", app.CustomDomain is not null && verified ? "active" : "pending");
        w.WriteNull("ssl_error");
        w.WriteString("vercel_project_id", "prj_" + app.Id.Replace("-", string.Empty, StringComparison.Ordinal)[..20]);
        FakeFormat.WriteNullable(w, "vercel_domain_id", app.CustomDomain is null ? null : "dom_" + app.CustomDomain.Replace('.', '_'));
        w.WriteBoolean("is_primary", true);
        w.WriteString("created_at", FakeFormat.Iso(app.CreatedAt));
        w.WriteString("updated_at", FakeFormat.Iso(app.UpdatedAt));
        FakeFormat.WriteNullable(w, "verified_at", app.CustomDomain is null ? null : app.CustomDomainVerifiedAt);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>An apex domain has two labels (example.com); the fake ignores multi-part public suffixes.</summary>
    private static bool IsApex(string domain) => domain.Count(c => c == '.') == 1;

    private static string Apex(string domain) => string.Join('.', domain.Split('.')[^2..]);
}
