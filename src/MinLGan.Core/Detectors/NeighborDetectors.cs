using System.Globalization;
using MinLGan.Data;

namespace MinLGan.Detectors;

/// <summary>
/// What <see cref="KnnDetector"/> and <see cref="LofDetector"/> share: the training rows kept in an exact
/// <see cref="NeighborIndex"/>, k capped at the training rows minus one, training scores left-one-out (a training
/// row is not its own neighbour, as scikit-learn's <c>kneighbors()</c> and PyOD's <c>decision_scores_</c>), and the
/// payload.
/// </summary>
public abstract class NeighborDetector : DetectorBase, IDescribesModel, Export.IExportsScoreGraph
{
    private const int PayloadVersion = 1;
    private protected NeighborIndex? Index;

    private protected NeighborDetector(NeighborOptions options, string name, IReadOnlyList<ParameterSpec> specs) : base(options.Contamination)
    {
        options.Validate(name, specs);
        Options = options;
    }

    /// <summary>The options as given.</summary>
    public NeighborOptions Options { get; }

    /// <summary>k as used: <see cref="NeighborOptions.K"/>, or the training rows minus one when there are fewer.</summary>
    public int EffectiveK { get; private set; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> ModelSummary => new Dictionary<string, string>
    {
        ["k"] = EffectiveK.ToString(CultureInfo.InvariantCulture) + (EffectiveK < Options.K ? $" (k={Options.K} capped at the training rows minus one)" : ""),
        ["training_rows"] = (Index?.Count ?? 0).ToString(CultureInfo.InvariantCulture),
    };

    /// <inheritdoc />
    protected sealed override void FitCore(Dataset train, CancellationToken ct)
    {
        Index = new NeighborIndex(train);
        EffectiveK = Math.Min(Options.K, train.Rows - 1);
        var (d, i) = Index.Query(train, EffectiveK, excludeSelf: true, Options.Threads, ct);
        LearnFromTraining(d, i);
        TrainingScoresLeftOut = ScoreFromNeighbors(d, i, train.Rows);
    }

    /// <summary>The training rows' left-one-out scores, held from FitCore until the threshold takes them.</summary>
    private double[] TrainingScoresLeftOut { get; set; } = [];

    /// <inheritdoc />
    protected sealed override double[] TrainingScores(Dataset train)
    {
        var scores = TrainingScoresLeftOut;
        TrainingScoresLeftOut = [];
        return scores;
    }

    /// <inheritdoc />
    protected sealed override double[] ScoreCore(Dataset data)
    {
        var (d, i) = Index!.Query(data, EffectiveK, excludeSelf: false, Options.Threads);
        return ScoreFromNeighbors(d, i, data.Rows);
    }

    /// <inheritdoc />
    public string? ExportBlocker => null;

    /// <summary>
    /// The exact search as operators: squared distances to every training row in double (‖x‖² + ‖t‖² − 2·x·t, the
    /// rows stored as float), the k smallest with TopK, their square roots; then the detector's score from them.
    /// </summary>
    public Export.GraphValue AppendScore(Export.ScoreGraph graph, Export.GraphValue rows)
    {
        const Export.GraphType D = Export.GraphType.Double;
        var index = Index!;
        int n = index.Count, d = index.Columns, k = EffectiveK;
        var stored = index.Values;
        var transposed = new double[d * n];
        var squares = new double[n];
        for (int r = 0; r < n; r++)
            for (int j = 0; j < d; j++)
            {
                double v = stored[r * d + j];
                transposed[j * n + r] = v;
                squares[r] += v * v;
            }
        var x = graph.Cast(rows, D);
        var training = graph.Cast(graph.Constant(Export.GraphType.Float, [d, n], transposed, "training_rows"), D);
        var cross = graph.Op("MatMul", D, [x, training]);
        var square = graph.Binary("Add", graph.Sum(graph.Binary("Mul", x, x), keepDims: true, 1), graph.Vector(D, squares, "training_sq"));
        var d2 = graph.Binary("Max", graph.Binary("Sub", square, graph.Binary("Mul", graph.Scalar(D, 2, "two"), cross)), graph.Scalar(D, 0, "zero"));
        var top = new Export.GraphNode("TopK", "", [d2.Name, graph.Ints(k).Name], [d2.Name + "_topk", d2.Name + "_topk_idx"],
            [new("axis", Int: 1), new("largest", Int: 0), new("sorted", Int: 1)]);
        graph.Append(top);
        var distances = graph.Unary("Sqrt", new Export.GraphValue(top.Outputs[0], D));
        return AppendFromNeighbors(graph, distances, new Export.GraphValue(top.Outputs[1], Export.GraphType.Int64));
    }

    /// <summary>Column j of an [N, k] value, as [N].</summary>
    private protected static Export.GraphValue Column(Export.ScoreGraph graph, Export.GraphValue x, int j) =>
        graph.Op("Squeeze", x.Type, [graph.Op("Slice", x.Type, [x, graph.Ints(j), graph.Ints(j + 1), graph.Ints(1)]), graph.Ints(1)]);

    /// <summary>The score [N] from the ascending neighbour distances [N, k] (double) and their training-row indices [N, k].</summary>
    private protected abstract Export.GraphValue AppendFromNeighbors(Export.ScoreGraph graph, Export.GraphValue distances, Export.GraphValue indices);

    /// <summary>What the detector keeps from the training rows' own neighbours (lof: k-distances and densities).</summary>
    private protected virtual void LearnFromTraining(double[] distances, int[] indices) { }

    /// <summary>One score per query from its k neighbour distances and indices (row-major [rows × k]).</summary>
    private protected abstract double[] ScoreFromNeighbors(double[] distances, int[] indices, int rows);

    /// <summary>Extra fitted state after the rows in the payload (lof: per-row k-distance and density).</summary>
    private protected virtual void WriteExtra(BinaryWriter w) { }

    /// <summary>Reads what <see cref="WriteExtra"/> wrote.</summary>
    private protected virtual void ReadExtra(BinaryReader r) { }

    /// <summary>Writes the fitted detector (a plain binary format, no code): k, the training rows and extras.</summary>
    public void SavePayload(Stream stream)
    {
        if (!IsFitted) throw new InvalidOperationException($"{Name}: save called before Fit");
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(PayloadVersion);
        w.Write(EffectiveK);
        Index!.Write(w);
        WriteExtra(w);
    }

    /// <summary>Fills this unfitted detector from a payload written by <see cref="SavePayload"/>, validating it.</summary>
    private protected void LoadPayload(Stream stream, double threshold)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (r.ReadInt32() != PayloadVersion) throw new InvalidInputException($"{Name} payload: unknown version");
            int k = r.ReadInt32();
            Index = NeighborIndex.Read(r, Name);
            if (k < 1 || k != Math.Min(Options.K, Index.Count - 1))
                throw new InvalidInputException($"{Name} payload: k={k} disagrees with the manifest (k={Options.K}, {Index.Count} rows)");
            EffectiveK = k;
            ReadExtra(r);
            if (stream.Position != stream.Length) throw new InvalidInputException($"{Name} payload: trailing bytes");
            RestoreFitted(Index.Columns, threshold);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidInputException($"{Name} payload: truncated");
        }
    }
}

