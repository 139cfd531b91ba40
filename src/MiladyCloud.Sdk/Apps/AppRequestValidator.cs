using System.Text.RegularExpressions;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Internal;

/// <summary>Rejects app requests the server would refuse, before anything is sent.</summary>
internal static partial class AppRequestValidator
{
    public const int MaxLinkedCharacters = 4;

    public static void Validate(CreateAppRequest app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Name(app.Name);
        AbsoluteUrl(app.AppUrl, "app_url", required: true);
        AbsoluteUrl(app.WebsiteUrl, "website_url");
        AbsoluteUrl(app.LogoUrl, "logo_url");
        Email(app.ContactEmail);
    }

    public static void Validate(UpdateAppRequest update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Name is not null)
        {
            Name(update.Name);
        }

        // An empty string clears the field on the server, so it is allowed.
        AbsoluteUrl(EmptyAsNull(update.AppUrl), "app_url");
        AbsoluteUrl(EmptyAsNull(update.WebsiteUrl), "website_url");
        AbsoluteUrl(EmptyAsNull(update.LogoUrl), "logo_url");
        Email(EmptyAsNull(update.ContactEmail));
        if (update.LinkedCharacterIds is { } linked)
        {
            if (linked.Count > MaxLinkedCharacters)
            {
                throw new ArgumentException($"An app links at most {MaxLinkedCharacters} characters.", "linked_character_ids");
            }

            // The server's schema takes UUIDs only (400 otherwise).
            Uuids(linked, "linked_character_ids");
        }
    }

    public static void Name(string? name)
    {
        if (name is null || name.Length is < 1 or > 100)
        {
            throw new ArgumentException("name must be 1-100 characters.", "name");
        }
    }

    public static void CharacterIds(IList<string>? ids)
    {
        ArgumentNullException.ThrowIfNull(ids, "character_ids");
        if (ids.Count > MaxLinkedCharacters)
        {
            throw new ArgumentException($"An app links at most {MaxLinkedCharacters} characters (got {ids.Count}).", "character_ids");
        }

        // The server looks each id up without checking its shape, so a non-UUID fails there with a database error (500).
        Uuids(ids, "character_ids");
    }

    /// <summary>The shape of a UUID (8-4-4-4-12 hexadecimal digits), which the server's schemas and queries require.</summary>
    public static void Uuid(string? value, string field)
    {
        if (value is not null && !UuidShape().IsMatch(value))
        {
            throw new ArgumentException($"{field} must be a UUID (was '{value}').", field);
        }
    }

    public static void Uuids(IEnumerable<string?> values, string field)
    {
        foreach (var value in values)
        {
            if (value is null)
            {
                throw new ArgumentException($"{field} must not contain null ids.", field);
            }

            Uuid(value, field);
        }
    }

    /// <summary>The rules of adding a domain: ASCII host names with a TLD only (the server refuses punycode and look-alike characters).</summary>
    public static string Domain(string? domain)
    {
        if (domain is null || domain.Length is < 4 or > 253 || !HostName().IsMatch(domain) || domain.Contains("xn--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{domain}' is not a domain the server accepts: an ASCII host name with a TLD, 4-253 characters, no punycode.", nameof(domain));
        }

        return domain;
    }

    public static void OneOf(string? value, string field, params string[] allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new ArgumentException($"{field} must be one of {string.Join(", ", allowed)} (was '{value}').", field);
        }
    }

    public static void MaxLength(string? value, int max, string field)
    {
        if (value is not null && value.Length > max)
        {
            throw new ArgumentException($"{field} must be at most {max} characters (was {value.Length}).", field);
        }
    }

    public static void Range(int? value, int min, int max, string field) => RequestValidation.Range(value, min, max, field);

    private static void AbsoluteUrl(string? value, string field, bool required = false)
    {
        if (value is null)
        {
            if (required)
            {
                throw new ArgumentException($"{field} is required.", field);
            }

            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"{field} must be an absolute http(s) URL (was '{value}').", field);
        }
    }

    private static void Email(string? value)
    {
        if (value is not null && !EmailShape().IsMatch(value))
        {
            throw new ArgumentException($"contact_email is not an e-mail address (was '{value}').", "contact_email");
        }
    }

    private static string? EmptyAsNull(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // The server's own pattern (no label or TLD length limits of its own).
    [GeneratedRegex(@"^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$")]
    private static partial Regex HostName();

    [GeneratedRegex(@"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")]
    private static partial Regex UuidShape();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();
}
