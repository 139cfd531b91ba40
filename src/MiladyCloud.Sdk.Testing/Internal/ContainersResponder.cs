using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// /containers: an in-memory deployment per create that moves one step (pending, building, deploying, running)
/// each time it is read, like a real deploy seen through polling; logs and a live log stream once it runs.
/// </summary>
internal sealed class ContainersResponder(FakeReplies replies, TimeProvider clock)
{
    private static readonly string[] Progression = ["pending", "building", "deploying", "running"];
    private readonly ConcurrentDictionary<string, FakeContainer> _containers = new(StringComparer.Ordinal);

    public FakeResponse? Route(string method, string route, JsonElement body)
    {
        if (route == "containers")
        {
            return method switch
            {
                "GET" => FakeResponse.Json(JsonText.Object(w => WriteList(w))),
                "POST" => Create(body),
                _ => null,
            };
        }

        var parts = route.Split('/');
        if (parts.Length < 2 || parts[0] != "containers" || !_containers.TryGetValue(Uri.UnescapeDataString(parts[1]), out var container))
        {
            return parts.Length >= 2 && parts[0] == "containers" ? NotFound() : null;
        }

        return (method, string.Join('/', parts.Skip(2))) switch
        {
            ("GET", "") => Envelope(container.Advance()),
            ("DELETE", "") => Delete(container),
            ("GET", "health") => Health(container),
            ("GET", "logs/stream") => LogStream(container),
            _ => null,
        };
    }

    /// <summary>The containers as the dashboard lists them (a subset of the columns, read without moving their status).</summary>
    public void WriteDashboardItems(Utf8JsonWriter w)
    {
        foreach (var c in _containers.Values.OrderBy(c => c.CreatedAt))
        {
            var running = c.Status == "running";
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteString("name", c.Name);
            w.WriteNull("description");
            w.WriteString("status", c.Status);
            w.WriteString("ecs_service_arn", $"arn:aws:ecs:us-east-1:000000000000:service/fake/{c.ProjectName}");
            if (running)
            {
                w.WriteString("load_balancer_url", $"http://{c.ProjectName}.containers.fake.local");
                w.WriteString("last_deployed_at", Iso(c.CreatedAt));
            }
            else
            {
                w.WriteNull("load_balancer_url");
                w.WriteNull("last_deployed_at");
            }

            w.WriteNumber("port", c.Port);
            w.WriteNumber("desired_count", c.DesiredCount);
            w.WriteNumber("cpu", c.Cpu);
            w.WriteNumber("memory", c.Memory);
            w.WriteString("created_at", Iso(c.CreatedAt));
            w.WriteNull("error_message");
            w.WriteEndObject();
        }
    }

    private FakeResponse Create(JsonElement body)
    {
        var name = Text(body, "name");
        var project = Text(body, "project_name");
        var image = Text(body, "ecr_image_uri");
        if (name is not { Length: >= 1 and <= 100 } || project is not { Length: >= 1 and <= 50 } || string.IsNullOrEmpty(image))
        {
            return FakeResponse.Json("""{"success":false,"error":"Invalid request data","details":[{"message":"name, project_name and ecr_image_uri are required"}]}""", HttpStatusCode.BadRequest);
        }

        var container = new FakeContainer(Guid.NewGuid().ToString(), name, project, image, Int(body, "port", 3000), Int(body, "cpu", 1792), Int(body, "memory", 1792), Int(body, "desired_count", 1), clock.GetUtcNow());
        _containers[container.Id] = container;
        var fee = DeploymentFee(container);
        return new FakeResponse
        {
            Status = HttpStatusCode.Accepted,
            Body = JsonText.Object(w =>
            {
                w.WriteBoolean("success", true);
                w.WritePropertyName("data");
                Write(w, container);
                w.WriteString("message", "Container deployment started. Poll GET /api/v1/containers/:id to check status.");
                w.WriteNumber("creditsDeducted", fee);
                w.WriteNumber("creditsRemaining", fee);
                w.WriteString("stackName", "fake-" + project);
                w.WriteStartObject("polling");
                w.WriteString("endpoint", "/api/v1/containers/" + container.Id);
                w.WriteNumber("intervalMs", 10000);
                w.WriteNumber("expectedDurationMs", 600000);
                w.WriteEndObject();
            }),
        };
    }

    /// <summary>The real pricing: $0.50 + $0.05 per extra instance + $2 per extra 256 CPU units + $1 per extra 512 MB.</summary>
    private static decimal DeploymentFee(FakeContainer c)
        => 0.50m + (0.05m * (c.DesiredCount - 1)) + Math.Round(2m * ((c.Cpu / 256m) - 1), 2) + Math.Round((c.Memory / 512m) - 1, 2);

    private FakeResponse Delete(FakeContainer container)
    {
        _containers.TryRemove(container.Id, out _);
        return FakeResponse.Json("""{"success":true,"message":"Container deleted successfully"}""");
    }

