using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>How the container routes write a container row.</summary>
internal static class ContainerJson
{
    /// <summary>The row as the service sends it; <paramref name="status"/> overrides the status the row had when it was read.</summary>
    public static void Write(Utf8JsonWriter w, FakeContainer c, string? status = null)
    {
        lock (c.Gate)
        {
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteString("name", c.Name);
            w.WriteString("project_name", c.ProjectName);
            w.WriteString("organization_id", FakeAccount.OrganizationId);
            w.WriteString("user_id", FakeAccount.UserId);
            w.WriteString("status", status ?? c.Status);
            w.WriteString("is_update", c.IsUpdate ? "true" : "false");
            w.WriteNumber("port", c.Port);
            w.WriteNumber("cpu", c.Cpu);
            w.WriteNumber("memory", c.Memory);
            w.WriteNumber("desired_count", c.DesiredCount);
            w.WriteString("architecture", c.Architecture);
            w.WriteString("health_check_path", "/health");
            FakeFormat.WriteNullable(w, "load_balancer_url", c.LoadBalancerUrl);
            FakeFormat.WriteNullable(w, "ecs_cluster_arn", c.ClusterArn);
            FakeFormat.WriteNullable(w, "ecs_service_arn", c.ServiceArn);
            FakeFormat.WriteNullable(w, "last_deployed_at", c.DeployedAt);
            FakeFormat.WriteNullable(w, "last_health_check", c.LastHealthCheck);
            w.WriteNull("error_message");
            w.WriteStartObject("metadata");
            w.WriteString("ecr_image_uri", c.Image);
            w.WriteBoolean("is_update", c.IsUpdate);
            if (c.PreviousImage is not null)
            {
                w.WriteString("previous_image", c.PreviousImage);
            }

            w.WriteString("architecture", c.Architecture);
            w.WriteEndObject();
            w.WriteString("total_billed", "0.00");
            w.WriteString("created_at", FakeFormat.Iso(c.CreatedAt));
            w.WriteString("updated_at", FakeFormat.Iso(c.UpdatedAt));
            w.WriteEndObject();
        }
    }

    /// <summary><c>{"success":true,"data":{row}}</c>.</summary>
    public static FakeResponse Envelope(FakeContainer c) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        w.WritePropertyName("data");
        Write(w, c);
    }));
}
