namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>The settings of a create body that passed the service's checks, with its defaults applied.</summary>
internal sealed record ContainerSettings(string Name, string ProjectName, string Image, int Port, int Cpu, int Memory, int DesiredCount, string Architecture);