    private FakeResponse Health(FakeContainer container) => FakeResponse.Json(JsonText.Object(w =>
    {
        var running = container.Status == "running";
        w.WriteBoolean("success", true);
        w.WriteStartObject("data");
        w.WriteString("containerId", container.Id);
        w.WriteBoolean("healthy", running);
        if (running)
        {
            w.WriteNumber("statusCode", 200);
            w.WriteNumber("responseTime", 12);
        }
        else
        {
            w.WriteString("error", "Container is " + container.Status);
        }

        w.WriteString("checkedAt", Iso(clock.GetUtcNow()));
        w.WriteString("containerStatus", container.Status);
        w.WriteNull("lastHealthCheck");
        w.WriteEndObject();
    }));

    /// <summary>The configured log lines, newest first as the server sends a poll, then silence with keep-alives until the client leaves.</summary>
    private FakeResponse LogStream(FakeContainer container)
    {
        if (container.Status != "running")
        {
            return FakeResponse.Json("""{"success":false,"error":"Container has not been deployed to ECS yet. Wait for the deployment to finish."}""", HttpStatusCode.BadRequest);
        }

        var now = clock.GetUtcNow();
        var lines = replies.ContainerLogLines;
        var events = lines.Select((line, i) => JsonText.DataFrame(JsonText.Object(w =>
        {
            w.WriteString("type", "log");
            w.WriteStartObject("data");
            w.WriteString("timestamp", Iso(now - TimeSpan.FromMilliseconds(i * 100)));
            w.WriteString("level", line.StartsWith("ERROR", StringComparison.Ordinal) ? "error" : "info");
            w.WriteString("message", line);
            w.WriteEndObject();
        }))).ToList();
        return new FakeResponse
        {
            Events = events,
            TerminalEvent = ": keepalive\n\n",
            KeepOpen = true,
            ErrorEvent = fault => JsonText.DataFrame(JsonText.Object(w =>
            {
                w.WriteString("type", "error");
                w.WriteString("message", fault.Message ?? "Failed to read logs");
            })),
        };
    }

    private FakeResponse Envelope(FakeContainer container) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        w.WritePropertyName("data");
        Write(w, container);
    }));

    private void WriteList(Utf8JsonWriter w)
    {
        w.WriteBoolean("success", true);
        w.WriteStartArray("data");
        foreach (var container in _containers.Values.OrderBy(c => c.CreatedAt))
        {
            Write(w, container);
        }

        w.WriteEndArray();
    }

    private static void Write(Utf8JsonWriter w, FakeContainer c)
    {
        w.WriteStartObject();
        w.WriteString("id", c.Id);
        w.WriteString("name", c.Name);
        w.WriteString("project_name", c.ProjectName);
        w.WriteString("status", c.Status);
        w.WriteString("is_update", "false");
        w.WriteNumber("port", c.Port);
        w.WriteNumber("cpu", c.Cpu);
        w.WriteNumber("memory", c.Memory);
        w.WriteNumber("desired_count", c.DesiredCount);
        w.WriteString("architecture", "arm64");
        w.WriteString("health_check_path", "/health");
        if (c.Status == "running")
        {
            w.WriteString("load_balancer_url", $"http://{c.ProjectName}.containers.fake.local");
        }
        else
        {
            w.WriteNull("load_balancer_url");
        }

        w.WriteStartObject("metadata");
        w.WriteString("ecr_image_uri", c.Image);
        w.WriteEndObject();
        w.WriteString("total_billed", "0.00");
        w.WriteString("created_at", Iso(c.CreatedAt));
        w.WriteEndObject();
    }

    private static FakeResponse NotFound() => FakeResponse.Json("""{"success":false,"error":"Container not found"}""", HttpStatusCode.NotFound);

    private static string? Text(JsonElement body, string name)
        => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Int(JsonElement body, string name, int fallback)
        => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : fallback;

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private sealed class FakeContainer(string id, string name, string projectName, string image, int port, int cpu, int memory, int desiredCount, DateTimeOffset createdAt)
    {
        private int _step;

        public string Id => id;

        public string Name => name;

        public string ProjectName => projectName;

        public string Image => image;

        public int Port => port;

        public int Cpu => cpu;

        public int Memory => memory;

        public int DesiredCount => desiredCount;

        public DateTimeOffset CreatedAt => createdAt;

        public string Status => Progression[Volatile.Read(ref _step)];

        /// <summary>One step further per read, as a poller would see it; stays running at the end.</summary>
        public FakeContainer Advance()
        {
            int step;
            do
            {
                step = Volatile.Read(ref _step);
            }
            while (step < Progression.Length - 1 && Interlocked.CompareExchange(ref _step, step + 1, step) != step);

            return this;
        }
    }
}
