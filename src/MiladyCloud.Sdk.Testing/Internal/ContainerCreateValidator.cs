using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The checks of <c>POST /containers</c> before anything is deployed, in the service's order: its zod schema (every
/// issue at once, zod 4's shapes and messages; JSON <c>null</c> in an optional member is refused), then the environment
/// variables (count, names, value sizes) and an empty image.
/// </summary>
internal static partial class ContainerCreateValidator
{
    private const int MaxEnvValueBytes = 32 * 1024;
    private static readonly string[] Architectures = ["arm64", "x86_64"];

    /// <summary>The refusal the service sends, or <see langword="null"/> with the settings (defaults applied).</summary>
    public static FakeResponse? Check(JsonElement body, out ContainerSettings? settings)
    {
        settings = null;
        var issues = new JsonArray();
        if (body.ValueKind != JsonValueKind.Object)
        {
            issues.Add(TypeIssue("object", body, []));
            return Invalid(issues);
        }

        var name = Text(body, "name", required: true, 1, 100, issues);
        var project = Text(body, "project_name", required: true, 1, 50, issues);
        Text(body, "description", required: false, null, null, issues);
        var port = Integer(body, "port", 1, 65535, 3000, issues);
        var desiredCount = Integer(body, "desired_count", 1, 10, 1, issues);
        var cpu = Integer(body, "cpu", 256, 2048, ContainerPricing.DefaultCpu, issues);
        var memory = Integer(body, "memory", 256, 2048, ContainerPricing.DefaultMemory, issues);
        var environment = Record(body, "environment_vars", issues);
        Text(body, "health_check_path", required: false, null, null, issues);
        var image = Text(body, "ecr_image_uri", required: true, null, null, issues);
        Text(body, "ecr_repository_uri", required: false, null, null, issues);
        Text(body, "image_tag", required: false, null, null, issues);
        var architecture = Architecture(body, issues);
        if (issues.Count > 0)
        {
            return Invalid(issues);
        }

        if (EnvironmentProblem(environment) is { } refused)
        {
            return refused;
        }

        if (image!.Length == 0)
        {
            return HintedFailure("ecr_image_uri is required", "Call POST /api/v1/containers/credentials to get ECR credentials and push your Docker image to ECR first");
        }

        settings = new ContainerSettings(name!, project!, image, port, cpu, memory, desiredCount, architecture);
        return null;
    }

    private static string? Text(JsonElement body, string member, bool required, int? min, int? max, JsonArray issues)
    {
        var value = FakeFormat.Member(body, member);
        if (value.ValueKind == JsonValueKind.Undefined && !required)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            issues.Add(TypeIssue("string", value, [member]));
            return null;
        }

        var text = value.GetString()!;
        if (text.Length < min)
        {
            issues.Add(SizeIssue("string", "too_small", "minimum", min.Value, [member], $"Too small: expected string to have >={min} characters"));
        }
        else if (text.Length > max)
        {
            issues.Add(SizeIssue("string", "too_big", "maximum", max.Value, [member], $"Too big: expected string to have <={max} characters"));
        }