/// <summary>
/// k-nearest-neighbour distance (Ramaswamy et al. 2000; PyOD's KNN): the score of x is its Euclidean distance to the
/// k-th nearest training row (method largest), or the mean or median of the k distances. Exact search.
/// </summary>
public sealed class KnnDetector : NeighborDetector
{
    /// <summary>Creates an unfitted detector.</summary>
    public KnnDetector(NeighborOptions options) : base(options, "knn", NeighborOptions.KnnSpecs) { }

    /// <inheritdoc />
    public override string Name => "knn";

    private protected override double[] ScoreFromNeighbors(double[] distances, int[] indices, int rows)
    {
        int k = EffectiveK;
        var scores = new double[rows];
        for (int q = 0; q < rows; q++)
        {
            var d = distances.AsSpan(q * k, k);
            scores[q] = Options.Method switch
            {
                "mean" => Mean(d),
                "median" => k % 2 == 1 ? d[k / 2] : (d[k / 2 - 1] + d[k / 2]) / 2,
                _ => d[k - 1],
            };
        }
        return scores;
    }

    private protected override Export.GraphValue AppendFromNeighbors(Export.ScoreGraph graph, Export.GraphValue distances, Export.GraphValue indices)
    {
        int k = EffectiveK;
        return Options.Method switch
        {
            "mean" => graph.Binary("Div", graph.Sum(distances, keepDims: false, 1), graph.Scalar(Export.GraphType.Double, k, "k")),
            "median" when k % 2 == 1 => Column(graph, distances, k / 2),
            "median" => graph.Binary("Div", graph.Binary("Add", Column(graph, distances, k / 2 - 1), Column(graph, distances, k / 2)),
                graph.Scalar(Export.GraphType.Double, 2, "two")),
            _ => Column(graph, distances, k - 1),
        };
    }

