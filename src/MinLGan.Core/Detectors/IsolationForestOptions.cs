namespace MinLGan.Detectors;

/// <summary>Isolation Forest options; defaults are scikit-learn's (see <see cref="Defaults"/>).</summary>
public sealed record IsolationForestOptions
{
    /// <summary>Default values, shared by the options and the CLI.</summary>
    public static class Defaults
    {
        /// <summary>Number of trees: 100.</summary>
        public const int Trees = 100;
        /// <summary>Rows per tree: 0 means "auto", min(256, n).</summary>
        public const int MaxSamples = 0;
        /// <summary>Contamination: 0.1.</summary>
        public const double Contamination = 0.1;
    }

    /// <summary>The most trees a forest may have (each tree has its own seed stream, <see cref="SeedStreams.IsolationTree"/>).</summary>
    public const int MaxTrees = 10000;

    /// <summary>Number of trees, in [1, <see cref="MaxTrees"/>].</summary>
    public int Trees { get; init; } = Defaults.Trees;

    /// <summary>Rows drawn (without replacement) per tree; 0 = auto = min(256, n). Larger than n means n.</summary>
    public int MaxSamples { get; init; } = Defaults.MaxSamples;

    /// <summary>Share of training rows above the threshold, in (0, 0.5].</summary>
    public double Contamination { get; init; } = Defaults.Contamination;

    /// <summary>Threads for fitting and scoring; 0 = all cores.</summary>
    public int Threads { get; init; }

    /// <summary>Throws <see cref="InvalidInputException"/> naming the option and its allowed range.</summary>
    public void Validate()
    {
        if (Trees is < 1 or > MaxTrees) throw new InvalidInputException($"trees={Trees}: expected an integer in [1, {MaxTrees}]");
        if (MaxSamples < 0) throw new InvalidInputException($"max_samples={MaxSamples}: expected 0 (auto) or a positive integer");
        if (Threads < 0) throw new InvalidInputException($"threads={Threads}: expected 0 (all cores) or a positive integer");
    }
}
