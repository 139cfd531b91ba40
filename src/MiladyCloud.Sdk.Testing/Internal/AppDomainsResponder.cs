using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// An app's domains: its subdomain record and at most one custom domain, which is pending until verified (the fake's
/// DNS is always right, so verification succeeds and the certificate becomes active). Records are sent in camelCase,
/// as the server maps them; a domain the hosting provider does not know fails the way the server's provider calls do.
/// </summary>
internal sealed partial class AppDomainsResponder(TimeProvider clock)
{
    private const string PlatformIp = "76.76.21.21";
    private const string CnameTarget = "cname.vercel-dns.com";

    /// <summary>Where the app is served: its verified custom domain, else its platform subdomain.</summary>
    public static string ProductionUrl(FakeApp app)
        => app.CustomDomain is { } custom && app.CustomDomainVerifiedAt is not null ? "https://" + custom : SubdomainUrl(app);

    public FakeResponse? Route(FakeCall call, string sub, FakeApp app, FakeAppStore store)
    {
        if ((call.Method, sub) == ("GET", "domains"))
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteBoolean("success", true);
                WriteDomains(w, app);
                // The sandbox URL is only looked up for an app without domain records; the fake's apps always have one.
                w.WriteNull("sandboxUrl");
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

        if ((call.Method, sub) is not (("POST" or "DELETE", "domains") or ("POST", "domains/status") or ("POST", "domains/verify")))
        {
            return null;
        }

        if (call.Body.ValueKind != JsonValueKind.Object)
        {
            // request.json() is not caught on these routes.
            return AppRouteFailures.EmptyServerError();
        }

        var domain = FakeFormat.Text(call.Body, "domain");
        if (call.Method == "POST" && sub == "domains")
        {
            return AddProblem(domain) is { } problem ? FakeFormat.Failure(HttpStatusCode.BadRequest, problem) : Add(app, domain!.ToLowerInvariant(), store);
        }

        if (domain is not { Length: >= 4 and <= 253 })
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "Invalid domain format");
        }

        domain = domain.ToLowerInvariant().Trim();
        var known = app.CustomDomain == domain;
        return sub switch
        {
            // The provider refuses to remove or verify a domain that is not on the project; the route does not catch it.
            "domains" => known ? Remove(app) : AppRouteFailures.EmptyServerError(),
            "domains/status" => Status(app, domain, known),
            _ => known ? Verify(app, domain) : AppRouteFailures.EmptyServerError(),
        };
    }

    /// <summary>The add route's checks, with the server's first message.</summary>
    private static string? AddProblem(string? domain) => domain switch
    {
        null => "Invalid input: expected string, received undefined",
        { Length: < 4 } => "Domain must be at least 4 characters",
        { Length: > 253 } => "Domain must not exceed 253 characters",
        _ when !HostName().IsMatch(domain) => "Invalid domain format. Only ASCII characters are allowed.",
        _ when domain.Contains("xn--", StringComparison.Ordinal) => "Domain contains suspicious characters that may be used for impersonation. Only standard ASCII domains are allowed.",
        _ => null,
    };

    private static FakeResponse Add(FakeApp app, string domain, FakeAppStore store)
    {
        if (store.Read(apps => apps.Any(a => a.Id != app.Id && a.CustomDomain == domain)))
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "This domain is already connected to another app");
        }

        // An app holds one custom domain: a new one replaces the old.
        app.CustomDomain = domain;
        app.CustomDomainVerifiedAt = null;
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteString("domain", domain);
            w.WriteBoolean("verified", false);
            w.WriteStartArray("verificationRecords");
            WriteRecord(w, "TXT", "_vercel." + Apex(domain), "vc-domain-verify=" + domain + "," + FakeFormat.Hex(8));
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

    private static FakeResponse Status(FakeApp app, string domain, bool known) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        if (known)
        {
            WriteStatusMembers(w, app, domain);
        }
        else
        {
            WriteUnknownDomain(w, domain);
        }

        w.WriteBoolean("isApexDomain", IsApex(domain));
        WriteInstructions(w, domain);
    }));

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
            w.WriteBoolean("isApexDomain", IsApex(domain));
            WriteInstructions(w, domain);
            w.WriteEndObject();
        }));
    }

    /// <summary>The provider's view of a domain on the project; the verification records are gone once it is verified.</summary>
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
        if (!verified)
        {
            WriteRecord(w, "TXT", "_vercel." + Apex(domain), "vc-domain-verify=" + domain);
        }

        w.WriteEndArray();
    }

    private static void WriteUnknownDomain(Utf8JsonWriter w, string domain)
    {
        w.WriteString("domain", domain);
        w.WriteString("status", "unknown");
        w.WriteBoolean("configured", false);
        w.WriteBoolean("verified", false);
        w.WriteString("sslStatus", "pending");
        w.WriteNull("sslExpiresAt");
        w.WriteNull("configuredBy");
        w.WriteStartArray("records");
        w.WriteEndArray();
        w.WriteString("error", "Domain not found in project");
    }

    private static void WriteRecord(Utf8JsonWriter w, string type, string name, string value)
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString("name", name);
        w.WriteString("value", value);
        w.WriteEndObject();
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
            w.WriteString("description", "Point your apex domain to Vercel");
        }
        else
        {
            w.WriteString("type", "CNAME");
            w.WriteString("name", domain[..domain.IndexOf('.', StringComparison.Ordinal)]);
            w.WriteString("value", CnameTarget);
            w.WriteString("description", "Point your subdomain to Vercel");
        }

        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>One record per app, camelCase, as <c>getDomainsForApp</c> maps the rows.</summary>
    private static void WriteDomains(Utf8JsonWriter w, FakeApp app)
    {
        var verified = app.CustomDomain is not null && app.CustomDomainVerifiedAt is not null;
        w.WriteStartArray("domains");
        w.WriteStartObject();
        w.WriteString("id", app.DomainRecordId);
        w.WriteString("subdomain", app.Slug);
        w.WriteString("subdomainUrl", SubdomainUrl(app));
        FakeFormat.WriteNullable(w, "customDomain", app.CustomDomain);
        FakeFormat.WriteNullable(w, "customDomainUrl", app.CustomDomain is null ? null : "https://" + app.CustomDomain);
        w.WriteBoolean("customDomainVerified", verified);
        w.WriteString("sslStatus", verified ? "active" : "pending");
        w.WriteBoolean("isPrimary", true);
        w.WriteStartArray("verificationRecords");
        if (app.CustomDomain is { } custom && !verified)
        {
            WriteRecord(w, "TXT", "_vercel." + Apex(custom), "vc-domain-verify=" + custom);
        }

        w.WriteEndArray();
        w.WriteString("vercelProjectId", "prj_" + app.Id.Replace("-", string.Empty, StringComparison.Ordinal)[..20]);
        w.WriteString("createdAt", FakeFormat.Iso(app.CreatedAt));
        FakeFormat.WriteNullable(w, "verifiedAt", verified ? app.CustomDomainVerifiedAt : null);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static string SubdomainUrl(FakeApp app) => $"https://{app.Slug}.apps.fake.invalid";

    /// <summary>An apex domain has two labels (example.com), as the server decides it.</summary>
    private static bool IsApex(string domain) => domain.Split('.').Length == 2;

    private static string Apex(string domain) => string.Join('.', domain.Split('.')[^2..]);

    // The server's add pattern.
    [GeneratedRegex(@"^([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+[a-zA-Z]{2,}$")]
    private static partial Regex HostName();
}
