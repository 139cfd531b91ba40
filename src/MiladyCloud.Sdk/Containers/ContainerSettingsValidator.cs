using System.Text.RegularExpressions;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal;

/// <summary>Rejects container settings the server would refuse, before a fee-charging request is sent.</summary>
internal static partial class ContainerSettingsValidator
{
    private const int MaxEnvVars = 50;
    private const int MaxEnvValueBytes = 32 * 1024;

    public static void Validate(CreateContainerRequest settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        RequireLength(settings.Name, 1, 100, "name");
        RequireLength(settings.ProjectName, 1, 50, "project_name");
        if (string.IsNullOrWhiteSpace(settings.EcrImageUri))
        {
            throw new ArgumentException("ecr_image_uri is required.", nameof(settings));
        }

        RequireRange(settings.Port, 1, 65535, "port");
        RequireRange(settings.DesiredCount, 1, 10, "desired_count");
        RequireRange(settings.Cpu, 256, 2048, "cpu");
        RequireRange(settings.Memory, 256, 2048, "memory");
        if (settings.Architecture is { } architecture && architecture != ContainerArchitecture.Arm64 && architecture != ContainerArchitecture.X64)
        {
            throw new ArgumentException("architecture must be arm64 or x86_64.", nameof(settings));
        }

        ValidateEnvironment(settings.EnvironmentVars);
    }

    public static void Validate(UpdateContainerRequest update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Cpu is null && update.Memory is null && update.Port is null && update.EcrImageUri is null)
        {
            throw new ArgumentException("Set at least one of cpu, memory, port, ecr_image_uri.", nameof(update));
        }

        RequireRange(update.Cpu, 256, 2048, "cpu");
        RequireRange(update.Memory, 512, 2048, "memory");
        RequireRange(update.Port, 1, 65535, "port");
        if (update.EcrImageUri is { } uri && !uri.Contains(".dkr.ecr.", StringComparison.Ordinal))
        {
            throw new ArgumentException("ecr_image_uri must be an ECR image URI (containing .dkr.ecr.).", nameof(update));
        }
    }

    private static void ValidateEnvironment(IDictionary<string, string>? variables)
    {
        if (variables is null)
        {
            return;
        }

        if (variables.Count > MaxEnvVars)
        {
            throw new ArgumentException($"At most {MaxEnvVars} environment variables are allowed (got {variables.Count}).", "environment_vars");
        }

        foreach (var (name, value) in variables)
        {
            if (!EnvName().IsMatch(name))
            {
                throw new ArgumentException($"Environment variable name '{name}' must match ^[A-Za-z_][A-Za-z0-9_]*$.", "environment_vars");
            }

            if (System.Text.Encoding.UTF8.GetByteCount(value ?? string.Empty) > MaxEnvValueBytes)
            {
                throw new ArgumentException($"Environment variable '{name}' is larger than 32 KB.", "environment_vars");
            }
        }
    }

    private static void RequireLength(string? value, int min, int max, string field)
    {
        if (value is null || value.Length < min || value.Length > max)
        {
            throw new ArgumentException($"{field} must be {min}-{max} characters.", field);
        }
    }

    private static void RequireRange(int? value, int min, int max, string field)
    {
        if (value is { } v && (v < min || v > max))
        {
            throw new ArgumentException($"{field} must be between {min} and {max} (got {v}).", field);
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();
}
