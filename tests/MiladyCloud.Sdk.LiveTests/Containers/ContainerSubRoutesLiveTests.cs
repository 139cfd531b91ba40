using MiladyCloud.Sdk.LiveTests.Infrastructure;

namespace MiladyCloud.Sdk.LiveTests.Containers;

/// <summary>A container's sub-routes answer an unknown container with a typed error, and need AWS for the rest.</summary>
public sealed class ContainerSubRoutesLiveTests(TestMode mode) : LiveTestBase(mode)
{
    private const string Unknown = "00000000-0000-4000-8000-000000000005";

    [Test]
    public void Deployments_logs_metrics_and_health_of_an_unknown_container_are_errors_not_hangs()
    {
        var client = CreateClient();

        var deployments = Assert.CatchAsync<MiladyCloudApiException>(() => client.Containers.ListDeploymentsAsync(Unknown));
        var logs = Assert.CatchAsync<MiladyCloudApiException>(() => client.Containers.GetLogsAsync(Unknown, limit: 10));
        var metrics = Assert.CatchAsync<MiladyCloudApiException>(() => client.Containers.GetMetricsAsync(Unknown));
        var health = Assert.CatchAsync<MiladyCloudApiException>(() => client.Containers.GetHealthAsync(Unknown));

        Assert.Multiple(() =>
        {
            Assert.That(deployments, Is.InstanceOf<MiladyCloudNotFoundException>());
            Assert.That(logs, Is.InstanceOf<MiladyCloudNotFoundException>());
            Assert.That(metrics, Is.InstanceOf<MiladyCloudNotFoundException>());
            Assert.That(health, Is.InstanceOf<MiladyCloudNotFoundException>());
        });
    }

    [Test]
    public void Registry_credentials_need_the_cloud_provider()
    {
        var client = CreateClient();

        var error = Assert.CatchAsync<MiladyCloudApiException>(() => client.Containers.CreateCredentialsAsync("live-probe", "1.0.0"));

        Assert.That((int)error!.StatusCode, Is.GreaterThanOrEqualTo(400));
    }
}
