using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>One request as the account, credits, key and app responders see it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The absolute path, such as <c>/api/v1/apps</c> or <c>/api/invoices/list</c>.</param>
/// <param name="Query">The raw query without <c>?</c>.</param>
/// <param name="Body">The JSON body, or an undefined element.</param>
/// <param name="Request">The journaled request (headers for credential checks).</param>
internal sealed record FakeCall(string Method, string Path, string Query, JsonElement Body, RecordedRequest Request)
{
    public string? QueryValue(string name) => FakeQuery.Value(Query, name);
}
