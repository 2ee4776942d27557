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
        r.Add(WithPayload(
            "iforest",
            "Isolation Forest (scikit-learn semantics): score 2^(-E[h(x)]/c(psi))",
            IsolationForestOptions.Specs,
            (p, seed) => new IsolationForest(IsolationForestOptions.FromParameters(p), seed),
            (d, s) => d.SavePayload(s),
            (s, p, seed, threshold) => IsolationForest.LoadPayload(s, IsolationForestOptions.FromParameters(p), seed, threshold)));
        r.Add(WithPayload(
            "ocsvm",
            "one-class SVM (LIBSVM's nu-one-class solver, scikit-learn's OneClassSVM): score = -(sum alpha_i K(x_i, x) - rho)",
            OneClassSvmOptions.Specs,
            (p, _) => new OneClassSvm(OneClassSvmOptions.FromParameters(p)),
            (d, s) => d.SavePayload(s),
            (s, p, _, threshold) => OneClassSvm.LoadPayload(s, OneClassSvmOptions.FromParameters(p), threshold)));
        r.Add(WithPayload(
            "knn",
            "k-nearest-neighbour distance (PyOD's KNN): distance to the k-th nearest training row, exact search",
            NeighborOptions.KnnSpecs,
            (p, _) => new KnnDetector(NeighborOptions.KnnFromParameters(p)),
            (d, s) => d.SavePayload(s),
            (s, p, _, threshold) => KnnDetector.Load(s, NeighborOptions.KnnFromParameters(p), threshold)));
        r.Add(WithPayload(
            "lof",
            "local outlier factor (scikit-learn's LocalOutlierFactor, novelty=True): score = LOF, about 1 inside the data",
            NeighborOptions.LofSpecs,
            (p, _) => new LofDetector(NeighborOptions.LofFromParameters(p)),
            (d, s) => d.SavePayload(s),
            (s, p, _, threshold) => LofDetector.Load(s, NeighborOptions.LofFromParameters(p), threshold)));
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

    /// <summary>
    /// A detector whose fitted state is one binary payload, NAME.bin, in the model file: <paramref name="save"/> writes
    /// it, <paramref name="load"/> reads it back with the manifest's parameters, seed and threshold.
    /// </summary>
    private static DetectorInfo WithPayload<T>(
        string name,
        string summary,
        IReadOnlyList<ParameterSpec> specs,
        Func<DetectorParameters, int, T> create,
        Action<T, Stream> save,
        Func<Stream, DetectorParameters, int, double, T> load)
        where T : IAnomalyDetector
    {
        string file = name + ".bin";
        return new DetectorInfo(
            name,
            summary,
            specs,
            (p, seed) => create(p, seed),
            (d, write) => write(file, s => save((T)d, s)),
            (p, seed, threshold, open) =>
            {
                using var s = open(file);
                return load(s, p, seed, threshold);
            });
    }
}
