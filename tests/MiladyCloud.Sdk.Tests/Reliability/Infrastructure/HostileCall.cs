namespace MiladyCloud.Sdk.Tests.Reliability.Infrastructure;

/// <summary>The call a <see cref="HostileCase"/> answers.</summary>
internal enum HostileCall
{
    /// <summary><c>Chat.CreateAsync</c>: a credit-consuming JSON POST.</summary>
    Chat,

    /// <summary><c>Chat.StreamAsync</c>, read to its end.</summary>
    ChatStream,

    /// <summary><c>Models.ListAsync</c>: a GET, retried on 429 and 5xx.</summary>
    ModelList,

    /// <summary>The text-to-speech adapter's <c>GetAudioAsync</c>, which holds the whole audio.</summary>
    SpeechBytes,

    /// <summary><c>Voice.CreateSpeechAsync</c>, its raw audio stream copied to nowhere.</summary>
    SpeechStream,
}
