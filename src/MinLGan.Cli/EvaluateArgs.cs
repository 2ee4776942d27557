using MinLGan.Evaluation;

namespace MinLGan.Cli;

/// <summary>The arguments of one evaluate run, as the command line gives them (null = not given).</summary>
internal sealed record EvaluateArgs
{
    public string? Protocol { get; init; }
    public string Detector { get; init; } = "iforest";
    public string Seeds { get; init; } = "0";
    public string? Data { get; init; }
    public string? Out { get; init; }
    public string? Export { get; init; }
    public string[] Params { get; init; } = [];
    public string[] Grid { get; init; } = [];
    public string? Scaler { get; init; }
    public string? Input { get; init; }
    public string? LabelColumn { get; init; }
    public string[]? NormalLabel { get; init; }
    public bool Force { get; init; }
    public double TrainFraction { get; init; } = new SplitOptions().TrainFraction;
    public double HoldoutFraction { get; init; } = new SplitOptions().HoldoutFraction;
    public double CheckFraction { get; init; }
    public int MaxTrain { get; init; }
    public int MaxTest { get; init; }
    public string? Budget { get; init; }
    public string? Resize { get; init; }
    public string? Features { get; init; }
    public int? FeatureResolution { get; init; }
    public bool NoPlots { get; init; }
    public bool Resume { get; init; }
    public double CheckpointSeconds { get; init; } = 60;

    /// <summary>reproduce: with <see cref="Resume"/>, checkpoints of other settings mean "compute again" instead of an error.</summary>
    public bool RestartStale { get; init; }

    /// <summary>
    /// reproduce: a seed's member folder of another cell, read for finished members with the same keys (the other
    /// ensemble of the same members); null reads none.
    /// </summary>
    public Func<int, string>? SharedMembers { get; init; }

    /// <summary>reproduce: keep each finished seed's member folder (another cell reads it) instead of removing it.</summary>
    public bool KeepMembers { get; init; }

    /// <summary>reproduce: the protocol's data already read (features attached), shared by the cells of one protocol.</summary>
    public Func<ProtocolData>? DataSource { get; init; }
}

/// <summary>What an evaluate run ended with: its exit code, every seed's result (finished earlier or now), and how many seeds it ran.</summary>
internal sealed record EvaluateOutcome(int ExitCode, IReadOnlyList<SeedResult> Results, int SeedsRun);
