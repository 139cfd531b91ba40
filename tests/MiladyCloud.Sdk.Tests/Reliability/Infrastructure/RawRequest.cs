namespace MiladyCloud.Sdk.Tests.Reliability.Infrastructure;

/// <summary>A request as a <see cref="RawServer"/> received it.</summary>
internal sealed record RawRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body);
