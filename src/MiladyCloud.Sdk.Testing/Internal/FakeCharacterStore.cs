namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// Every character the fake knows: the caller's own and public characters of other users the caller has chatted with
/// (its saved agents). Every read or change happens under <see cref="Gate"/>.
/// </summary>
internal sealed class FakeCharacterStore
{
    private readonly List<FakeCharacter> _characters = [];
    private readonly Dictionary<string, SavedChat> _chats = new(StringComparer.Ordinal);

    public object Gate { get; } = new();

    /// <summary>Calls <paramref name="action"/> with the character under the lock, or returns <paramref name="notFound"/>.</summary>
    public T With<T>(string id, Func<FakeCharacter, T> action, Func<T> notFound)
    {
        lock (Gate)
        {
            return _characters.FirstOrDefault(c => c.Id == id) is { } character ? action(character) : notFound();
        }
    }

    /// <summary>Runs <paramref name="read"/> over every character, oldest first, under the lock.</summary>
    public T Read<T>(Func<IReadOnlyList<FakeCharacter>, T> read)
    {
        lock (Gate)
        {
            return read(_characters);
        }
    }

    public void Add(FakeCharacter character)
    {
        lock (Gate)
        {
            _characters.Add(character);
        }
    }

    /// <summary>Adds a character of another user and the caller's conversation with it.</summary>
    public void AddSaved(FakeCharacter character, SavedChat chat)
    {
        lock (Gate)
        {
            _characters.Add(character);
            _chats[character.Id] = chat;
        }
    }

    public bool Remove(string id)
    {
        lock (Gate)
        {
            _chats.Remove(id);
            return _characters.RemoveAll(c => c.Id == id) > 0;
        }
    }

    /// <summary>The caller's conversation with a character of another user; call under <see cref="Gate"/>.</summary>
    public SavedChat? ChatWith(string id) => _chats.GetValueOrDefault(id);

    /// <summary>Forgets the caller's conversation with a character; call under <see cref="Gate"/>.</summary>
    public SavedChat? ForgetChat(string id) => _chats.Remove(id, out var chat) ? chat : null;

    /// <summary>Whether a username is taken (or reserved); call under <see cref="Gate"/>.</summary>
    public bool IsUsernameTaken(string username)
        => FakeUsernames.IsReserved(username) || _characters.Any(c => c.Username == username);

    /// <summary>What the caller said to a saved agent: the real service counts memories and rooms.</summary>
    internal sealed record SavedChat(int Messages, int Rooms, DateTimeOffset LastInteraction);
}
