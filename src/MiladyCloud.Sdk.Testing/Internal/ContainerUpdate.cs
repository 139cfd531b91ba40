using System.Globalization;
using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// <c>PATCH /containers/{id}</c>: cpu, memory, port or image, checked one by one like the service does. The service
/// answers once the stack update has finished, with the row it read while the update ran (status <c>deploying</c>),
/// and marks the container running afterwards, so the next read shows it running.
/// </summary>
internal static class ContainerUpdate
{
    public static FakeResponse Apply(FakeContainer container, JsonElement body, TimeProvider clock)
    {
        if (body.ValueKind == JsonValueKind.Undefined)
        {
            // The route reads the body inside its try block: a missing or broken body is its generic 500.
            return FakeFormat.Failure(HttpStatusCode.InternalServerError, "Unexpected end of JSON input");
        }

        var cpu = Setting(body, "cpu", 256, 2048);
        var memory = Setting(body, "memory", 512, 2048);
        var port = Setting(body, "port", 1, 65535);
        var image = FakeFormat.Member(body, "ecr_image_uri");
        var problem = cpu.Invalid ? "CPU must be between 256 and 2048 units"
            : memory.Invalid ? "Memory must be between 512 and 2048 MB"
            : port.Invalid ? "Port must be between 1 and 65535"
            : image.ValueKind != JsonValueKind.Undefined && !AsText(image).Contains(".dkr.ecr.", StringComparison.Ordinal) ? "Invalid ECR image URI format"
            : cpu.Value is null && memory.Value is null && port.Value is null && image.ValueKind == JsonValueKind.Undefined ? "No valid updates provided. Updatable fields: cpu, memory, port, ecr_image_uri"
            : null;
        if (problem is not null)
        {
            return FakeFormat.Failure(HttpStatusCode.BadRequest, problem);
        }

        var now = clock.GetUtcNow();
        lock (container.Gate)
        {
            container.Cpu = cpu.Value ?? container.Cpu;
            container.Memory = memory.Value ?? container.Memory;
            container.Port = port.Value ?? container.Port;
            container.Image = image.ValueKind == JsonValueKind.Undefined ? container.Image : AsText(image);
            container.UpdatedAt = now;
        }

        var response = FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteString("message", "Container updated successfully");
            w.WritePropertyName("data");
            ContainerJson.Write(w, container, status: "deploying");
        }));
        container.Run(now);
        return response;
    }

    /// <summary>A member converted like JavaScript's <c>Number()</c> and range-checked; absent members are no change.</summary>
    private static (int? Value, bool Invalid) Setting(JsonElement body, string name, int min, int max)
    {
        var value = FakeFormat.Member(body, name);
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return (null, false);
        }

        decimal? number = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDecimal(),
            JsonValueKind.String => decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
            JsonValueKind.True => 1,
            JsonValueKind.False or JsonValueKind.Null => 0,
            _ => null,
        };
        return number is { } n && n >= min && n <= max ? ((int)n, false) : (null, true);
    }

    private static string AsText(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
