namespace MinLGan.Detectors;

/// <summary>
/// The detectors the CLI and model loading know by name. <see cref="CreateDefault"/> holds Core's detectors;
/// the Torch library adds its own.
/// </summary>
public sealed class DetectorRegistry
{
    private readonly List<DetectorInfo> _detectors = [];

    /// <summary>Every registered detector, in registration order.</summary>
    public IReadOnlyList<DetectorInfo> All => _detectors;

    /// <summary>A registry with Core's detectors (iforest).</summary>
    public static DetectorRegistry CreateDefault()
    {
        var r = new DetectorRegistry();
        r.Add(IsolationForestInfo());
        return r;
    }

    /// <summary>Adds a detector; names must be unique.</summary>
    public void Add(DetectorInfo info)
    {
        if (_detectors.Any(d => d.Name == info.Name)) throw new ArgumentException($"detector {info.Name} is registered twice");
        _detectors.Add(info);
    }

    /// <summary>The detector with this name; unknown names are an <see cref="InvalidInputException"/>.</summary>
    public DetectorInfo Get(string name) =>
        _detectors.FirstOrDefault(d => d.Name == name)
        ?? throw new InvalidInputException($"--detector {name}: unknown detector; expected one of {string.Join(", ", _detectors.Select(d => d.Name))}");

    private static readonly ParameterSpec Contamination =
        new("contamination", ParameterKind.Real, "0.1", 0, 0.5, "share of training rows above the threshold", MinExclusive: true);

    private static DetectorInfo IsolationForestInfo()
    {
        static IsolationForestOptions Options(DetectorParameters p) => new()
        {
            Trees = p.Int("trees"),
            MaxSamples = p.Int("max_samples"),
            Contamination = p.Real("contamination"),
            Threads = p.Int("threads"),
        };
        return new DetectorInfo(
            "iforest",
            "Isolation Forest (scikit-learn semantics): score 2^(-E[h(x)]/c(psi))",
            [
                new("trees", ParameterKind.Integer, IsolationForestOptions.Defaults.Trees.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, 10000, "number of trees"),
                new("max_samples", ParameterKind.Integer, "0", 0, int.MaxValue, "rows per tree; 0 = auto = min(256, n)"),
                Contamination,
                new("threads", ParameterKind.Integer, "0", 0, 1024, "threads for fit and score; 0 = all cores (does not change results)"),
            ],
            (p, seed) => new IsolationForest(Options(p), seed),
            (d, write) => write("iforest.bin", s => ((IsolationForest)d).SavePayload(s)),
            (p, seed, threshold, open) =>
            {
                using var s = open("iforest.bin");
                return IsolationForest.LoadPayload(s, Options(p), seed, threshold);
            });
    }
}
