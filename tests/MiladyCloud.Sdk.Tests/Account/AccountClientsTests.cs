using System.Text.Json;
using MiladyCloud.Sdk.Models;
using MiladyCloud.Sdk.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace MiladyCloud.Sdk.Tests.Account;

public class AccountClientsTests : WireMockClientTests
{
    [Test]
    public async Task Jobs_GetAsync_maps_the_job_and_the_polling_advice()
    {
        Respond("/api/v1/jobs/*", "GET", """
            {"success":true,"data":{"id":"6f1c2b3a-1d2e-4f50-8a9b-0c1d2e3f4a51","type":"milady_provision","status":"in_progress","result":null,"error":null,"attempts":1,"maxAttempts":3,
             "estimatedCompletionAt":"e","scheduledFor":"s","startedAt":"st","completedAt":null,"createdAt":"c","updatedAt":"u"},
             "polling":{"intervalMs":5000,"shouldContinue":true}}
            """);

        var response = await Api.Client.Jobs.GetAsync("6f1c2b3a-1d2e-4f50-8a9b-0c1d2e3f4a51");

        var job = response.Data;
        Assert.Multiple(() =>
        {
            Assert.That((job.Id, job.Type, job.Status, job.Error, job.Attempts, job.MaxAttempts), Is.EqualTo(("6f1c2b3a-1d2e-4f50-8a9b-0c1d2e3f4a51", "milady_provision", JobStatus.InProgress, (string?)null, (int?)1, (int?)3)));
            Assert.That(job.Result is null || job.Result.Value.ValueKind == JsonValueKind.Null, Is.True);
            Assert.That((job.EstimatedCompletionAt, job.ScheduledFor, job.StartedAt, job.CompletedAt, job.CreatedAt, job.UpdatedAt), Is.EqualTo(("e", "s", "st", (string?)null, "c", "u")));
            Assert.That((response.Polling!.IntervalMs, response.Polling.ShouldContinue), Is.EqualTo(((long?)5000, true)));
        });
        var sent = Sent();
        Assert.That(sent.Method, Is.EqualTo("GET"));
        Assert.That(sent.AbsoluteUrl, Does.EndWith("/api/v1/jobs/6f1c2b3a-1d2e-4f50-8a9b-0c1d2e3f4a51"));
        Assert.That(sent.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + FakeApi.ApiKey));
    }

    [Test]
    public async Task Jobs_GetAsync_keeps_a_completed_result_object()
    {
        Respond("/api/v1/jobs/6f1c2b3a-1d2e-4f50-8a9b-0c1d2e3f4a52", "GET", """{"success":true,"data":{"id":"6f1c2b3a-1d2e-4f50-8a9b-0c1d2e3f4a52","type":"milady_provision","status":"completed","result":{"agentId":"a-1"}},"polling":{"shouldContinue":false}}""");

        var response = await Api.Client.Jobs.GetAsync("6f1c2b3a-1d2e-4f50-8a9b-0c1d2e3f4a52");

        Assert.That(response.Data.Status, Is.EqualTo(JobStatus.Completed));
        Assert.That(response.Data.Result!.Value.GetProperty("agentId").GetString(), Is.EqualTo("a-1"));
        Assert.That((response.Polling!.ShouldContinue, response.Polling.IntervalMs), Is.EqualTo((false, (long?)null)));
    }

    [Test]
    public void Jobs_GetAsync_not_found_and_bad_ids()
    {
        Respond("/api/v1/jobs/6f1c2b3a-1d2e-4f50-8a9b-0c1d2e3f4a53", "GET", """{"success":false,"error":"Job not found"}""", 404);

        Assert.ThrowsAsync<MiladyCloudNotFoundException>(() => Api.Client.Jobs.GetAsync("6f1c2b3a-1d2e-4f50-8a9b-0c1d2e3f4a53"));
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Jobs.GetAsync(".."));
        var notUuid = Assert.ThrowsAsync<ArgumentException>(() => Api.Client.Jobs.GetAsync("job-1"), "the service answers 500 to an id that is not a UUID");
        Assert.That(notUuid!.Message, Does.Contain("UUID"));
        Assert.That(Api.Server.LogEntries.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Dashboard_GetAsync_maps_every_field()
    {
        Respond("/api/v1/dashboard", "GET", """
            {"user":{"name":"Ada"},"stats":{"totalGenerations":42,"apiCalls24h":120,"imageGenerations":30,"videoGenerations":2},
             "onboarding":{"hasAgents":true,"hasApiKey":true,"hasChatHistory":false},
             "agents":[{"id":"a-1","name":"My Assistant","bio":["line"],"avatarUrl":null,"category":"support","isPublic":false,
                        "stats":{"roomCount":3,"messageCount":57,"deploymentStatus":"deployed","lastActiveAt":"2026-04-26T18:00:00.000Z"}},
                       {"id":"a-2","name":"Bare"}],
             "containers":[{"id":"c-1","name":"runtime","description":null,"status":"running","ecs_service_arn":"arn","load_balancer_url":"https://lb",
                            "port":3000,"desired_count":1,"cpu":1792,"memory":1792,"last_deployed_at":"d","created_at":"c","error_message":null}]}
            """);

        var d = await Api.Client.Dashboard.GetAsync();

        var agent = d.Agents[0];
        var container = d.Containers.Single();
        Assert.Multiple(() =>
        {
            Assert.That(d.User.Name, Is.EqualTo("Ada"));
            Assert.That((d.Stats.TotalGenerations, d.Stats.ApiCalls24h, d.Stats.ImageGenerations, d.Stats.VideoGenerations), Is.EqualTo((42L, 120L, 30L, 2L)));
            Assert.That((d.Onboarding.HasAgents, d.Onboarding.HasApiKey, d.Onboarding.HasChatHistory), Is.EqualTo((true, true, false)));
            Assert.That((agent.Id, agent.Name, agent.AvatarUrl, agent.Category, agent.IsPublic), Is.EqualTo(("a-1", "My Assistant", (string?)null, "support", (bool?)false)));
            Assert.That(agent.Bio!.Items, Is.EqualTo(new[] { "line" }));
            Assert.That((agent.Stats!.RoomCount, agent.Stats.MessageCount, agent.Stats.DeploymentStatus, agent.Stats.LastActiveAt),
                Is.EqualTo(((long?)3, (long?)57, "deployed", "2026-04-26T18:00:00.000Z")));
            Assert.That(d.Agents[1].Stats, Is.Null);
            Assert.That((container.Id, container.Name, container.Status, container.EcsServiceArn, container.LoadBalancerUrl, container.Port, container.DesiredCount, container.Cpu, container.Memory),
                Is.EqualTo(("c-1", "runtime", "running", "arn", "https://lb", (int?)3000, (int?)1, (int?)1792, (int?)1792)));
            Assert.That((container.LastDeployedAt, container.CreatedAt, container.ErrorMessage, container.Description), Is.EqualTo(("d", "c", (string?)null, (string?)null)));
        });
        Assert.That(Sent().Method, Is.EqualTo("GET"));
    }

    [Test]
    public async Task Dashboard_GetAsync_reads_a_bio_that_is_one_string_next_to_one_that_is_a_list()
    {
        // The web dashboard stores a character's bio as one string, the agents route as a list; the dashboard passes either through.
        Respond("/api/v1/dashboard", "GET", """
            {"user":{"name":"Ada"},"stats":{"totalGenerations":0,"apiCalls24h":0,"imageGenerations":0,"videoGenerations":0},
             "onboarding":{"hasAgents":true,"hasApiKey":true,"hasChatHistory":false},
             "agents":[{"id":"a-1","name":"Made in the web app","bio":"One line of bio.","avatarUrl":null,"category":null,"isPublic":false,
                        "stats":{"roomCount":0,"messageCount":0,"deploymentStatus":"draft","lastActiveAt":null}},
                       {"id":"a-2","name":"Made by the API","bio":["First paragraph.","Second paragraph."],"avatarUrl":null,"category":null,"isPublic":false,
                        "stats":{"roomCount":0,"messageCount":0,"deploymentStatus":"draft","lastActiveAt":null}}],
             "containers":[]}
            """);

        var d = await Api.Client.Dashboard.GetAsync();

        var (text, list) = (d.Agents[0].Bio!, d.Agents[1].Bio!);
        Assert.Multiple(() =>
        {
            Assert.That(text, Is.TypeOf<AgentBio>());
            Assert.That((text.IsText, text.Text, text.Items), Is.EqualTo((true, "One line of bio.", (IList<string>?)null)));
            Assert.That((list.IsText, list.Text), Is.EqualTo((false, (string?)null)));
            Assert.That(list.Items, Is.EqualTo(new[] { "First paragraph.", "Second paragraph." }));
        });
    }

    [Test]
    public void Dashboard_undefined_500_keeps_the_raw_body()
    {
        Respond("/api/v1/dashboard", "GET", "Internal Server Error", 500);

        var ex = Assert.CatchAsync<MiladyCloudApiException>(() => Api.Client.Dashboard.GetAsync());

        Assert.That(ex!.RawBody, Is.EqualTo("Internal Server Error"));
    }

    [Test]
    public async Task User_GetAsync_maps_every_field_and_reads_the_text_balance()
    {
        Respond("/api/v1/user", "GET", """
            {"success":true,"data":{"id":"u-1","email":"ada@example.com","name":"Ada","avatar":"https://img/a.png","nickname":"ada","work_function":"developer",
             "preferences":"dark","response_notifications":true,"email_notifications":false,"role":"owner","email_verified":true,"wallet_address":"0xabc",
             "wallet_chain_type":"evm","wallet_verified":false,"is_active":true,"created_at":"c","updated_at":"u",
             "organization":{"id":"org-1","name":"My Org","slug":"my-org","credit_balance":"50.000000"}}}
            """);

        var u = await Api.Client.User.GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That((u.Id, u.Email, u.Name, u.Avatar, u.Nickname, u.WorkFunction, u.Preferences),
                Is.EqualTo(("u-1", "ada@example.com", "Ada", "https://img/a.png", "ada", "developer", "dark")));
            Assert.That((u.ResponseNotifications, u.EmailNotifications, u.Role, u.EmailVerified, u.WalletAddress, u.WalletChainType, u.WalletVerified, u.IsActive),
                Is.EqualTo(((bool?)true, (bool?)false, "owner", (bool?)true, "0xabc", "evm", (bool?)false, (bool?)true)));
            Assert.That((u.CreatedAt, u.UpdatedAt), Is.EqualTo(("c", "u")));
            var org = u.Organization!;
            Assert.That((org.Id, org.Name, org.Slug, org.CreditBalance, org.CreditBalanceAmount), Is.EqualTo(("org-1", "My Org", "my-org", "50.000000", (decimal?)50m)));
        });
    }

    [Test]
    public async Task User_GetAsync_without_an_organization_has_empty_organization_fields()
    {
        Respond("/api/v1/user", "GET", """{"success":true,"data":{"id":"u-1","role":"member","organization":{}}}""");

        var u = await Api.Client.User.GetAsync();

        Assert.That((u.Organization!.Id, u.Organization.CreditBalance, u.Organization.CreditBalanceAmount), Is.EqualTo(((string?)null, (string?)null, (decimal?)null)));
    }

    [Test]
    public async Task User_UpdateAsync_patches_the_given_fields()
    {
        Respond("/api/v1/user", "PATCH", """{"success":true,"data":{"id":"u-1","name":"Ada L","work_function":"data","role":"owner","updated_at":"u2"},"message":"Profile updated successfully"}""");

        var u = await Api.Client.User.UpdateAsync(new UpdateCurrentUserRequest { Name = "Ada L", WorkFunction = UserWorkFunction.Data, EmailNotifications = true, Avatar = "" });

        Assert.That((u.Id, u.Name, u.WorkFunction, u.UpdatedAt), Is.EqualTo(("u-1", "Ada L", "data", "u2")));
        var sent = Sent();
        Assert.That(sent.Method, Is.EqualTo("PATCH"));
        Assert.That(JsonDocument.Parse(sent.Body!).RootElement.GetRawText(), Is.EqualTo("""{"name":"Ada L","avatar":"","work_function":"data","email_notifications":true}"""));
    }

    [Test]
    public void User_UpdateAsync_rejects_bad_input_before_sending()
    {
        var user = Api.Client.User;
        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ArgumentException>(() => user.UpdateAsync(new UpdateCurrentUserRequest()));
            Assert.ThrowsAsync<ArgumentException>(() => user.UpdateAsync(new UpdateCurrentUserRequest { Name = new string('a', 101) }));
            Assert.ThrowsAsync<ArgumentException>(() => user.UpdateAsync(new UpdateCurrentUserRequest { Nickname = new string('a', 51) }));
            Assert.ThrowsAsync<ArgumentException>(() => user.UpdateAsync(new UpdateCurrentUserRequest { Preferences = new string('a', 1001) }));
            Assert.ThrowsAsync<ArgumentException>(() => user.UpdateAsync(new UpdateCurrentUserRequest { Avatar = "not a url" }));
        });
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void User_failure_with_success_false_maps_by_status()
    {
        Respond("/api/v1/user", "PATCH", """{"success":false,"error":"Validation error","details":[{"code":"too_big","path":["name"],"message":"too long"}]}""", 400);

        var ex = Assert.ThrowsAsync<MiladyCloudInvalidRequestException>(() => Api.Client.User.UpdateAsync(new UpdateCurrentUserRequest { Name = "x" }));

        Assert.That(ex!.Details!.Value[0].GetProperty("message").GetString(), Is.EqualTo("too long"));
    }

    [Test]
    public void A_200_with_success_false_is_an_error_not_a_half_empty_object()
    {
        Respond("/api/v1/user", "GET", """{"success":false,"error":"Account suspended","code":"access_denied"}""");

        Assert.ThrowsAsync<MiladyCloudForbiddenException>(() => Api.Client.User.GetAsync());
    }

    [Test]
    public async Task User_ListWalletsAsync_maps_every_field()
    {
        Respond("/api/v1/user/wallets", "GET", """
            {"success":true,"data":[{"id":"w-1","address":"0x1111111111111111111111111111111111111111","chainType":"evm","clientAddress":"0x2222222222222222222222222222222222222222",
              "walletProvider":"steward","stewardAgentId":"sa-1","createdAt":"c"}]}
            """);

        var w = (await Api.Client.User.ListWalletsAsync()).Single();

        Assert.That((w.Id, w.Address, w.ChainType, w.ClientAddress, w.WalletProvider, w.StewardAgentId, w.CreatedAt),
            Is.EqualTo(("w-1", "0x1111111111111111111111111111111111111111", "evm", "0x2222222222222222222222222222222222222222", "steward", "sa-1", "c")));
    }

    [Test]
    public async Task User_ProvisionWalletAsync_posts_the_body()
    {
        Respond("/api/v1/user/wallets/provision", "POST", """{"success":true,"data":{"id":"w-1","address":"So1ana","chainType":"solana","clientAddress":"4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T"}}""");

        var w = await Api.Client.User.ProvisionWalletAsync(new ProvisionServerWalletRequest
        {
            ChainType = WalletChainType.Solana, ClientAddress = "4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T", CharacterId = "6f1c2a4e-1111-4222-8333-444455556666",
        });

        Assert.That((w.Id, w.ChainType), Is.EqualTo(("w-1", "solana")));
        Assert.That(JsonDocument.Parse(Sent().Body!).RootElement.GetRawText(),
            Is.EqualTo("""{"chainType":"solana","clientAddress":"4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T","characterId":"6f1c2a4e-1111-4222-8333-444455556666"}"""));
    }

    [TestCase("evm", "0x123")]
    [TestCase("evm", "4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T")]
    [TestCase("solana", "0x1111111111111111111111111111111111111111")]
    [TestCase("bitcoin", "0x1111111111111111111111111111111111111111")]
    public void User_ProvisionWalletAsync_rejects_bad_addresses_before_sending(string chain, string address)
    {
        Assert.ThrowsAsync<ArgumentException>(() => Api.Client.User.ProvisionWalletAsync(new ProvisionServerWalletRequest { ChainType = new WalletChainType(chain), ClientAddress = address }));
        Assert.That(Api.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task Job_ids_must_be_UUIDs_and_go_into_the_path_as_given()
    {
        var handler = RecordingHandler.Json("""{"success":true,"data":{"id":"x","type":"t","status":"pending"}}""");
        using var client = new MiladyCloudClient(new HttpClient(handler), new MiladyCloudClientOptions { ApiKey = FakeApi.ApiKey });

        Assert.ThrowsAsync<ArgumentException>(() => client.Jobs.GetAsync("a/b c"));
        await client.Jobs.GetAsync("6F1C2B3A-1D2E-4F50-8A9B-0C1D2E3F4A51");

        Assert.That(handler.Requests.Single().RequestUri!.AbsoluteUri, Is.EqualTo("https://cloud.milady.ai/api/v1/jobs/6F1C2B3A-1D2E-4F50-8A9B-0C1D2E3F4A51"));
    }
}
