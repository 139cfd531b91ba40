using MiladyCloud.Sdk;
using MiladyCloud.Sdk.Internal;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Start-up validation of the options, with messages that say what to fix.</summary>
internal sealed class MiladyCloudOptionsValidation : IValidateOptions<MiladyCloudClientOptions>
{
    public ValidateOptionsResult Validate(string? name, MiladyCloudClientOptions options)
    {
        var problems = OptionsValidator.FindProblems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
