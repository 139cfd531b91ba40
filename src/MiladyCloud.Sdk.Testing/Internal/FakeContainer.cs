namespace MiladyCloud.Sdk.Testing.Internal;

/// <summary>
/// One container deployment. Its status moves one step (pending, building, deploying, running) each time it is polled;
/// an update changes its settings, and a create with the same project name redeploys it (back to pending, its
/// settings replaced). Reads and changes of the settings happen under <see cref="Gate"/>.
/// </summary>
internal sealed class FakeContainer(string id, string name, string projectName, string image, int port, int cpu, int memory, int desiredCount, DateTimeOffset createdAt)
{
    private static readonly string[] Progression = ["pending", "building", "deploying", "running"];
    private int _step;

    public object Gate { get; } = new();

    public string Id => id;

    public string Name { get; set; } = name;

    public string ProjectName => projectName;

    public string Image { get; set; } = image;

    public int Port { get; set; } = port;

    public int Cpu { get; set; } = cpu;

    public int Memory { get; set; } = memory;

    public int DesiredCount { get; set; } = desiredCount;

    public string Architecture { get; set; } = "arm64";

    /// <summary>Whether the row was last written by a redeploy (the service's <c>is_update</c>).</summary>
    public bool IsUpdate { get; private set; }

    /// <summary>The image before the last redeploy (the service keeps it in <c>metadata.previous_image</c>).</summary>
    public string? PreviousImage { get; private set; }

    /// <summary>When the health route last checked the container; <see langword="null"/> before the first check.</summary>
    public DateTimeOffset? LastHealthCheck { get; private set; }

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

    /// <summary>The stack's load balancer, which exists once the stack has come up (a redeploy keeps it).</summary>
    public string? LoadBalancerUrl => DeployedAt is null ? null : $"http://{projectName}.containers.fake.local";

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

    /// <summary>A create with this project name: the settings are replaced and the deployment starts over from pending.</summary>
    public void Redeploy(ContainerSettings settings, DateTimeOffset now)
    {
        lock (Gate)
        {
            PreviousImage = Image;
            (Name, Image, Port, Cpu, Memory, DesiredCount, Architecture) = (settings.Name, settings.Image, settings.Port, settings.Cpu, settings.Memory, settings.DesiredCount, settings.Architecture);
            (IsUpdate, UpdatedAt) = (true, now);
        }

        Volatile.Write(ref _step, 0);
    }

    /// <summary>Records a health check at <paramref name="now"/> and returns the time of the one before (what the route reports).</summary>
    public DateTimeOffset? RecordHealthCheck(DateTimeOffset now)
    {
        lock (Gate)
        {
            var previous = LastHealthCheck;
            LastHealthCheck = now;
            return previous;
        }
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
