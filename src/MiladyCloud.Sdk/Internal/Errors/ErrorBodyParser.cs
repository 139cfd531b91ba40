using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MiladyCloud.Sdk.Internal;

/// <summary>
/// Reads every error envelope the server really sends: the documented <c>{error:{code,message,details,requestId}}</c>,
/// the library shape <c>{success:false,error,code,details}</c> (and its rate-limit variant with <c>retryAfter</c>),
/// OpenAI-style <c>{error:{message,type,code,param}}</c>, Anthropic-style <c>{type:"error",error:{type,message}}</c>,
/// plain <c>{error:"text",...}</c>, and anything that is not JSON at all.
/// </summary>
internal static partial class ErrorBodyParser
{
    public static ParsedErrorBody Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] is not ('{' or '['))
        {
            return ParsedErrorBody.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? FromObject(document.RootElement) : ParsedErrorBody.Empty;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string holding an escaped lone surrogate. An unreadable body still maps by status.
            return ParsedErrorBody.Empty;
        }
    }

    private static ParsedErrorBody FromObject(JsonElement root)
    {
        var successFalse = root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False;
        var parsed = root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
            ? FromNestedError(error)
            : FromFlat(root, error);
        return parsed with
        {
            SuccessFalse = successFalse,
            Code = parsed.Code ?? String(root, "code"),
            RetryAfter = parsed.RetryAfter ?? RetryAfter(root),
            Details = parsed.Details ?? Element(root, "details"),
            Required = parsed.Required ?? Number(root, "required") ?? Number(root, "requiredCredits"),
            Balance = parsed.Balance ?? Number(root, "balance"),
            RequestId = parsed.RequestId ?? String(root, "requestId"),
            Cause = CauseOf(parsed, root),
        };
    }

    /// <summary>A text cause the headline does not already say.</summary>
    private static string? CauseOf(ParsedErrorBody parsed, JsonElement root)
    {
        var cause = (parsed.Details ?? Element(root, "details")) is { ValueKind: JsonValueKind.String } details
            ? details.GetString()
            : String(root, "originalError");
        return string.IsNullOrWhiteSpace(cause) || (parsed.Message?.Contains(cause, StringComparison.Ordinal) ?? false) ? null : cause;
    }

    /// <summary>Documented, OpenAI-style and Anthropic-style bodies: the detail is an object under <c>error</c>.</summary>
    private static ParsedErrorBody FromNestedError(JsonElement error) => new()
    {
        Message = String(error, "message"),
        Code = String(error, "code"),
        Type = String(error, "type"),
        Details = Element(error, "details") ?? Element(error, "param"),
        RequestId = String(error, "requestId"),
        Required = Number(error, "required"),
        Balance = Number(error, "balance"),
    };

    /// <summary>Library, rate-limit, plain and success-flag bodies: <c>error</c> is the text itself.</summary>
    private static ParsedErrorBody FromFlat(JsonElement root, JsonElement error)
    {
        var text = error.ValueKind == JsonValueKind.String ? error.GetString() : null;
        // The UI message stream's in-band error part ({type:"error", errorText}) names its text errorText.
        var message = String(root, "message") ?? String(root, "errorText");
        // Shape B puts a generic "Too many requests" in error and the useful sentence in message.
        return new ParsedErrorBody
        {
            Message = message is not null && text is not null && !string.Equals(message, text, StringComparison.Ordinal) ? $"{text}: {message}" : text ?? message,
            Type = String(root, "type") is { } type && type != "error" ? type : null,
        };
    }

    private static TimeSpan? RetryAfter(JsonElement root)
    {
        if (!root.TryGetProperty("retryAfter", out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds >= 0)
        {
            return Duration(seconds, TimeSpan.TicksPerSecond);
        }

        return value.ValueKind == JsonValueKind.String ? ParseDurationText(value.GetString()) : null;
    }

    /// <summary>Reads texts such as "5 minutes", "30 seconds" or "1 hour" that some routes send.</summary>
    private static TimeSpan? ParseDurationText(string? text)
    {
        var match = text is null ? Match.Empty : DurationText().Match(text);
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        return match.Groups[2].Value.ToUpperInvariant()[0] switch
        {
            'H' => Duration(amount, TimeSpan.TicksPerHour),
            'M' => Duration(amount, TimeSpan.TicksPerMinute),
            _ => Duration(amount, TimeSpan.TicksPerSecond),
        };
    }

    /// <summary>A server delay, capped at <see cref="TimeSpan.MaxValue"/> (an absurd value must not throw; the retry cap refuses it).</summary>
    private static TimeSpan Duration(double amount, long ticksPerUnit)
        => amount * ticksPerUnit >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)(amount * ticksPerUnit));

    private static string? String(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement? Element(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.Clone() : null;

    private static decimal? Number(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var number) => number,
            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
    }

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*(h|hours?|m|min|mins|minutes?|s|sec|secs|seconds?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DurationText();
}
