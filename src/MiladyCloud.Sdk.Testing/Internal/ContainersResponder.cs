using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// <c>/containers</c>: an in-memory deployment per create (or a redeploy of the container with the same project name)
/// that moves one step (pending, building, deploying, running) each time it is read, like a real deploy seen through
/// polling; updates, health, and through the sub-responders the
/// logs, deployments, metrics, quota and registry credentials. A route is matched before its container is looked up,
/// so an unknown sub-route never passes for an unknown container.
/// </summary>
internal sealed class ContainersResponder
{
    private const string Prefix = "/api/v1/containers";
    private readonly ConcurrentDictionary<string, FakeContainer> _containers = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly FakeLedger _ledger;
    private readonly ContainerLogsResponder _logs;
    private readonly ContainerOrganizationResponder _organization;

    public ContainersResponder(FakeReplies replies, FakeLedger ledger, TimeProvider clock)
    {
        _clock = clock;
        _ledger = ledger;
        _logs = new ContainerLogsResponder(replies, clock);
        _organization = new ContainerOrganizationResponder(ledger, clock);
    }

    public FakeResponse? Route(FakeCall call)
    {
        if (!call.Path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        if (call.Path == Prefix)
        {
            return call.Method switch
            {
                "GET" => FakeResponse.Json(JsonText.Object(WriteList)),
                "POST" => Create(call.Body),
                _ => null,
            };
        }

        if (_organization.Route(call, Prefix, All) is { } organization)
        {
            return organization;
        }

        if (!FakePaths.TryResource(call.Path, Prefix, out var id, out var rest) || !IsContainerRoute(call.Method, rest))
        {
            return null;
        }

        return _containers.TryGetValue(id, out var container) ? Dispatch(call, rest, container) : NotFound();
    }

    /// <summary>The containers as the dashboard lists them (a subset of the columns, read without moving their status).</summary>
    public void WriteDashboardItems(Utf8JsonWriter w)
    {
        foreach (var c in All())
        {
            var running = c.IsRunning;
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteString("name", c.Name);
            w.WriteNull("description");
            w.WriteString("status", c.Status);
            w.WriteString("ecs_service_arn", $"arn:aws:ecs:us-east-1:000000000000:service/fake/{c.ProjectName}");
            FakeFormat.WriteNullable(w, "load_balancer_url", c.LoadBalancerUrl);
            FakeFormat.WriteNullable(w, "last_deployed_at", running ? c.CreatedAt : null);
            w.WriteNumber("port", c.Port);
            w.WriteNumber("desired_count", c.DesiredCount);
            w.WriteNumber("cpu", c.Cpu);
            w.WriteNumber("memory", c.Memory);
            w.WriteString("created_at", FakeFormat.Iso(c.CreatedAt));
            w.WriteNull("error_message");
            w.WriteEndObject();
        }
    }

    private static bool IsContainerRoute(string method, string rest) => (method, rest) switch
    {
        ("GET" or "PATCH" or "DELETE", "") => true,
        ("GET", "health" or "logs" or "logs/stream" or "deployments" or "metrics") => true,
        _ => false,
    };

    private FakeResponse? Dispatch(FakeCall call, string rest, FakeContainer container) => (call.Method, rest) switch
    {
        ("GET", "") => ContainerJson.Envelope(container.Advance(_clock.GetUtcNow())),
        ("PATCH", "") => ContainerUpdate.Apply(container, call.Body, _clock),
        ("DELETE", "") => Delete(container),
        ("GET", "health") => Health(container),
        ("GET", "deployments") => ContainerHistory.Deployments(container),
        ("GET", "metrics") => ContainerHistory.Metrics(container, call, _clock),
        _ => _logs.Route(call, rest, container),
    };

    private List<FakeContainer> All() => [.. _containers.Values.OrderBy(c => c.CreatedAt)];

    /// <summary>
    /// The service's checks in its order (body, then credits for the fee, then the organization's container quota); a
    /// container of the caller with the same project name is redeployed in place instead (no quota check). The fee is
    /// checked against the balance but not taken: the fake keeps the balance for the credit routes.
    /// </summary>
    private FakeResponse Create(JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Undefined)
        {
            // The route reads the body inside its try block: a missing or broken body is its generic 500.
            return FakeFormat.Failure(HttpStatusCode.InternalServerError, "Unexpected end of JSON input");
        }

        if (ContainerCreateValidator.Check(body, out var settings) is { } refused)
        {
            return refused;
        }

        var fee = ContainerPricing.DeploymentFee(settings!.DesiredCount, settings.Cpu, settings.Memory);
        lock (_containers)
        {
            var existing = _containers.Values.FirstOrDefault(c => c.ProjectName == settings.ProjectName);
            if (_ledger.Balance < fee)
            {
                return InsufficientBalance(existing is null ? $"Insufficient balance. Required: ${FakeFormat.Money(fee)}" : "Insufficient balance for update deployment", fee);
            }

            if (existing is not null)
            {
                existing.Redeploy(settings, _clock.GetUtcNow());
                return Accepted(existing, fee);
            }

            var max = ContainerPricing.MaxContainers(_ledger.Balance);
            if (_containers.Count >= max)
            {
                return QuotaExceeded(_containers.Count, max);
            }

            var container = new FakeContainer(FakeFormat.NewId(), settings.Name, settings.ProjectName, settings.Image, settings.Port, settings.Cpu, settings.Memory, settings.DesiredCount, _clock.GetUtcNow())
            {
                Architecture = settings.Architecture,
            };
            _containers[container.Id] = container;
            return Accepted(container, fee);
        }
    }

