using System.Net;
using System.Text;
using CsCheck;
using static MiladyCloud.Sdk.Tests.Reliability.Infrastructure.Faults;

namespace MiladyCloud.Sdk.Tests.Reliability.Fuzzing;

/// <summary>
/// Transport failures whose text quotes the credentials, as the socket handler's do when a server or proxy echoes
/// them in a status line, a header line or a chunk header: mutated texts, every exception type and nesting the
/// handler produces, before the headers and part-way through a JSON body or a stream. The property: the call ends
/// in a <see cref="MiladyCloudException"/> and no text it carries (message, ToString, each exception of the chain)
/// holds a credential in any case, URL-encoded or hex-dumped.
/// </summary>
[Category("Fuzz")]
public class TransportTextFuzzTests
{
    private const string Key = "eliza_5ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e7";
    private const string Session = "privy+session/5ec2e7=token.value";

    private static readonly string[] Secrets =
    [
        Key[6..], Session, Uri.EscapeDataString(Session), WebUtility.UrlEncode(Session),
        Hex(Key[6..]), Hex(Key[6..].ToUpperInvariant()), Hex(Session), Hex(Session.ToUpperInvariant()),
    ];

    /// <summary>How the socket handler quotes what it received, with the credentials in every form an echo takes.</summary>
    private static readonly string[] Templates =
    [
        .. new[]
        {
            "Received an invalid header line: 'X-Echo {0}'.",
            "Received an invalid status line: '{0} 200 OK'.",
            "Received chunk header length could not be parsed: '{1}'.",
            "Received an invalid chunk extension: '{2}'.",
            "The redirect to 'https://{0}:{4}@elsewhere.example/v1' was refused.",
            "Unable to read data from the transport connection: Bearer {3}.",
        }.SelectMany(template => new[] { Key, Key.ToUpperInvariant(), Key[6..].ToUpperInvariant(), Session, Uri.EscapeDataString(Session).ToUpperInvariant() }
            .Select(form => string.Format(System.Globalization.CultureInfo.InvariantCulture, template, form, form.ToLowerInvariant(), Hex(form[1..]), form, Uri.EscapeDataString(Session)))),
    ];

    [Test]
    public async Task Transport_failures_quoting_the_credentials_never_reveal_them()
    {
        using var json = Client("application/json");
        using var stream = Client("text/event-stream");
        var inputs = Gen.Select(Gen.Byte, Mutations.Of(Templates), (selector, text) => (byte[])[selector, .. text]);

        await FuzzRunner.RunAsync(inputs, async input =>
        {
            FailingTransportHandler.Use(input);
            foreach (var call in new Func<Task>[] { () => json.Chat.CreateAsync(ChatRequest()), () => stream.Chat.StreamAsync(ChatRequest()).ToCompletionAsync() })
            {
                var outcome = await OutcomeAsync(call());
                Assert.That(outcome, Is.InstanceOf<MiladyCloudException>());
                for (var current = outcome; current is not null; current = current.InnerException)
                {
                    AssertNoCredential(current.Message);
                    AssertNoCredential(current.ToString());
                }
            }
        }, ciIterations: 800);
    }

    private static MiladyCloudClient Client(string mediaType)
        => new(new MiladyCloudClientOptions { ApiKey = Key, SessionToken = Session, MaxRetries = 0, HoldWhenRateLimitExhausted = false }, new FailingTransportHandler(mediaType));

    private static void AssertNoCredential(string text)
    {
        foreach (var secret in Secrets)
        {
            Assert.That(text.Contains(secret, StringComparison.OrdinalIgnoreCase), Is.False, $"a credential leaked: {text}");
        }
    }

    private static string Hex(string text) => BitConverter.ToString(Encoding.UTF8.GetBytes(text));
}
