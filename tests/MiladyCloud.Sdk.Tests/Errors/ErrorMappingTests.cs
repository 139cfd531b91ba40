using System.Net;
using System.Net.Http.Headers;
using MiladyCloud.Sdk.Internal;
using Microsoft.Extensions.Time.Testing;

namespace MiladyCloud.Sdk.Tests.Errors;

/// <summary>Every error envelope the server sends becomes the right exception with every property filled.</summary>
public class ErrorMappingTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));

    [Test]
    public void The_documented_envelope_maps_code_message_details_and_request_id()
    {
        var ex = Map(HttpStatusCode.BadRequest, """{"error":{"code":"INVALID_REQUEST","message":"The request body is invalid","details":"Field 'model' is required","requestId":"req_abc123"}}""");

        Assert.That(ex, Is.TypeOf<MiladyCloudInvalidRequestException>());
        Assert.Multiple(() =>
        {
            Assert.That(ex.ErrorCode, Is.EqualTo(MiladyCloudErrorCode.InvalidRequest));
            Assert.That(ex.ServerCode, Is.EqualTo("INVALID_REQUEST"));
            Assert.That(ex.ServerMessage, Is.EqualTo("The request body is invalid"));
            Assert.That(ex.Details!.Value.GetString(), Is.EqualTo("Field 'model' is required"));
            Assert.That(ex.RequestId, Is.EqualTo("req_abc123"));
            Assert.That(ex.Message, Is.EqualTo("elizaOS Cloud returned 400 Bad Request: The request body is invalid: Field 'model' is required (INVALID_REQUEST)"));
            Assert.That(ex.IsRetryable, Is.False);
        });
    }

    [Test]
    public void The_library_envelope_maps_its_snake_case_code()
    {
        var ex = Map(HttpStatusCode.Unauthorized, """{"success":false,"error":"Unauthorized","code":"authentication_required"}""");

        Assert.That(ex, Is.TypeOf<MiladyCloudUnauthorizedException>());
        Assert.That(ex.ServerCode, Is.EqualTo("authentication_required"));
        Assert.That(ex.ErrorCode, Is.EqualTo(MiladyCloudErrorCode.Unauthorized));
        Assert.That(ex.ServerMessage, Is.EqualTo("Unauthorized"));
    }

    [Test]
    public void The_rate_limiter_429_carries_retry_after_and_the_rate_limit_snapshot()
    {
        var headers = Headers(("Retry-After", "60"), ("X-RateLimit-Limit", "60"), ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset", "2026-01-15T12:01:00.000Z"), ("X-RateLimit-Policy", "redis"));

        var ex = Map(HttpStatusCode.TooManyRequests, """{"success":false,"error":"Too many requests","code":"rate_limit_exceeded","message":"Rate limit exceeded. Maximum 60 requests per 60 seconds.","retryAfter":60}""", headers);

        Assert.That(ex, Is.TypeOf<MiladyCloudRateLimitedException>());
        Assert.Multiple(() =>
        {
            Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(ex.RateLimit, Is.EqualTo(new RateLimitInfo { Limit = 60, Remaining = 0, Reset = new DateTimeOffset(2026, 1, 15, 12, 1, 0, TimeSpan.Zero), Policy = "redis" }));
            Assert.That(ex.ServerMessage, Is.EqualTo("Too many requests: Rate limit exceeded. Maximum 60 requests per 60 seconds."));
            Assert.That(ex.ServerCode, Is.EqualTo("rate_limit_exceeded"));
            Assert.That(ex.IsRetryable, Is.True);
        });
    }

    [Test]
    public void The_body_retryAfter_is_used_when_no_header_says_it()
    {
        var ex = Map(HttpStatusCode.TooManyRequests, """{"success":false,"error":"Too many requests","code":"rate_limit_exceeded","retryAfter":42}""");

        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(42)));
    }

    [TestCase("""{"error":{"message":"Insufficient credits. Required: $0.0123","type":"insufficient_quota","code":"insufficient_credits"}}""", 402, 0.0123)]
    [TestCase("""{"error":{"message":"Insufficient credits. Required: $0.0001","type":"insufficient_quota","code":"insufficient_balance"}}""", 402, 0.0001)]
    [TestCase("""{"type":"error","error":{"type":"rate_limit_error","message":"Insufficient credits. Required: $0.0123"}}""", 429, 0.0123)]
    [TestCase("""{"type":"error","error":{"type":"rate_limit_error","message":"Insufficient app credits. Required: $0.5"}}""", 429, 0.5)]
    [TestCase("""{"error":"Insufficient credits for image generation","required":0.02}""", 402, 0.02)]
    [TestCase("""{"success":false,"error":"Insufficient credits","code":"insufficient_credits"}""", 402, null)]
    [TestCase("""{"error":{"code":"INSUFFICIENT_CREDITS","message":"Not enough credits"}}""", 402, null)]
    public void Insufficient_credits_in_every_envelope_is_InsufficientCredits_and_never_retryable(string body, int status, double? required)
    {
        var ex = Map((HttpStatusCode)status, body);

        Assert.That(ex, Is.TypeOf<MiladyCloudInsufficientCreditsException>());
        Assert.Multiple(() =>
        {
            Assert.That(ex.StatusCode, Is.EqualTo((HttpStatusCode)status));
            Assert.That(ex.ErrorCode, Is.EqualTo(MiladyCloudErrorCode.InsufficientCredits));
            Assert.That(((MiladyCloudInsufficientCreditsException)ex).RequiredAmount, Is.EqualTo(required is null ? null : (decimal?)(decimal)required.Value));
            Assert.That(ex.IsRetryable, Is.False);
        });
    }

    [Test]
    public void The_app_chat_402_carries_required_and_balance()
    {
        var ex = (MiladyCloudInsufficientCreditsException)Map(HttpStatusCode.PaymentRequired, """{"error":{"message":"Insufficient credits","type":"insufficient_quota","required":1.25,"balance":"0.50"}}""");

        Assert.That(ex.RequiredAmount, Is.EqualTo(1.25m));
        Assert.That(ex.Balance, Is.EqualTo(0.50m));
    }

    [TestCase(401, "authentication_error", typeof(MiladyCloudUnauthorizedException))]
    [TestCase(403, "permission_error", typeof(MiladyCloudForbiddenException))]
    [TestCase(400, "invalid_request_error", typeof(MiladyCloudInvalidRequestException))]
    [TestCase(500, "api_error", typeof(MiladyCloudInternalServerErrorException))]
    public void The_Anthropic_envelope_maps_by_status_and_keeps_its_type(int status, string type, Type expected)
    {
        var ex = Map((HttpStatusCode)status, """{"type":"error","error":{"type":"TYPE","message":"boom"}}""".Replace("TYPE", type, StringComparison.Ordinal));

        Assert.That(ex, Is.TypeOf(expected));
        Assert.That(ex.ServerType, Is.EqualTo(type));
        Assert.That(ex.ServerMessage, Is.EqualTo("boom"));
    }

    [Test]
    public void The_OpenAI_envelope_keeps_type_code_and_param()
    {
        var ex = Map(HttpStatusCode.BadRequest, """{"error":{"message":"Missing required fields: model and input","type":"invalid_request_error","param":"model","code":"missing_required_parameter"}}""");

        Assert.Multiple(() =>
        {
            Assert.That(ex, Is.TypeOf<MiladyCloudInvalidRequestException>());
            Assert.That(ex.ServerType, Is.EqualTo("invalid_request_error"));
            Assert.That(ex.ServerCode, Is.EqualTo("missing_required_parameter"));
            Assert.That(ex.Details!.Value.GetString(), Is.EqualTo("model"));
        });
    }

    [Test]
    public void The_plain_envelope_keeps_its_extras_and_a_text_retry_after()
    {
        var ex = Map(HttpStatusCode.TooManyRequests, """{"error":"Too many voice clones","retryAfter":"5 minutes","details":"slow down"}""");

        Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(ex.ServerMessage, Is.EqualTo("Too many voice clones"));
        Assert.That(ex.Details!.Value.GetString(), Is.EqualTo("slow down"));
    }

    [Test]
    public void Validation_details_of_any_shape_are_kept_as_raw_json()
    {
        var ex = Map(HttpStatusCode.BadRequest, """{"success":false,"error":"Invalid request data","details":{"_errors":[],"name":{"_errors":["Required"]}}}""");

        Assert.That(ex.Details!.Value.GetProperty("name").GetProperty("_errors")[0].GetString(), Is.EqualTo("Required"));
    }

    [TestCase("""{"success":false,"error":"Invalid or expired API key"}""")]
    [TestCase("""{"error":"Unauthorized"}""")]
    [TestCase("""{"error":{"message":"Invalid or expired API key","type":"api_error"}}""")]
    public void A_500_whose_text_is_an_auth_failure_is_Unauthorized_and_not_retryable(string body)
    {
        var ex = Map(HttpStatusCode.InternalServerError, body);

        Assert.That(ex, Is.TypeOf<MiladyCloudUnauthorizedException>());
        Assert.That(ex.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(ex.IsRetryable, Is.False);
    }

    [Test]
    public void An_HTML_502_keeps_the_page_and_says_what_happened()
    {
        const string page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";

        var ex = Map(HttpStatusCode.BadGateway, page);

        Assert.That(ex, Is.TypeOf<MiladyCloudInternalServerErrorException>());
        Assert.That(ex.Message, Is.EqualTo("elizaOS Cloud returned 502 Bad Gateway: 502 Bad Gateway"));
        Assert.That(ex.RawBody, Is.EqualTo(page));
        Assert.That(ex.IsRetryable, Is.True);
    }

    [Test]
    public void An_empty_500_is_an_InternalServerError_with_an_empty_body()
    {
        var ex = Map(HttpStatusCode.InternalServerError, "");

        Assert.That(ex, Is.TypeOf<MiladyCloudInternalServerErrorException>());
        Assert.That(ex.Message, Is.EqualTo("elizaOS Cloud returned 500 Internal Server Error"));
        Assert.That(ex.ErrorCode, Is.EqualTo(MiladyCloudErrorCode.InternalError));
    }

    [TestCase(404, typeof(MiladyCloudNotFoundException))]
    [TestCase(422, typeof(MiladyCloudInvalidRequestException))]
    [TestCase(503, typeof(MiladyCloudServiceUnavailableException))]
    [TestCase(504, typeof(MiladyCloudInternalServerErrorException))]
    [TestCase(409, typeof(MiladyCloudApiException))]
    public void Statuses_map_to_their_types(int status, Type expected)
    {
        var ex = Map((HttpStatusCode)status, """{"success":false,"error":"nope","code":"session_not_ready"}""");

        Assert.That(ex, Is.TypeOf(expected));
    }

    [Test]
    public void An_unmapped_status_keeps_the_server_code_as_its_error_code()
    {
        var withCode = Map(HttpStatusCode.Conflict, """{"success":false,"error":"not ready","code":"session_not_ready"}""");
        var withoutCode = Map(HttpStatusCode.Gone, """{"success":false,"error":"gone"}""");

        Assert.That(withCode.ErrorCode.Value, Is.EqualTo("SESSION_NOT_READY"));
        Assert.That(withoutCode.ErrorCode.Value, Is.EqualTo("HTTP_410"));
    }

    [Test]
    public void A_key_echoed_by_the_server_never_reaches_the_message_or_raw_body()
    {
        const string key = "eliza_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        var ex = ErrorResponseReader.Create(HttpStatusCode.Unauthorized, $$"""{"error":"Invalid or expired API key: {{key}}"}""", null, Clock, new SecretScrubber(key));

        Assert.That(ex.Message, Does.Not.Contain("0123456789abcdef"));
        Assert.That(ex.RawBody, Does.Not.Contain("0123456789abcdef"));
        Assert.That(ex.ServerMessage, Does.Not.Contain("0123456789abcdef"));
    }

    [Test]
    public void A_200_with_success_false_is_recognised_as_an_error()
    {
        const string body = """{"success":false,"error":"Payment not completed","code":"validation_error"}""";

        Assert.That(ErrorResponseReader.IsSuccessFalse(body), Is.True);
        Assert.That(ErrorResponseReader.IsSuccessFalse("""{"success":true}"""), Is.False);
        Assert.That(Map(HttpStatusCode.OK, body), Is.TypeOf<MiladyCloudInvalidRequestException>());
    }

    [Test]
    public void A_request_id_header_is_kept()
    {
        var ex = Map(HttpStatusCode.InternalServerError, "", Headers(("X-Request-Id", "req_42")));

        Assert.That(ex.RequestId, Is.EqualTo("req_42"));
    }

    private static MiladyCloudApiException Map(HttpStatusCode status, string body, HttpResponseHeaders? headers = null)
        => ErrorResponseReader.Create(status, body, headers, Clock);

    private static HttpResponseHeaders Headers(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response.Headers;
    }
}
