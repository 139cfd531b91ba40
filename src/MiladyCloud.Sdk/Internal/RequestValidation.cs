namespace MiladyCloud.Sdk.Internal;

/// <summary>Small argument checks with messages that say which field and which range.</summary>
internal static class RequestValidation
{
    public static void Range(double? value, double min, double max, string field)
    {
        if (value is { } v && (double.IsNaN(v) || v < min || v > max))
        {
            throw new ArgumentException($"{field} must be between {min} and {max} (was {v}).", field);
        }
    }

    public static void AtLeast(int? value, int min, string field)
    {
        if (value is { } v && v < min)
        {
            throw new ArgumentException($"{field} must be at least {min} (was {v}).", field);
        }
    }

    public static void Required(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{field} is required.", field);
        }
    }

    public static void NotEmpty<T>(ICollection<T>? items, string field)
    {
        if (items is null || items.Count == 0)
        {
            throw new ArgumentException($"{field} must contain at least one item.", field);
        }
    }
}
