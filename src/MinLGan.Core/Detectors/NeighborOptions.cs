using System.Globalization;

namespace MinLGan.Detectors;

/// <summary>
/// Options of the nearest-neighbour detectors, <c>knn</c> and <c>lof</c>; defaults are PyOD's and scikit-learn's
/// (k = 5 and the k-th distance for knn, k = 20 for lof).
/// </summary>
public sealed record NeighborOptions
{
    /// <summary>knn's default k (PyOD's KNN).</summary>
    public const int KnnDefaultK = 5;

    /// <summary>lof's default k (scikit-learn's and PyOD's LocalOutlierFactor).</summary>
    public const int LofDefaultK = 20;

    /// <summary>The most neighbours a query may ask for.</summary>
    public const int MaxK = 10000;

    /// <summary>Neighbours per query; capped at the training rows minus one at fit (scikit-learn does the same for LOF).</summary>
    public int K { get; init; } = KnnDefaultK;

    /// <summary>knn only: the score from the k distances: "largest" (the k-th, PyOD's default), "mean" or "median".</summary>
    public string Method { get; init; } = "largest";

    /// <summary>Share of training rows above the threshold, in (0, 0.5].</summary>
    public double Contamination { get; init; } = CommonParameters.DefaultContamination;

    /// <summary>Threads for fitting and scoring; 0 = all cores (does not change results).</summary>
    public int Threads { get; init; }

    /// <summary>The knn parameters.</summary>
    public static readonly IReadOnlyList<ParameterSpec> KnnSpecs =
    [
        new("k", ParameterKind.Integer, KnnDefaultK.ToString(CultureInfo.InvariantCulture), 1, MaxK, "neighbours: the score is the distance to them"),
        new("method", ParameterKind.Choice, "largest", 0, 0, "largest: distance to the k-th nearest training row; mean or median of the k distances", ["largest", "mean", "median"]),
        CommonParameters.Contamination,
        new("threads", ParameterKind.Integer, "0", 0, 1024, "threads for fit and score; 0 = all cores (does not change results)"),
    ];

    /// <summary>The lof parameters.</summary>
    public static readonly IReadOnlyList<ParameterSpec> LofSpecs =
    [
        new("k", ParameterKind.Integer, LofDefaultK.ToString(CultureInfo.InvariantCulture), 1, MaxK, "neighbours that define the local density (scikit-learn's n_neighbors)"),
        CommonParameters.Contamination,
        new("threads", ParameterKind.Integer, "0", 0, 1024, "threads for fit and score; 0 = all cores (does not change results)"),
    ];

    /// <summary>knn options from validated parameters.</summary>
    public static NeighborOptions KnnFromParameters(DetectorParameters p) => new()
    {
        K = p.Int("k"), Method = p.Text("method"), Contamination = p.Real("contamination"), Threads = p.Int("threads"),
    };

    /// <summary>lof options from validated parameters.</summary>
    public static NeighborOptions LofFromParameters(DetectorParameters p) => new()
    {
        K = p.Int("k"), Contamination = p.Real("contamination"), Threads = p.Int("threads"),
    };

    /// <summary>
    /// Throws <see cref="InvalidInputException"/> naming the option and its allowed range, checked against
    /// <paramref name="specs"/> (<see cref="KnnSpecs"/> or <see cref="LofSpecs"/>); method is checked where the specs have it.
    /// </summary>
    public void Validate(string detector, IReadOnlyList<ParameterSpec> specs)
    {
        specs.Named("k").Check(detector, K);
        if (specs.Any(s => s.Name == "method")) specs.Named("method").Check(detector, Method);
        specs.Named("contamination").Check(detector, Contamination);
        specs.Named("threads").Check(detector, Threads);
    }
}
