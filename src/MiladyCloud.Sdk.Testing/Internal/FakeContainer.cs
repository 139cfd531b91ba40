namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// One container deployment. Its status moves one step (pending, building, deploying, running) each time it is polled;
/// an update changes its settings. Reads and changes of the settings happen under <see cref="Gate"/>.
/// </summary>
internal sealed class FakeContainer(string id, string name, string projectName, string image, int port, int cpu, int memory, int desiredCount, DateTimeOffset createdAt)
{
    private static readonly string[] Progression = ["pending", "building", "deploying", "running"];
    private int _step;

    public object Gate { get; } = new();

    public string Id => id;

    public string Name => name;

    public string ProjectName => projectName;

    public string Image { get; set; } = image;

    public int Port { get; set; } = port;

    public int Cpu { get; set; } = cpu;

    public int Memory { get; set; } = memory;

    public int DesiredCount { get; } = desiredCount;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;

    /// <summary>When the stack first came up (the service sets its ECS service then); <see langword="null"/> before.</summary>
    public DateTimeOffset? DeployedAt { get; private set; }

    /// <summary>The usage record the create wrote: its id, fee and the settings deployed (later updates do not change it).</summary>
    public (string Id, decimal Cost, int Cpu, int Memory, int Port) Deployment { get; } = (FakeFormat.NewId(), ContainerPricing.DeploymentFee(desiredCount, cpu, memory), cpu, memory, port);

    public string Status => Progression[Volatile.Read(ref _step)];

    public bool IsRunning => Status == "running";

    /// <summary>The ECS service, which exists once the stack has come up.</summary>
    public string? ServiceArn => DeployedAt is null ? null : $"arn:aws:ecs:us-east-1:000000000000:service/fake-cluster/{projectName}";

    public string? ClusterArn => DeployedAt is null ? null : "arn:aws:ecs:us-east-1:000000000000:cluster/fake-cluster";

    public string? LoadBalancerUrl => IsRunning ? $"http://{projectName}.containers.fake.local" : null;

    /// <summary>One step further per read, as a poller would see it; stays running at the end.</summary>
    public FakeContainer Advance(DateTimeOffset now)
    {
        int step;
        do
        {
            step = Volatile.Read(ref _step);
        }
        while (step < Progression.Length - 1 && Interlocked.CompareExchange(ref _step, step + 1, step) != step);

        MarkDeployedIfRunning(now);
        return this;
    }

    /// <summary>Straight to running: an update returns only once the stack update has finished.</summary>
    public void Run(DateTimeOffset now)
    {
        Volatile.Write(ref _step, Progression.Length - 1);
        MarkDeployedIfRunning(now);
    }

    private void MarkDeployedIfRunning(DateTimeOffset now)
    {
        if (IsRunning)
        {
            lock (Gate)
            {
                DeployedAt ??= now;
            }
        }
    }
}
