using System.Collections.Concurrent;

namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// The fake's in-memory state that several routes share (the dashboard shows characters and containers, the credit
/// summary shows apps and the ledger, app chats spend the balance), and the routes over the account, credits, keys,
/// jobs, apps, app credits, the gallery and crypto payments.
/// </summary>
internal sealed class FakeStores
{
    private readonly FakeKeyRing _keys = new();
    private readonly CreditsResponder _credits;
    private readonly ApiKeysResponder _apiKeys;
    private readonly AccountResponder _account;
    private readonly AppsResponder _apps;
    private readonly AppCreditsResponder _appCredits;
    private readonly GalleryResponder _gallery;
    private readonly CryptoPaymentsResponder _crypto;

    public FakeStores(FakeReplies replies, TimeProvider clock, string apiKey)
    {
        var ledger = new FakeLedger(replies, clock);
        Agents = new AgentsResponder(clock);
        Containers = new ContainersResponder(replies, ledger, clock);
        Jobs = new JobsResponder(clock);
        var apps = new FakeAppStore();
        var billing = new BillingResponder(ledger);
        _credits = new CreditsResponder(ledger, billing, new CreditSummaryWriter(ledger, billing, Agents, apps), clock);
        _apiKeys = new ApiKeysResponder(_keys, clock, apiKey);
        _account = new AccountResponder(ledger, Agents, Containers, Journal, clock);
        _apps = new AppsResponder(apps, _keys, ledger, replies, Agents, clock);
        _appCredits = new AppCreditsResponder(apps);
        _gallery = new GalleryResponder(clock);
        _crypto = new CryptoPaymentsResponder(clock);
    }

    public ConcurrentQueue<RecordedRequest> Journal { get; } = new();

    public AgentsResponder Agents { get; }

    public ContainersResponder Containers { get; }

    public JobsResponder Jobs { get; }

    /// <summary>Whether a key minted by the fake (an app's key, a created key) is currently valid.</summary>
    public bool IsMintedKey(string key) => _keys.Contains(key);

    public FakeResponse? Route(FakeCall call)
        => _apps.Route(call) ?? _appCredits.Route(call) ?? _gallery.Route(call) ?? _crypto.Route(call) ?? _apiKeys.Route(call) ?? _credits.Route(call) ?? _account.Route(call) ?? Jobs.Route(call) ?? Containers.Route(call);
}
