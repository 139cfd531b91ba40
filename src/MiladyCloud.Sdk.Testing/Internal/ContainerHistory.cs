using System.Net;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// <c>/containers/{id}/deployments</c> (the usage record the create wrote: pending until the stack is up, then a
/// success) and <c>/containers/{id}/metrics</c> (steady 5-minute averages once the container is deployed).
/// </summary>
internal static class ContainerHistory
{
    public static FakeResponse Deployments(FakeContainer c) => FakeResponse.Json(JsonText.Object(w =>
    {
        var deployment = c.Deployment;
        w.WriteBoolean("success", true);
        w.WriteStartObject("data");
        w.WriteStartObject("container");
        w.WriteString("id", c.Id);
        w.WriteString("name", c.Name);
        w.WriteString("current_status", c.Status);
        FakeFormat.WriteNullable(w, "load_balancer_url", c.LoadBalancerUrl);
        FakeFormat.WriteNullable(w, "ecs_service_arn", c.ServiceArn);
        w.WriteEndObject();
        w.WriteStartArray("deployments");
        w.WriteStartObject();
        w.WriteString("id", deployment.Id);
        w.WriteString("status", c.DeployedAt is null ? "pending" : "success");
        w.WriteString("cost", FakeFormat.Numeric(deployment.Cost));
        w.WriteNull("error");
        w.WriteStartObject("metadata");
        w.WriteString("container_id", c.Id);
        w.WriteString("container_name", c.Name);
        w.WriteNumber("desired_count", c.DesiredCount);
        w.WriteNumber("cpu", deployment.Cpu);
        w.WriteNumber("memory", deployment.Memory);
        w.WriteNumber("port", deployment.Port);
        w.WriteNull("image_tag");
        FakeFormat.WriteNullable(w, "ecs_service_arn", c.ServiceArn);
        w.WriteEndObject();
        w.WriteString("deployed_at", FakeFormat.Iso(c.CreatedAt));
        FakeFormat.WriteNullable(w, "duration_ms", c.DeployedAt is { } up ? (decimal)(long)(up - c.CreatedAt).TotalMilliseconds : null);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteNumber("total", 1);
        w.WriteEndObject();
    }));

    /// <summary>The period is read like the service reads it (<c>parseInt</c>, 60 by default, JSON null when it is not a number).</summary>
    public static FakeResponse Metrics(FakeContainer c, FakeCall call, TimeProvider clock)
    {
        if (c.ServiceArn is null)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, "Container has not been deployed to ECS yet");
        }

        var given = call.QueryValue("period");
        var period = string.IsNullOrEmpty(given) ? 60 : ContainersResponder.ParseInt(given);
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartObject("data");
            w.WriteStartObject("container");
            w.WriteString("id", c.Id);
            w.WriteString("name", c.Name);
            w.WriteString("status", c.Status);
            w.WriteEndObject();
            w.WriteStartObject("metrics");
            w.WriteNumber("cpu_utilization", 23.4);
            w.WriteNumber("memory_utilization", 41.7);
            w.WriteNumber("network_rx_bytes", 1_048_576);
            w.WriteNumber("network_tx_bytes", 524_288);
            w.WriteNumber("task_count", c.DesiredCount);
            w.WriteNumber("healthy_task_count", c.DesiredCount);
            w.WriteString("timestamp", FakeFormat.Iso(clock.GetUtcNow()));
            w.WriteEndObject();
            FakeFormat.WriteNullable(w, "period_minutes", period);
            w.WriteEndObject();
        }));
    }
}
