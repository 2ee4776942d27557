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

    /// <summary>A registry with Core's detectors (iforest, ocsvm).</summary>
    public static DetectorRegistry CreateDefault()
    {
        var r = new DetectorRegistry();
        r.Add(IsolationForestInfo());
        r.Add(OneClassSvmInfo());
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
                new("trees", ParameterKind.Integer, IsolationForestOptions.Defaults.Trees.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, IsolationForestOptions.MaxTrees, "number of trees"),
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

    private static DetectorInfo OneClassSvmInfo()
    {
        static OneClassSvmOptions Options(DetectorParameters p) => new()
        {
            Kernel = Enum.Parse<Svm.SvmKernelType>(p.Text("kernel"), ignoreCase: true),
            Gamma = p.Text("gamma"),
            Nu = p.Real("nu"),
            Degree = p.Int("degree"),
            Coef0 = p.Real("coef0"),
            Tolerance = p.Real("tol"),
            Shrinking = p.Text("shrinking") == "true",
            CacheMb = p.Real("cache_mb"),
            Threads = p.Int("threads"),
            Contamination = p.Real("contamination"),
        };
        return new DetectorInfo(
            "ocsvm",
            "one-class SVM (LIBSVM's nu-one-class solver, scikit-learn's OneClassSVM): score = -(sum alpha_i K(x_i, x) - rho)",
            [
                new("kernel", ParameterKind.Choice, "rbf", 0, 0, "kernel", ["rbf", "linear", "poly", "sigmoid"]),
                new("gamma", ParameterKind.Real, "scale", 0, double.PositiveInfinity,
                    "kernel width: scale = 1/(features * Var X), auto = 1/features, or a number", ["scale", "auto"], MinExclusive: true),
                new("nu", ParameterKind.Real, "0.5", 0, 1, "upper bound on training errors, lower bound on support vectors (share)", MinExclusive: true),
                new("degree", ParameterKind.Integer, "3", 0, 100, "degree of the poly kernel"),
                new("coef0", ParameterKind.Real, "0", -1e300, 1e300, "constant of the poly and sigmoid kernels"),
                new("tol", ParameterKind.Real, "0.001", 0, 1, "solver stopping tolerance (LIBSVM -e)", MinExclusive: true),
                new("shrinking", ParameterKind.Choice, "true", 0, 0, "LIBSVM's shrinking heuristic", ["true", "false"]),
                new("cache_mb", ParameterKind.Real, "200", 0, 1e6, "kernel cache in MB", MinExclusive: true),
                new("threads", ParameterKind.Integer, "0", 0, 1024, "threads for kernel columns and scoring; 0 = all cores (does not change results)"),
                Contamination,
            ],
            (p, _) => new OneClassSvm(Options(p)),
            (d, write) => write("ocsvm.bin", s => ((OneClassSvm)d).SavePayload(s)),
            (p, _, threshold, open) =>
            {
                using var s = open("ocsvm.bin");
                return OneClassSvm.LoadPayload(s, Options(p), threshold);
            });
    }
}
