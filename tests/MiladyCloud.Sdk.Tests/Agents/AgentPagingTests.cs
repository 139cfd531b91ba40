using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Agents;

public class AgentPagingTests
{
    private FakeApi _api = null!;

    [SetUp]
    public void SetUp()
    {
        _api = new FakeApi();
        Page(1, hasMore: true, "a", "b");
        Page(2, hasMore: true, "c", "d");
        Page(3, hasMore: false, "e");
        // A page beyond the last one: reading it would be a bug.
        Page(4, hasMore: false, "never");
    }

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task ListAllAsync_walks_every_page_in_order_and_stops_at_the_last()
    {
        var names = new List<string>();
        await foreach (var agent in _api.Client.Agents.ListAllAsync(new AgentListOptions { Limit = 2, Search = "x" }))
        {
            names.Add(agent.Name);
        }

        Assert.That(names, Is.EqualTo(new[] { "a", "b", "c", "d", "e" }));
        Assert.That(_api.Server.LogEntries.Select(e => e.RequestMessage!.RawQuery), Is.EqualTo(new[]
        {
            "?search=x&page=1&limit=2",
            "?search=x&page=2&limit=2",
            "?search=x&page=3&limit=2",
        }));
    }

    [Test]
    public async Task ListAllAsync_is_lazy_and_starts_at_the_requested_page()
    {
        var walk = _api.Client.Agents.ListAllAsync(new AgentListOptions { Page = 2, Limit = 2 });
        Assert.That(_api.Server.LogEntries, Is.Empty, "nothing is fetched before iteration");

        await using var enumerator = walk.GetAsyncEnumerator();
        Assert.That(await enumerator.MoveNextAsync(), Is.True);
        Assert.That(enumerator.Current.Name, Is.EqualTo("c"));
        Assert.That(_api.Server.LogEntries, Has.Count.EqualTo(1), "the next page is fetched only when needed");
    }

    [Test]
    public void ListAllAsync_honours_cancellation_in_the_middle_of_a_walk()
    {
        using var cts = new CancellationTokenSource();
        var seen = new List<string>();

        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var agent in _api.Client.Agents.ListAllAsync(new AgentListOptions { Limit = 2 }).WithCancellation(cts.Token))
            {
                seen.Add(agent.Name);
                if (agent.Name == "b")
                {
                    cts.Cancel();
                }
            }
        });

        Assert.That(seen, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(_api.Server.LogEntries, Has.Count.EqualTo(1), "no page is fetched after cancellation");
    }

    [Test]
    public void The_token_passed_to_ListAllAsync_also_cancels_the_walk()
    {
        using var cts = new CancellationTokenSource();
        var seen = new List<string>();

        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var agent in _api.Client.Agents.ListAllAsync(new AgentListOptions { Limit = 2 }, cts.Token))
            {
                seen.Add(agent.Name);
                cts.Cancel();
            }
        });

        Assert.That(seen, Is.EqualTo(new[] { "a" }));
        Assert.That(_api.Server.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public void Cancelling_while_a_page_is_in_flight_aborts_that_request()
    {
        using var cts = new CancellationTokenSource();
        var handler = new PageThenHangHandler(cts);
        using var client = new MiladyCloudClient(new HttpClient(handler), new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey, MaxRetries = 0 });
        var seen = new List<string>();

        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var agent in client.Agents.ListAllAsync(cancellationToken: cts.Token))
            {
                seen.Add(agent.Name);
            }
        });

        Assert.That(seen, Is.EqualTo(new[] { "a" }));
        Assert.That(handler.Calls, Is.EqualTo(2));
        Assert.That(handler.SecondCallSawCancellation, Is.True, "the caller's token reaches the HTTP call itself");
    }

    /// <summary>Answers page 1, then cancels the caller's token while page 2 is in flight and waits for that token.</summary>
    private sealed class PageThenHangHandler(CancellationTokenSource caller) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        public bool SecondCallSawCancellation { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (++Calls == 1)
            {
                return new HttpResponseMessage(System.Net.HttpStatusCode.OK)
                {
                    Content = new StringContent("""{"success":true,"data":{"characters":[{"id":"a","name":"a"}],"pagination":{"page":1,"limit":1,"totalPages":2,"totalCount":2,"hasMore":true}}}"""),
                };
            }

            await caller.CancelAsync();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                SecondCallSawCancellation = true;
                throw;
            }

            throw new InvalidOperationException("unreachable");
        }
    }

    private void Page(int page, bool hasMore, params string[] names)
    {
        var items = string.Join(',', names.Select(n => $$"""{"id":"{{n}}","name":"{{n}}"}"""));
        _api.Server.Given(Request.Create().WithPath("/api/my-agents/characters").WithParam("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)).UsingGet())
            .RespondWith(Response.Create().WithBody($$$"""
                {"success":true,"data":{"characters":[{{{items}}}],"pagination":{"page":{{{page}}},"limit":2,"totalPages":3,"totalCount":5,"hasMore":{{{(hasMore ? "true" : "false")}}} } } }
                """));
    }
}
