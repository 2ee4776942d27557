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

    /// <summary>A registry with Core's detectors (iforest, ocsvm, knn, lof).</summary>
    public static DetectorRegistry CreateDefault()
    {
        var r = new DetectorRegistry();
        r.Add(IsolationForestInfo());
        r.Add(OneClassSvmInfo());
        r.Add(new DetectorInfo(
            "knn",
            "k-nearest-neighbour distance (PyOD's KNN): distance to the k-th nearest training row, exact search",
            NeighborOptions.KnnSpecs,
            (p, _) => new KnnDetector(NeighborOptions.KnnFromParameters(p)),
            (d, write) => write("knn.bin", s => ((KnnDetector)d).SavePayload(s)),
            (p, _, threshold, open) =>
            {
                using var s = open("knn.bin");
                return KnnDetector.Load(s, NeighborOptions.KnnFromParameters(p), threshold);
            }));
        r.Add(new DetectorInfo(
            "lof",
            "local outlier factor (scikit-learn's LocalOutlierFactor, novelty=True): score = LOF, about 1 inside the data",
            NeighborOptions.LofSpecs,
            (p, _) => new LofDetector(NeighborOptions.LofFromParameters(p)),
            (d, write) => write("lof.bin", s => ((LofDetector)d).SavePayload(s)),
            (p, _, threshold, open) =>
            {
                using var s = open("lof.bin");
                return LofDetector.Load(s, NeighborOptions.LofFromParameters(p), threshold);
            }));
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
        ?? throw new InvalidInputException($"{name}: unknown detector; expected one of {string.Join(", ", _detectors.Select(d => d.Name))}");

    private static DetectorInfo IsolationForestInfo()
    {
        return new DetectorInfo(
            "iforest",
            "Isolation Forest (scikit-learn semantics): score 2^(-E[h(x)]/c(psi))",
            IsolationForestOptions.Specs,
            (p, seed) => new IsolationForest(IsolationForestOptions.FromParameters(p), seed),
            (d, write) => write("iforest.bin", s => ((IsolationForest)d).SavePayload(s)),
            (p, seed, threshold, open) =>
            {
                using var s = open("iforest.bin");
                return IsolationForest.LoadPayload(s, IsolationForestOptions.FromParameters(p), seed, threshold);
            });
    }

    private static DetectorInfo OneClassSvmInfo()
    {
        return new DetectorInfo(
            "ocsvm",
            "one-class SVM (LIBSVM's nu-one-class solver, scikit-learn's OneClassSVM): score = -(sum alpha_i K(x_i, x) - rho)",
            OneClassSvmOptions.Specs,
            (p, _) => new OneClassSvm(OneClassSvmOptions.FromParameters(p)),
            (d, write) => write("ocsvm.bin", s => ((OneClassSvm)d).SavePayload(s)),
            (p, _, threshold, open) =>
            {
                using var s = open("ocsvm.bin");
                return OneClassSvm.LoadPayload(s, OneClassSvmOptions.FromParameters(p), threshold);
            });
    }
}
