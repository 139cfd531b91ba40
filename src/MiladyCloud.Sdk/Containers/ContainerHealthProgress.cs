namespace MiladyCloud.Sdk;

/// <summary>One observation made while waiting for a container to become healthy.</summary>
/// <param name="Attempt">1-based poll number.</param>
/// <param name="Status">The container status seen, such as <c>deploying</c> or <c>running</c>.</param>
/// <param name="Elapsed">Time since waiting began, measured with the client's time provider.</param>
public sealed record ContainerHealthProgress(int Attempt, string Status, TimeSpan Elapsed);
