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

    public FakeResponse? Route(FakeCall call, string prefix, Func<List<FakeContainer>> containers) => (call.Method, call.Path[prefix.Length..]) switch
    {
        ("GET", "/quota") => Quota(containers()),
        ("POST", "/credentials") => Credentials(call.Body),
        _ => null,
    };

    private FakeResponse Quota(List<FakeContainer> containers)
    {
        var balance = ledger.Balance;
        var max = ContainerPricing.MaxContainers(balance);
        var baseFee = ContainerPricing.DeploymentFee(1, ContainerPricing.DefaultCpu, ContainerPricing.DefaultMemory);
        var perDay = ContainerPricing.DailyCost(1, ContainerPricing.DefaultCpu, ContainerPricing.DefaultMemory);
        var running = containers.Where(c => c.IsRunning).ToList();
        var burn = running.Sum(c => ContainerPricing.DailyCost(c.DesiredCount, c.Cpu, c.Memory));
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartObject("data");
            w.WriteStartObject("quota");
            w.WriteNumber("current", containers.Count);
            w.WriteNumber("max", max);
            w.WriteNumber("remaining", Math.Max(0, max - containers.Count));
            w.WriteNumber("percentage", containers.Count * 100.0 / max);
            w.WriteEndObject();
            w.WriteStartObject("credits");
            w.WriteNumber("balance", balance);
            w.WriteBoolean("canDeploy", balance >= baseFee);
            w.WriteEndObject();
            w.WriteStartObject("billing");
            w.WriteString("model", "daily");
            w.WriteNumber("dailyCostPerContainer", perDay);
            w.WriteNumber("monthlyEquivalent", ContainerPricing.MonthlyBaseCost);
            w.WriteNumber("currentDailyBurn", Math.Round(burn, 2));
            w.WriteNumber("runningContainers", running.Count);
            FakeFormat.WriteNullable(w, "daysOfRunway", burn > 0 ? Math.Floor(balance / burn) : null);
            w.WriteNumber("warningThreshold", ContainerPricing.LowCreditsWarningDays);
            w.WriteNumber("shutdownWarningHours", ContainerPricing.ShutdownWarningHours);
            w.WriteEndObject();
            w.WriteStartObject("pricing");
            w.WriteNumber("imageUpload", ContainerPricing.ImageUpload);
            w.WriteNumber("deployment", baseFee);
            w.WriteNumber("totalForNewContainer", baseFee + ContainerPricing.ImageUpload);
            w.WriteNumber("perDay", perDay);
            w.WriteNumber("perMonth", ContainerPricing.MonthlyBaseCost);
            w.WriteNumber("perAdditionalInstance", ContainerPricing.PerAdditionalInstance);
            w.WriteEndObject();
            w.WriteStartObject("limits");
            w.WriteNumber("maxImageSize", ContainerPricing.MaxImageSizeBytes);
            w.WriteNumber("maxInstancesPerContainer", ContainerPricing.MaxInstancesPerContainer);
            w.WriteNumber("maxEnvVars", ContainerPricing.MaxEnvVars);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
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
