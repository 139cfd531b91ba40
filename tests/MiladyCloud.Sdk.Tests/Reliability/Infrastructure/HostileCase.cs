namespace MiladyCloud.Sdk.Tests.Reliability.Infrastructure;

/// <summary>
/// One hostile answer: what the server writes after reading the request, whether it answers a JSON call or a
/// stream, the outcome expected, and how many times <see cref="HostileCases.Limit"/> the SDK may spend on it (one
/// stream event is held contiguously, so its buffer may double once: factor 2; a JSON body: factor 1).
/// </summary>
internal sealed record HostileCase(string Name, Func<RawConnection, Task> Answer, bool Stream, Type Expected, int LimitFactor)
{
    public override string ToString() => Name;
}
