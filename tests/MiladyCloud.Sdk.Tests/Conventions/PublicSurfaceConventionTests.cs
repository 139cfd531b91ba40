using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace MiladyCloud.Sdk.Tests.Conventions;

/// <summary>
/// The house rules of CONTRIBUTING.md, checked over the public surface by reflection (as Octokit does): async naming
/// and cancellation, mockable clients, documented members, nothing public in <c>Internal</c>, the agreed namespaces,
/// exception names, parameter names and the paging pattern.
/// </summary>
public class PublicSurfaceConventionTests
{
    private static readonly Assembly Sdk = typeof(MiladyCloudClient).Assembly;

    private static readonly string[] PublicNamespaces = ["MiladyCloud.Sdk", "Microsoft.Extensions.DependencyInjection"];

    private static IEnumerable<Type> PublicTypes() => Sdk.GetExportedTypes();

    /// <summary>The clients: the entry point and every category client (what users call and mock).</summary>
    private static IEnumerable<Type> Clients()
        => PublicTypes().Where(t => t == typeof(MiladyCloudClient) || typeof(CategoryClient).IsAssignableFrom(t) && !t.IsAbstract);

    private static IEnumerable<MethodInfo> AsyncMethods(Type type)
        => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && IsAsync(m.ReturnType));

    private static bool IsAsync(Type returnType)
        => typeof(Task).IsAssignableFrom(returnType)
            || (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
            || returnType == typeof(ValueTask)
            || returnType.GetInterfaces().Append(returnType).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>));

    [Test]
    public void Public_async_methods_end_in_Async_and_take_an_optional_cancellation_token_last()
    {
        var offenders = new List<string>();
        foreach (var type in PublicTypes())
        {
            foreach (var method in AsyncMethods(type).Where(m => m.DeclaringType!.Assembly == Sdk))
            {
                var parameters = method.GetParameters();
                var last = parameters.LastOrDefault();
                if (!method.Name.EndsWith("Async", StringComparison.Ordinal))
                {
                    offenders.Add($"{type.Name}.{method.Name}: name does not end in Async");
                }

                if (last is null || last.ParameterType != typeof(CancellationToken) || last.Name != "cancellationToken" || !last.HasDefaultValue)
                {
                    offenders.Add($"{type.Name}.{method.Name}: CancellationToken cancellationToken = default is not the last parameter");
                }
            }
        }

        Assert.That(offenders, Is.Empty, string.Join("\n", offenders));
    }

    [Test]
    public void Every_exception_is_prefixed_MiladyCloud()
    {
        var offenders = PublicTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !t.Name.StartsWith("MiladyCloud", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();

        Assert.That(offenders, Is.Empty, "CONTRIBUTING: every exception is named MiladyCloud...Exception");
    }

    [Test]
    public void No_request_parameter_is_named_options_and_no_options_type_is_named_request()
    {
        var offenders = new List<string>();
        foreach (var method in Clients().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
        {
            foreach (var parameter in method.GetParameters())
            {
                var typeName = (Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType).Name;
                if (parameter.Name == "options" && !typeName.EndsWith("Options", StringComparison.Ordinal))
                {
                    offenders.Add($"{method.DeclaringType!.Name}.{method.Name}: a {typeName} named options");
                }

                if (typeName.EndsWith("Options", StringComparison.Ordinal) && parameter.Name != "options")
                {
                    offenders.Add($"{method.DeclaringType!.Name}.{method.Name}: a {typeName} named {parameter.Name}");
                }
            }
        }

        Assert.That(offenders, Is.Empty, string.Join("\n", offenders));
    }

    [Test]
    public void Every_ListAllAsync_takes_the_list_options_of_its_ListAsync()
    {
        // ListAllXxxAsync pairs with ListXxxAsync (ListAllAsync with ListAsync): the same parameters, one of them the
        // XxxListOptions, and an IAsyncEnumerable of the items.
        var offenders = new List<string>();
        foreach (var client in Clients())
        {
            var methods = client.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
            foreach (var listAll in methods.Where(m => m.Name.StartsWith("ListAll", StringComparison.Ordinal)))
            {
                var parameters = listAll.GetParameters().Select(p => p.ParameterType).ToList();
                var pageName = "List" + listAll.Name["ListAll".Length..];
                var page = methods.SingleOrDefault(m => m.Name == pageName && m.GetParameters().Select(p => p.ParameterType).SequenceEqual(parameters));
                var streams = listAll.ReturnType.IsGenericType && listAll.ReturnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>);
                if (page is null || !streams || !parameters.Any(IsListOptions))
                {
                    offenders.Add($"{client.Name}.{listAll.Name}: not (..., XxxListOptions? options, CancellationToken) shared with {pageName}, returning IAsyncEnumerable");
                }
            }
        }

        Assert.That(offenders, Is.Empty, string.Join("\n", offenders));
    }

    [Test]
    public void Every_paged_list_takes_list_options_and_has_a_ListAll()
    {
        // A window parameter (limit with offset, or page) on a list method means the route pages: the window belongs in
        // XxxListOptions, and a ListAllXxxAsync walks the pages.
        var offenders = new List<string>();
        foreach (var client in Clients())
        {
            var methods = client.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
            foreach (var list in methods.Where(m => m.Name.StartsWith("List", StringComparison.Ordinal) && !m.Name.StartsWith("ListAll", StringComparison.Ordinal)))
            {
                var names = list.GetParameters().Select(p => p.Name).ToHashSet();
                if (names.Contains("offset") || names.Contains("page"))
                {
                    offenders.Add($"{client.Name}.{list.Name}: takes a window ({string.Join(", ", names)}) instead of XxxListOptions");
                }

                var takesOptions = list.GetParameters().Any(p => IsListOptions(p.ParameterType));
                if (takesOptions && !methods.Any(m => m.Name == "ListAll" + list.Name["List".Length..]))
                {
                    offenders.Add($"{client.Name}.{list.Name}: takes list options but has no ListAll{list.Name["List".Length..]}");
                }
            }
        }

        Assert.That(offenders, Is.Empty, string.Join("\n", offenders));
    }

    private static bool IsListOptions(Type type) => type.Name.EndsWith("ListOptions", StringComparison.Ordinal);

    [Test]
    public void Clients_are_mockable_without_interfaces()
    {
        var offenders = new List<string>();
        foreach (var client in Clients())
        {
            if (client.IsSealed)
            {
                offenders.Add($"{client.Name} is sealed");
            }

            if (client.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes) is not { IsFamily: true })
            {
                offenders.Add($"{client.Name} has no protected parameterless constructor");
            }

            var members = client.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name is not ("Dispose" or "ToString" or "GetHashCode" or "Equals" or "GetType"));
            offenders.AddRange(members.Where(m => !m.IsVirtual || m.IsFinal).Select(m => $"{client.Name}.{m.Name} is not virtual"));
        }

        Assert.That(Clients().Count(), Is.GreaterThan(10));
        Assert.That(offenders, Is.Empty, string.Join("\n", offenders));
    }

    [Test]
    public void Nothing_in_Internal_is_public_and_public_types_use_the_agreed_namespaces()
    {
        var offenders = PublicTypes()
            .Where(t => t.Namespace is null || t.Namespace.Contains("Internal", StringComparison.Ordinal) || !PublicNamespaces.Contains(t.Namespace))
            .Select(t => t.FullName!)
            .ToList();

        Assert.That(offenders, Is.Empty, string.Join("\n", offenders));
    }

    [Test]
    public void Every_public_member_has_XML_docs()
    {
        var docs = XDocument.Load(Path.ChangeExtension(Sdk.Location, ".xml"));
        var documented = docs.Descendants("member").Select(m => (string)m.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var missing = PublicTypes()
            .Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute)))
            .SelectMany(t => new[] { "T:" + t.FullName }.Concat(t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && !m.IsDefined(typeof(CompilerGeneratedAttribute)) && m.GetBaseDefinition().DeclaringType == t && !IsRecordPlumbing(m))
                .Select(m => "M:" + t.FullName + "." + m.Name)))
            .Where(id => !documented.Any(d => d == id || d.StartsWith(id + "(", StringComparison.Ordinal) || d.StartsWith(id + "``", StringComparison.Ordinal)))
            .ToList();

        Assert.That(missing, Is.Empty, string.Join("\n", missing));
    }

    /// <summary>Members the compiler writes for a record (equality, printing, deconstruction).</summary>
    private static bool IsRecordPlumbing(MethodInfo method)
        => method.Name is "Deconstruct" or "PrintMembers" or "<Clone>$" || method.DeclaringType!.GetMethod("<Clone>$") is not null && method.Name is "Equals" or "GetHashCode" or "ToString";
}