        return text;
    }

    private static int Integer(JsonElement body, string member, int min, int max, int fallback, JsonArray issues)
    {
        var value = FakeFormat.Member(body, member);
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            issues.Add(TypeIssue("number", value, [member]));
            return fallback;
        }

        var number = value.GetDouble();
        if (number != Math.Floor(number))
        {
            issues.Add(new JsonObject { ["expected"] = "int", ["format"] = "safeint", ["code"] = "invalid_type", ["path"] = Path([member]), ["message"] = "Invalid input: expected int, received number" });
        }
        else if (number < min)
        {
            issues.Add(SizeIssue("number", "too_small", "minimum", min, [member], $"Too small: expected number to be >={min}"));
        }
        else if (number > max)
        {
            issues.Add(SizeIssue("number", "too_big", "maximum", max, [member], $"Too big: expected number to be <={max}"));
        }

        return number >= min && number <= max && number == Math.Floor(number) ? (int)number : fallback;
    }

    private static Dictionary<string, string>? Record(JsonElement body, string member, JsonArray issues)
    {
        var value = FakeFormat.Member(body, member);
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            issues.Add(TypeIssue("record", value, [member]));
            return null;
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in value.EnumerateObject())
        {
            if (variable.Value.ValueKind == JsonValueKind.String)
            {
                variables[variable.Name] = variable.Value.GetString()!;
            }
            else
            {
                issues.Add(TypeIssue("string", variable.Value, [member, variable.Name]));
            }
        }

        return variables;
    }

    /// <summary>zod's enum with a default: absent is <c>arm64</c>; anything else, <c>null</c> included, must be one of the two.</summary>
    private static string Architecture(JsonElement body, JsonArray issues)
    {
        var value = FakeFormat.Member(body, "architecture");
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return Architectures[0];
        }

        if (value.ValueKind == JsonValueKind.String && Architectures.Contains(value.GetString(), StringComparer.Ordinal))
        {
            return value.GetString()!;
        }

        issues.Add(new JsonObject
        {
            ["code"] = "invalid_value",
            ["values"] = new JsonArray([.. Architectures.Select(a => (JsonNode)a)]),
            ["path"] = Path(["architecture"]),
            ["message"] = "Invalid option: expected one of " + string.Join('|', Architectures.Select(a => "\"" + a + "\"")),
        });
        return Architectures[0];
    }

    private static FakeResponse? EnvironmentProblem(Dictionary<string, string>? variables)
    {
        if (variables is null)
        {
            return null;
        }

        if (variables.Count > ContainerPricing.MaxEnvVars)
        {
            return FakeResponse.Json(JsonText.Object(w =>
            {
                w.WriteBoolean("success", false);
                w.WriteString("error", $"Too many environment variables. Maximum {ContainerPricing.MaxEnvVars} allowed, got {variables.Count}");
                w.WriteStartObject("details");
                w.WriteNumber("limit", ContainerPricing.MaxEnvVars);
                w.WriteNumber("provided", variables.Count);
                w.WriteEndObject();
            }), HttpStatusCode.BadRequest);
        }

        foreach (var (key, value) in variables)
        {
            if (!EnvName().IsMatch(key))
            {
                return FakeFormat.Failure(HttpStatusCode.BadRequest, $"Invalid environment variable name: '{key}'. Must start with letter/underscore and contain only alphanumeric and underscores.");
            }

            var size = Encoding.UTF8.GetByteCount(value);
            if (size > MaxEnvValueBytes)
            {
                return FakeFormat.Failure(HttpStatusCode.BadRequest, $"Environment variable '{key}' value exceeds maximum size of {MaxEnvValueBytes} bytes (got {size.ToString(CultureInfo.InvariantCulture)} bytes)");
            }
        }

        return null;
    }

    private static JsonObject TypeIssue(string expected, JsonElement value, string[] path) => new()
    {
        ["expected"] = expected,
        ["code"] = "invalid_type",
        ["path"] = Path(path),
        ["message"] = $"Invalid input: expected {expected}, received {Received(value)}",
    };

    private static JsonObject SizeIssue(string origin, string code, string bound, int limit, string[] path, string message) => new()
    {
        ["origin"] = origin,
        ["code"] = code,
        [bound] = limit,
        ["inclusive"] = true,
        ["path"] = Path(path),
        ["message"] = message,
    };

    private static JsonArray Path(string[] path) => new([.. path.Select(p => (JsonNode)p)]);

    /// <summary>zod's name for the type of a value.</summary>
    private static string Received(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined => "undefined",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => "number",
        JsonValueKind.String => "string",
        JsonValueKind.Array => "array",
        _ => "object",
    };

    private static FakeResponse Invalid(JsonArray issues) => FakeResponse.Json(new JsonObject
    {
        ["success"] = false,
        ["error"] = "Invalid request data",
        ["details"] = issues,
    }.ToJsonString(), HttpStatusCode.BadRequest);

    private static FakeResponse HintedFailure(string error, string hint) => FakeResponse.Json(new JsonObject
    {
        ["success"] = false,
        ["error"] = error,
        ["details"] = new JsonObject { ["hint"] = hint },
    }.ToJsonString(), HttpStatusCode.BadRequest);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();
}
