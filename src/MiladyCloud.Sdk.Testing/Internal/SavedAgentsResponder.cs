using System.Net;
using System.Text.Json;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// <c>/api/my-agents/saved</c>: public characters of other users the caller has chatted with (added through
/// <see cref="MiladyCloudFakeServer.AddSavedAgent"/>), one with the conversation's counts, and removing one with its history.
/// </summary>
internal sealed class SavedAgentsResponder(FakeCharacterStore store)
{
    private const string DeletionWarning = "Removing this agent will permanently delete your conversation history with it.";

    public FakeResponse? Route(FakeCall call)
    {
        if (call.Path == AgentPaths.Saved)
        {
            return call.Method == "GET" ? List() : null;
        }

        if (!FakePaths.TryResource(call.Path, AgentPaths.Saved, out var id, out var rest) || rest.Length > 0)
        {
            return null;
        }

        return call.Method switch
        {
            "GET" => Get(id),
            "DELETE" => Remove(id),
            _ => null,
        };
    }

    /// <summary>Like the service's query: characters the caller wrote to, not the caller's own, still public; latest chat first.</summary>
    private FakeResponse List() => store.Read(all =>
    {
        var saved = all
            .Select(c => (Character: c, Chat: store.ChatWith(c.Id)))
            .Where(s => s.Chat is not null && !s.Character.IsOwnedByCaller && s.Character.IsPublic)
            .OrderByDescending(s => s.Chat!.LastInteraction)
            .ToList();
        return FakeResponse.Json(JsonText.Object(w =>
        {
            w.WriteBoolean("success", true);
            w.WriteStartObject("data");
            w.WriteStartArray("agents");
            foreach (var (character, chat) in saved)
            {
                w.WriteStartObject();
                WriteIdentity(w, character);
                AgentJson.WriteBio(w, character);
                FakeFormat.WriteNullable(w, "owner_name", character.OwnerName);
                // A raw MAX(...) over a timestamp column: the driver passes Postgres's own text on, not ISO-8601.
                w.WriteString("last_interaction_time", FakeFormat.PostgresTimestamp(chat!.LastInteraction));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("count", saved.Count);
            w.WriteEndObject();
        }));
    });

    /// <summary>The service answers for any public character of another user, with zero counts when there was no chat.</summary>
    private FakeResponse Get(string id)
    {
        lock (store.Gate)
        {
            return store.With(
                id,
                c => !c.IsOwnedByCaller && c.IsPublic ? Detail(c, store.ChatWith(c.Id)) : NotAccessible(),
                NotAccessible);
        }
    }

    private static FakeResponse Detail(FakeCharacter character, FakeCharacterStore.SavedChat? chat) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        w.WriteStartObject("data");
        w.WriteStartObject("agent");
        WriteIdentity(w, character);
        w.WriteEndObject();
        w.WriteStartObject("stats");
        w.WriteNumber("message_count", chat?.Messages ?? 0);
        w.WriteNumber("room_count", chat?.Rooms ?? 0);
        w.WriteEndObject();
        w.WriteString("deletion_warning", DeletionWarning);
        w.WriteEndObject();
    }));

    /// <summary>Deletes the caller's messages and rooms with the agent; the agent itself stays (it belongs to someone else).</summary>
    private FakeResponse Remove(string id)
    {
        lock (store.Gate)
        {
            return store.With(
                id,
                c => c.IsOwnedByCaller ? NotRemovable() : Removed(store.ForgetChat(c.Id)),
                NotRemovable);
        }
    }

    private static FakeResponse Removed(FakeCharacterStore.SavedChat? chat) => FakeResponse.Json(JsonText.Object(w =>
    {
        w.WriteBoolean("success", true);
        w.WriteStartObject("data");
        w.WriteString("message", "Saved agent removed successfully");
        w.WriteStartObject("deleted");
        w.WriteNumber("memories", chat?.Messages ?? 0);
        w.WriteNumber("participants", chat?.Rooms ?? 0);
        w.WriteNumber("rooms", chat?.Rooms ?? 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }));

    private static void WriteIdentity(Utf8JsonWriter w, FakeCharacter c)
    {
        w.WriteString("id", c.Id);
        w.WriteString("name", c.Name);
        w.WriteString("username", c.Username);
        FakeFormat.WriteNullable(w, "avatar_url", c.AvatarUrl);
        w.WriteString("owner_id", c.OwnerUserId);
    }

    private static FakeResponse NotAccessible() => FakeFormat.Failure(HttpStatusCode.NotFound, "Agent not found or not accessible");

    private static FakeResponse NotRemovable() => FakeFormat.Failure(HttpStatusCode.NotFound, "Agent not found or you own this agent");
}
