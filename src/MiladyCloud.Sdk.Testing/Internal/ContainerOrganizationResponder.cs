using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The organization-wide container routes: <c>GET /containers/quota</c> (allowance, balance, daily billing, prices and
/// limits, from the containers and the balance) and <c>POST /containers/credentials</c> (a registry repository and a
/// push token for a project).
/// </summary>
internal sealed class ContainerOrganizationResponder(FakeLedger ledger, TimeProvider clock)
{
    private const string Registry = "000000000000.dkr.ecr.us-east-1.amazonaws.com";

    // The service prices a container with the default settings (one instance, 1792 CPU units, 1792 MB).
    private static readonly decimal BaseFee = ContainerPricing.DeploymentFee(1, ContainerPricing.DefaultCpu, ContainerPricing.DefaultMemory);
    private static readonly decimal PerDay = ContainerPricing.DailyCost(1, ContainerPricing.DefaultCpu, ContainerPricing.DefaultMemory);

    public FakeResponse? Route(FakeCall call, string prefix, Func<List<FakeContainer>> containers) => (call.Method, call.Path[prefix.Length..]) switch
    {
        ("GET", "/quota") => Quota(containers()),
        ("POST", "/credentials") => Credentials(call.Body),
        _ => null,
    };

    private FakeResponse Quota(List<FakeContainer> containers)
    {
        var balance = ledger.Balance;
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartObject("data");
            WriteAllowance(w, containers.Count, balance);
            WriteBilling(w, containers.Where(c => c.IsRunning).ToList(), balance);
            WritePricing(w);
            w.WriteStartObject("limits");
            w.WriteNumber("maxImageSize", ContainerPricing.MaxImageSizeBytes);
            w.WriteNumber("maxInstancesPerContainer", ContainerPricing.MaxInstancesPerContainer);
            w.WriteNumber("maxEnvVars", ContainerPricing.MaxEnvVars);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private static void WriteAllowance(Utf8JsonWriter w, int count, decimal balance)
    {
        var max = ContainerPricing.MaxContainers(balance);
        w.WriteStartObject("quota");
        w.WriteNumber("current", count);
        w.WriteNumber("max", max);
        w.WriteNumber("remaining", Math.Max(0, max - count));
        w.WriteNumber("percentage", count * 100.0 / max);
        w.WriteEndObject();
        w.WriteStartObject("credits");
        w.WriteNumber("balance", balance);
        w.WriteBoolean("canDeploy", balance >= BaseFee);
        w.WriteEndObject();
    }

    /// <summary>Daily billing: the running containers' cost per day and how many days the balance lasts (null while nothing runs).</summary>
    private static void WriteBilling(Utf8JsonWriter w, List<FakeContainer> running, decimal balance)
    {
        var burn = running.Sum(c => ContainerPricing.DailyCost(c.DesiredCount, c.Cpu, c.Memory));
        w.WriteStartObject("billing");
        w.WriteString("model", "daily");
        w.WriteNumber("dailyCostPerContainer", PerDay);
        w.WriteNumber("monthlyEquivalent", ContainerPricing.MonthlyBaseCost);
        w.WriteNumber("currentDailyBurn", Math.Round(burn, 2));
        w.WriteNumber("runningContainers", running.Count);
        FakeFormat.WriteNullable(w, "daysOfRunway", burn > 0 ? Math.Floor(balance / burn) : null);
        w.WriteNumber("warningThreshold", ContainerPricing.LowCreditsWarningDays);
        w.WriteNumber("shutdownWarningHours", ContainerPricing.ShutdownWarningHours);
        w.WriteEndObject();
    }

    private static void WritePricing(Utf8JsonWriter w)
    {
        w.WriteStartObject("pricing");
        w.WriteNumber("imageUpload", ContainerPricing.ImageUpload);
        w.WriteNumber("deployment", BaseFee);
        w.WriteNumber("totalForNewContainer", BaseFee + ContainerPricing.ImageUpload);
        w.WriteNumber("perDay", PerDay);
        w.WriteNumber("perMonth", ContainerPricing.MonthlyBaseCost);
        w.WriteNumber("perAdditionalInstance", ContainerPricing.PerAdditionalInstance);
        w.WriteEndObject();
    }

    /// <summary>
    /// The repository is <c>elizaos/{organization}/{project}</c>; the tag is the version and the time in milliseconds; the
    /// token is base64 of <c>AWS:password</c> and lasts 12 hours, like ECR's.
    /// </summary>
    private FakeResponse Credentials(JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Undefined)
        {
            return FakeFormat.Failure(HttpStatusCode.InternalServerError, "Unexpected end of JSON input");
        }

        var project = Truthy(FakeFormat.Member(body, "projectId"));
        var version = Truthy(FakeFormat.Member(body, "version"));
        if (project is null || version is null)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "Missing required fields: projectId, version");
        }

        var now = clock.GetUtcNow();
        var repository = $"{Registry}/elizaos/{FakeAccount.OrganizationId}/{project}".ToLowerInvariant();
        var tag = version + "-" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartObject("data");
            w.WriteString("ecrRepositoryUri", repository);
            w.WriteString("ecrImageUri", repository + ":" + tag);
            w.WriteString("ecrImageTag", tag);
            w.WriteString("authToken", Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:fake-" + FakeFormat.Hex(24))));
            w.WriteString("authTokenExpiresAt", FakeFormat.Iso(now.AddHours(12)));
            w.WriteString("registryEndpoint", "https://" + Registry);
            w.WriteEndObject();
        }));
    }

    /// <summary>The value as JavaScript would put it in a template string, or <see langword="null"/> when it is falsy.</summary>
    private static string? Truthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
        JsonValueKind.Number => value.GetDecimal() == 0 ? null : value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.Object or JsonValueKind.Array => value.GetRawText(),
        _ => null,
    };
}
