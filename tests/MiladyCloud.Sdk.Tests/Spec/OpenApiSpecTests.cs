using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace MiladyCloud.Sdk.Tests.Spec;

/// <summary>Loads our own openapi.json with a real OpenAPI reader and holds it to the house rules.</summary>
public partial class OpenApiSpecTests
{
    private static OpenApiDocument _document = null!;
    private static OpenApiDiagnostic _diagnostic = null!;

    [OneTimeSetUp]
    public static async Task LoadSpec()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "openapi.json");
        await using var stream = File.OpenRead(path);
        var result = await OpenApiDocument.LoadAsync(stream, "json");
        _document = result.Document ?? throw new AssertionException("openapi.json did not load");
        _diagnostic = result.Diagnostic ?? throw new AssertionException("no diagnostic");
    }

    private static IEnumerable<(string Path, string Method, OpenApiOperation Operation)> Operations()
        => from path in _document.Paths
           from op in path.Value.Operations ?? []
           select (path.Key, op.Key.ToString(), op.Value);

    [Test]
    public void The_spec_loads_as_OpenAPI_3_1_without_errors()
    {
        Assert.That(_diagnostic.Errors, Is.Empty, string.Join("\n", _diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.That(_diagnostic.SpecificationVersion, Is.EqualTo(OpenApiSpecVersion.OpenApi3_1));
        Assert.That(_document.Servers!.Single().Url, Is.EqualTo("https://cloud.milady.ai/api/v1"));
    }

    [Test]
    public void Every_operation_has_a_unique_PascalCase_operationId_and_a_summary()
    {
        var ops = Operations().ToList();
        Assert.That(ops, Is.Not.Empty);
        foreach (var (path, method, op) in ops)
        {
            Assert.That(op.OperationId, Does.Match(PascalCase()), $"{method} {path}");
            Assert.That(op.Summary, Is.Not.Null.And.Not.Empty, $"{method} {path} has no summary");
        }

        Assert.That(ops.Select(o => o.Operation.OperationId), Is.Unique);
    }

    [Test]
    public void Every_JSON_request_and_response_has_a_schema()
    {
        foreach (var (path, method, op) in Operations())
        {
            foreach (var (mediaType, content) in op.RequestBody?.Content ?? new Dictionary<string, IOpenApiMediaType>())
            {
                if (mediaType.Contains("json", StringComparison.Ordinal))
                {
                    Assert.That(content.Schema, Is.Not.Null, $"{method} {path} request {mediaType}");
                }
            }

            foreach (var (status, response) in op.Responses ?? [])
            {
                foreach (var (mediaType, content) in response.Content ?? new Dictionary<string, IOpenApiMediaType>())
                {
                    if (mediaType.Contains("json", StringComparison.Ordinal) || mediaType == "text/event-stream")
                    {
                        Assert.That(content.Schema, Is.Not.Null, $"{method} {path} {status} {mediaType}");
                    }
                }
            }
        }
    }

    [Test]
    public void Every_operation_documents_its_error_responses()
    {
        foreach (var (path, method, op) in Operations())
        {
            var statuses = op.Responses!.Keys.ToList();
            Assert.That(statuses, Has.Some.Match("^2\\d\\d$"), $"{method} {path} has no success response");
            Assert.That(statuses, Has.Some.Match("^[45]\\d\\d$"), $"{method} {path} documents no error response");
        }
    }

    [Test]
    public void The_three_credential_kinds_are_declared()
    {
        Assert.That(_document.Components!.SecuritySchemes!.Keys, Is.SupersetOf(new[] { "bearerAuth", "apiKeyHeader", "sessionCookie" }));
    }

    [GeneratedRegex("^[A-Z][A-Za-z0-9]+$")]
    private static partial Regex PascalCase();
}
