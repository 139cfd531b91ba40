namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>The one user and organization every credential of the fake belongs to.</summary>
internal static class FakeAccount
{
    public const string UserId = "00000000-0000-0000-0000-00000000fa4e";
    public const string OrganizationId = "00000000-0000-0000-0000-0000000f0a4e";
    public const string OrganizationName = "Fake Organization";
    public const string OrganizationSlug = "fake-organization";
    public const string Email = "developer@fake.invalid";
}
