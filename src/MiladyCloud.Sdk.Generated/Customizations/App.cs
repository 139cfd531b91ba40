namespace MiladyCloud.Sdk.Models;

// Partial of the generated DTO: the per-app database URI is a connection string with its password, so ToString must never show it.
public partial class App
{
    /// <summary>Describes the app without its database connection string.</summary>
    /// <returns>A safe description.</returns>
    public override string ToString() => $"App {{ Id = {Id}, Name = {Name}, Slug = {Slug}, DeploymentStatus = {DeploymentStatus} }}";
}
