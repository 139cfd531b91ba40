using MiladyCloud.Sdk.LiveTests.Infrastructure;

namespace MiladyCloud.Sdk.LiveTests.Models;

/// <summary>The model catalog (the local server lists a provider's models when it has a key for it, even a dummy one).</summary>
public sealed class ModelsLiveTests(TestMode mode) : LiveTestBase(mode)
{
    [Test]
    public async Task The_catalog_lists_and_gets_models_without_a_key()
    {
        var client = CreateClient();

        var list = await client.Models.ListAsync(useCache: false);
        var first = list.Data[0];
        var one = await client.Models.GetAsync(first.Id);

        Assert.Multiple(() =>
        {
            Assert.That(list.Data, Is.Not.Empty);
            Assert.That(one.Id, Is.EqualTo(first.Id));
        });
    }

    [Test]
    public async Task Model_status_reports_each_model_asked_for()
    {
        var client = CreateClient();
        var list = await client.Models.ListAsync(useCache: false);

        var status = await client.Models.GetStatusAsync([list.Data[0].Id, "nobody/no-such-model"]);

        Assert.That(status, Is.Not.Null);
    }

    [Test]
    public void An_unknown_model_is_not_found()
    {
        var client = CreateClient();

        Assert.ThrowsAsync<NotFoundException>(() => client.Models.GetAsync("nobody/no-such-model"));
    }
}
