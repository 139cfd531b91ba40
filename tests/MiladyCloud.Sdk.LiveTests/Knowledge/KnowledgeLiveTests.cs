using System.Text;
using MiladyCloud.Sdk.LiveTests.Infrastructure;

namespace MiladyCloud.Sdk.LiveTests.Knowledge;

/// <summary>Knowledge needs the agent runtime, which the local server does not run: these record its answers.</summary>
public sealed class KnowledgeLiveTests(TestMode mode) : LiveTestBase(mode)
{
    [Test]
    public void Listing_without_the_agent_runtime_is_a_service_unavailable_error()
    {
        var client = CreateClient();

        var error = Assert.ThrowsAsync<MiladyCloudServiceUnavailableException>(() => client.Knowledge.ListAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.ServiceUnavailable));
            Assert.That(error.ServerMessage, Is.EqualTo("Knowledge service not available"));
        });
    }

    [Test]
    public void An_upload_is_parsed_by_the_server_whatever_happens_next()
    {
        // The server's form parser (Node's FormData) refuses .NET's default part headers with a 500 "Failed to parse";
        // any other answer means the multipart body was read.
        var client = CreateClient();
        var file = KnowledgeFile.FromBytes(Encoding.UTF8.GetBytes("# Handbook\nReset passwords from the profile page."), "handbook.md");

        var error = Assert.CatchAsync<MiladyCloudApiException>(() => client.Knowledge.UploadAsync([file]));

        Assert.That(error!.Message, Does.Not.Contain("parse").IgnoreCase.And.Not.Contain("form data").IgnoreCase);
    }

    [Test]
    public async Task Adding_querying_and_deleting_without_the_runtime_are_typed_errors_and_checking_counts_nothing()
    {
        var client = CreateClient();
        var character = "00000000-0000-4000-8000-000000000007";

        var create = Assert.CatchAsync<MiladyCloudApiException>(() => client.Knowledge.CreateAsync(new MiladyCloud.Sdk.Models.CreateKnowledgeDocumentRequest { Content = "Refunds take five days.", ContentType = "text/plain", Filename = "refunds.txt" }));
        var query = Assert.CatchAsync<MiladyCloudApiException>(() => client.Knowledge.QueryAsync("How long do refunds take?"));
        var check = await client.Knowledge.CheckAsync(character);
        var delete = Assert.CatchAsync<MiladyCloudApiException>(() => client.Knowledge.DeleteAsync("00000000-0000-4000-8000-000000000008"));

        Assert.Multiple(() =>
        {
            Assert.That((int)create!.StatusCode, Is.GreaterThanOrEqualTo(500));
            Assert.That((int)query!.StatusCode, Is.GreaterThanOrEqualTo(500));
            Assert.That((check.HasDocuments, check.Count), Is.EqualTo((false, 0)), "the check reads the database, no runtime needed");
            Assert.That((int)delete!.StatusCode, Is.GreaterThanOrEqualTo(500));
        });
    }
}