    private static FakeResponse Accepted(FakeContainer container, decimal fee) => new()
    {
        Status = HttpStatusCode.Accepted,
        Body = JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WritePropertyName("data");
            ContainerJson.Write(w, container);
            w.WriteString("message", "Container deployment started. Poll GET /api/v1/containers/:id to check status.");
            w.WriteNumber("creditsDeducted", fee);
            w.WriteNumber("creditsRemaining", fee);
            w.WriteString("stackName", "fake-" + container.ProjectName);
            w.WriteStartObject("polling");
            w.WriteString("endpoint", "/api/v1/containers/" + container.Id);
            w.WriteNumber("intervalMs", 10000);
            w.WriteNumber("expectedDurationMs", 600000);
            w.WriteEndObject();
        }),
    };

    private static FakeResponse InsufficientBalance(string message, decimal fee) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", false);
        w.WriteString("error", message);
        w.WriteNumber("requiredCredits", fee);
    }), HttpStatusCode.PaymentRequired);

    private static FakeResponse QuotaExceeded(int current, int max) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", false);
        w.WriteString("error", $"Container quota exceeded. Current: {current}, Max: {max}");
        w.WriteStartObject("quota");
        w.WriteNumber("current", current);
        w.WriteNumber("max", max);
        w.WriteEndObject();
    }), HttpStatusCode.Forbidden);

    private FakeResponse Delete(FakeContainer container)
    {
        _containers.TryRemove(container.Id, out _);
        return FakeResponse.Json("""{"success":true,"message":"Container deleted successfully"}""");
    }

    /// <summary>
    /// The service requests the container's health path: without a load balancer yet (still deploying) it cannot, and
    /// answers 400. The fake's containers always answer their health path with 200 once they have one. <c>error</c> is
    /// never sent, and <c>lastHealthCheck</c> is the check before this one.
    /// </summary>
    private FakeResponse Health(FakeContainer container)
    {
        if (container.LoadBalancerUrl is null)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "Unable to perform health check - container may not have a URL");
        }

        var now = _clock.GetUtcNow();
        var previous = container.RecordHealthCheck(now);
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartObject("data");
            w.WriteString("containerId", container.Id);
            w.WriteBoolean("healthy", true);
            w.WriteNumber("statusCode", 200);
            w.WriteNumber("responseTime", 12);
            w.WriteString("checkedAt", FakeFormat.Iso(now));
            w.WriteString("containerStatus", container.Status);
            FakeFormat.WriteNullable(w, "lastHealthCheck", previous);
            w.WriteEndObject();
        }));
    }

    private void WriteList(Utf8JsonWriter w)
    {
        w.WriteBoolean("success", true);
        w.WriteStartArray("data");
        foreach (var container in All())
        {
            ContainerJson.Write(w, container);
        }

        w.WriteEndArray();
    }

    private static FakeResponse NotFound() => FakeFormat.Failure(HttpStatusCode.NotFound, "Container not found");

    /// <summary>For the sub-responders: the number in a query value, like JavaScript's <c>parseInt</c> (leading digits), or <see langword="null"/>.</summary>
    internal static int? ParseInt(string? value)
    {
        var digits = value?.TrimStart() is { } text ? new string(text.TakeWhile((c, i) => char.IsAsciiDigit(c) || (i == 0 && c is '-' or '+')).ToArray()) : null;
        return int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
