namespace MiladyCloud.Sdk.Tests.Reliability.Infrastructure;

/// <summary>
/// One hostile answer: what the server writes after reading each request, which call it answers, the outcome
/// expected, how many times <see cref="HostileCases.Limit"/> the SDK may spend on it (one stream event is held
/// contiguously, so its buffer may double once: factor 2; the whole audio of <c>GetAudioAsync</c> grows the same way:
/// factor 2; a JSON body: factor 1), and how many retries the client makes (0: the call is tried once; otherwise the
/// client retries that many times on a fake clock, and the answer must be given to every attempt).
/// </summary>
internal sealed record HostileCase(string Name, Func<RawConnection, Task> Answer, HostileCall Call, Type Expected, int LimitFactor, int Retries = 0)
{
    public override string ToString() => Name;
}
