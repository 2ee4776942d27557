using System.Globalization;

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
        public const double Contamination = CommonParameters.DefaultContamination;
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

    /// <summary>The parameters: name, default, range and help, declared once (parsing, validation and listings use them).</summary>
    public static readonly IReadOnlyList<ParameterSpec> Specs =
    [
        new("trees", ParameterKind.Integer, Defaults.Trees.ToString(CultureInfo.InvariantCulture), 1, MaxTrees, "number of trees"),
        new("max_samples", ParameterKind.Integer, Defaults.MaxSamples.ToString(CultureInfo.InvariantCulture), 0, int.MaxValue, "rows per tree; 0 = auto = min(256, n)"),
        CommonParameters.Contamination,
        new("threads", ParameterKind.Integer, "0", 0, 1024, "threads for fit and score; 0 = all cores (does not change results)"),
    ];

    /// <summary>Options from validated parameters.</summary>
    public static IsolationForestOptions FromParameters(DetectorParameters p) => new()
    {
        Trees = p.Int("trees"),
        MaxSamples = p.Int("max_samples"),
        Contamination = p.Real("contamination"),
        Threads = p.Int("threads"),
    };

    /// <summary>Throws <see cref="InvalidInputException"/> naming the option and its allowed range (from <see cref="Specs"/>).</summary>
    public void Validate()
    {
        Specs.Named("trees").Check("iforest", Trees);
        Specs.Named("max_samples").Check("iforest", MaxSamples);
        Specs.Named("contamination").Check("iforest", Contamination);
        Specs.Named("threads").Check("iforest", Threads);
    }
}
