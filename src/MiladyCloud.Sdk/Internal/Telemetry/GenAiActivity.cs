using System.Diagnostics;
using MiladyCloud.Sdk.Internal.AI;

namespace MiladyCloud.Sdk.Internal.Telemetry;

/// <summary>
/// One span per model call, named and tagged by the OpenTelemetry gen_ai semantic conventions; the HTTP span of
/// each attempt is its child. Nothing is allocated when nobody listens.
/// </summary>
internal static class GenAiActivity
{
    public static bool IsObserved => MiladyCloudTelemetry.ActivitySource.HasListeners() || MiladyCloudTelemetry.TokensUsed.Enabled;

    public static Activity? Start(string operation, string model, double? temperature = null, int? maxTokens = null, double? topP = null)
    {
        var activity = MiladyCloudTelemetry.ActivitySource.StartActivity($"{operation} {model}", ActivityKind.Client);
        if (activity is null || !activity.IsAllDataRequested)
        {
            return activity;
        }

        activity.SetTag("gen_ai.operation.name", operation);
        activity.SetTag("gen_ai.provider.name", AiProvider.Name);
        activity.SetTag("gen_ai.request.model", model);
        activity.SetTag("gen_ai.request.temperature", temperature);
        activity.SetTag("gen_ai.request.max_tokens", maxTokens);
        activity.SetTag("gen_ai.request.top_p", topP);
        return activity;
    }

    public static void Complete(Activity? activity, string operation, string requestModel, GenAiOutcome outcome, SecretScrubber secrets)
    {
        TokenUsage.Record(operation, requestModel, outcome.InputTokens, outcome.OutputTokens);
        if (activity is null || !activity.IsAllDataRequested)
        {
            return;
        }

        // The server's own texts: a span is exported, so a credential it echoed must not go with it.
        activity.SetTag("gen_ai.response.id", secrets.Scrub(outcome.ResponseId));
        activity.SetTag("gen_ai.response.model", secrets.Scrub(outcome.ResponseModel));
        activity.SetTag("gen_ai.usage.input_tokens", outcome.InputTokens);
        activity.SetTag("gen_ai.usage.output_tokens", outcome.OutputTokens);
        if (!string.IsNullOrEmpty(outcome.FinishReason))
        {
            activity.SetTag("gen_ai.response.finish_reasons", new[] { secrets.Scrub(outcome.FinishReason) });
        }
    }

    /// <summary>Runs one model call in its gen_ai span: started before the request, completed with what the answer reports.</summary>
    public static async Task<T> ObserveAsync<T>(Func<Task<T>> send, ModelCall<T> call, SecretScrubber secrets)
    {
        using var activity = Start(call.Operation, call.Model, call.Temperature, call.MaxTokens, call.TopP);
        try
        {
            var result = await send().ConfigureAwait(false);
            Complete(activity, call.Operation, call.Model, call.Outcome(result), secrets);
            return result;
        }
        catch (Exception ex)
        {
            Fail(activity, ex);
            throw;
        }
    }

    public static void Fail(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("error.type", exception is OperationCanceledException ? "cancelled" : exception.GetType().Name);
        activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
    }
}
