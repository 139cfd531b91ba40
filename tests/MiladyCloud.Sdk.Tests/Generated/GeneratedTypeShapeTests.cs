using System.Reflection;
using System.Text.Json.Serialization;
using MiladyCloud.Sdk.Models;

namespace MiladyCloud.Sdk.Tests.Generated;

/// <summary>The generated types must read as hand-written ones.</summary>
public class GeneratedTypeShapeTests
{
    private static readonly Type[] ModelTypes = typeof(ChatCompletion).Assembly.GetExportedTypes()
        .Where(t => t.Namespace == "MiladyCloud.Sdk.Models")
        .ToArray();

    [Test]
    public void No_public_type_or_member_name_contains_an_underscore()
    {
        var offenders = ModelTypes
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is not MethodInfo { IsSpecialName: true } && !m.Name.StartsWith("op_", StringComparison.Ordinal))
                .Select(m => $"{t.Name}.{m.Name}")
                .Append(t.Name))
            .Where(name => name.Contains('_', StringComparison.Ordinal))
            .ToList();

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void Every_serialized_property_names_its_exact_wire_name()
    {
        var unnamed = ModelTypes
            .Where(t => t.GetCustomAttribute<System.CodeDom.Compiler.GeneratedCodeAttribute>()?.Tool == "NJsonSchema" && t.IsClass)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is null && p.GetCustomAttribute<JsonExtensionDataAttribute>() is null && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.That(unnamed, Is.Empty);
    }

    [Test]
    public void Growing_values_are_extensible_value_types_not_enums()
    {
        Assert.That(ModelTypes.Where(t => t.IsEnum), Is.Empty, "a closed enum throws on a value the server adds later");
        Assert.That(default(ChatFinishReason).FromWireForTest("brand_new").Value, Is.EqualTo("brand_new"));
    }

    [Test]
    public void Required_wire_fields_are_required_members_and_optional_ones_are_nullable()
    {
        var required = typeof(ChatCompletionRequest).GetProperty(nameof(ChatCompletionRequest.Model))!;
        var optional = typeof(ChatCompletionRequest).GetProperty(nameof(ChatCompletionRequest.Temperature))!;
        var nullability = new NullabilityInfoContext();

        Assert.Multiple(() =>
        {
            Assert.That(required.GetCustomAttributes().Any(a => a.GetType().Name == "RequiredMemberAttribute"), Is.True);
            Assert.That(nullability.Create(required).ReadState, Is.EqualTo(NullabilityState.NotNull));
            Assert.That(Nullable.GetUnderlyingType(optional.PropertyType), Is.EqualTo(typeof(double)));
            Assert.That(nullability.Create(typeof(ChatCompletionRequest).GetProperty(nameof(ChatCompletionRequest.User))!).ReadState, Is.EqualTo(NullabilityState.Nullable));
        });
    }
}

internal static class ExtensibleValueTestExtensions
{
    public static T FromWireForTest<T>(this T _, string value)
        where T : struct, IExtensibleValue<T> => T.FromWire(value);

}
