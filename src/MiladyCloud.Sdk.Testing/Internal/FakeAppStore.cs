namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>The organization's apps; every read or change of an app happens under <see cref="Gate"/>.</summary>
internal sealed class FakeAppStore
{
    private readonly Dictionary<string, FakeApp> _apps = new(StringComparer.Ordinal);

    public object Gate { get; } = new();

    /// <summary>Calls <paramref name="action"/> with the app under the lock, or returns <paramref name="notFound"/>.</summary>
    public T With<T>(string id, Func<FakeApp, T> action, Func<T> notFound)
    {
        lock (Gate)
        {
            return _apps.TryGetValue(id, out var app) ? action(app) : notFound();
        }
    }

    public void Add(FakeApp app)
    {
        lock (Gate)
        {
            _apps[app.Id] = app;
        }
    }

    public bool Remove(string id)
    {
        lock (Gate)
        {
            return _apps.Remove(id);
        }
    }

    /// <summary>Runs <paramref name="read"/> over every app, oldest first, under the lock.</summary>
    public T Read<T>(Func<IEnumerable<FakeApp>, T> read)
    {
        lock (Gate)
        {
            return read(_apps.Values.OrderBy(a => a.CreatedAt).ToList());
        }
    }
}