    private static double Mean(ReadOnlySpan<double> d)
    {
        double s = 0;
        foreach (double x in d) s += x;
        return s / d.Length;
    }

    /// <summary>Reads a detector written by <see cref="NeighborDetector.SavePayload"/>.</summary>
    public static KnnDetector Load(Stream stream, NeighborOptions options, double threshold)
    {
        var det = new KnnDetector(options);
        det.LoadPayload(stream, threshold);
        return det;
    }
}

/// <summary>
/// Local outlier factor (Breunig et al. 2000) with scikit-learn's semantics (<c>LocalOutlierFactor(novelty=True)</c>):
/// the reachability distance of x to training row o is max(d(x, o), k-distance(o)); x's local reachability density is
/// 1 / (mean reachability distance to its k neighbours + 1e-10); the score is the mean of its neighbours' densities
/// over its own (scikit-learn's <c>-score_samples</c>, about 1 inside the data, larger outside).
/// </summary>
public sealed class LofDetector : NeighborDetector
{
    private double[] _kDistance = [];
    private double[] _density = [];

    /// <summary>Creates an unfitted detector.</summary>
    public LofDetector(NeighborOptions options) : base(options, "lof", NeighborOptions.LofSpecs) { }

    /// <inheritdoc />
    public override string Name => "lof";

    private protected override void LearnFromTraining(double[] distances, int[] indices)
    {
        int k = EffectiveK, n = distances.Length / k;
        _kDistance = new double[n];
        for (int i = 0; i < n; i++) _kDistance[i] = distances[i * k + k - 1];
        _density = Densities(distances, indices, n);
    }

    private double[] Densities(double[] distances, int[] indices, int rows)
    {
        int k = EffectiveK;
        var density = new double[rows];
        for (int q = 0; q < rows; q++)
        {
            double sum = 0;
            for (int j = 0; j < k; j++) sum += Math.Max(distances[q * k + j], _kDistance[indices[q * k + j]]);
            density[q] = 1.0 / (sum / k + 1e-10);
        }
        return density;
    }

    private protected override Export.GraphValue AppendFromNeighbors(Export.ScoreGraph graph, Export.GraphValue distances, Export.GraphValue indices)
    {
        const Export.GraphType D = Export.GraphType.Double;
        var k = graph.Scalar(D, EffectiveK, "k");
        var kDistance = graph.Op("Gather", D, [graph.Vector(D, _kDistance, "k_distance"), indices]);
        var reach = graph.Binary("Max", distances, kDistance);
        var own = graph.Binary("Div", graph.Scalar(D, 1, "one"),
            graph.Binary("Add", graph.Binary("Div", graph.Sum(reach, keepDims: true, 1), k), graph.Scalar(D, 1e-10, "epsilon")));
        var neighbours = graph.Op("Gather", D, [graph.Vector(D, _density, "density"), indices]);
        return graph.Binary("Div", graph.Sum(graph.Binary("Div", neighbours, own), keepDims: false, 1), k);
    }

    private protected override double[] ScoreFromNeighbors(double[] distances, int[] indices, int rows)
    {
        int k = EffectiveK;
        var own = Densities(distances, indices, rows);
        var scores = new double[rows];
        for (int q = 0; q < rows; q++)
        {
            double sum = 0;
            for (int j = 0; j < k; j++) sum += _density[indices[q * k + j]] / own[q];
            scores[q] = sum / k;
        }
        return scores;
    }

    private protected override void WriteExtra(BinaryWriter w)
    {
        foreach (double v in _kDistance) w.Write(v);
        foreach (double v in _density) w.Write(v);
    }

    private protected override void ReadExtra(BinaryReader r)
    {
        int n = Index!.Count;
        _kDistance = new double[n];
        _density = new double[n];
        for (int i = 0; i < n; i++)
            if (!(double.IsFinite(_kDistance[i] = r.ReadDouble()) && _kDistance[i] >= 0))
                throw new InvalidInputException($"lof payload: k-distance of stored row {i + 1} is not a finite non-negative number");
        for (int i = 0; i < n; i++)
            if (!(double.IsFinite(_density[i] = r.ReadDouble()) && _density[i] > 0))
                throw new InvalidInputException($"lof payload: density of stored row {i + 1} is not a finite positive number");
    }

    /// <summary>Reads a detector written by <see cref="NeighborDetector.SavePayload"/>.</summary>
    public static LofDetector Load(Stream stream, NeighborOptions options, double threshold)
    {
        var det = new LofDetector(options);
        det.LoadPayload(stream, threshold);
        return det;
    }
}
