namespace MiladyCloud.Sdk;

/// <summary>How the API key is sent. Every key-capable route accepts both headers.</summary>
public enum MiladyCloudAuthentication
{
    /// <summary><c>Authorization: Bearer &lt;key&gt;</c> (the default).</summary>
    Bearer,

    /// <summary><c>X-API-Key: &lt;key&gt;</c>.</summary>
    ApiKeyHeader,

    /// <summary>Both headers, as the official TypeScript SDK does.</summary>
    Both,
}
