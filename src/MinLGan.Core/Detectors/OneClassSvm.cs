using MinLGan.Data;
using MinLGan.Detectors.Svm;

namespace MinLGan.Detectors;

/// <summary>
/// ν-one-class SVM (Schölkopf et al. 2001) trained with LIBSVM's solver (see <see cref="OneClassSolver"/>), equal to
/// scikit-learn's <c>OneClassSVM</c> to rounding. The decision function is f(x) = Σ αᵢ K(xᵢ, x) − ρ (positive inside
/// the support); the anomaly score is −f(x). Kernel columns during training and rows during scoring use several
/// threads; the results do not depend on the thread count.
/// </summary>
public sealed class OneClassSvm : DetectorBase, IDescribesModel, Export.IExportsScoreGraph
{
    private const int PayloadVersion = 1;
    private const int RowBlock = 64;
    private const int SupportBlock = 256;
    private float[] _support = [];    // support vectors, row-major
    private double[] _supportSquare = [];
    private double[] _coef = [];
    private int[] _supportIndex = [];
    private int _d;

    /// <summary>Creates an unfitted model.</summary>
    public OneClassSvm(OneClassSvmOptions options) : base(options.Contamination)
    {
        options.Validate();
        Options = options;
    }

    /// <inheritdoc />
    public override string Name => "ocsvm";

    /// <summary>The options.</summary>
    public OneClassSvmOptions Options { get; }

    /// <summary>γ after resolving scale/auto (NaN before Fit; unused by the linear kernel).</summary>
    public double Gamma { get; private set; } = double.NaN;

    /// <summary>ρ, the offset of the decision function.</summary>
    public double Rho { get; private set; } = double.NaN;

    /// <summary>Number of support vectors (rows with αᵢ &gt; 0).</summary>
    public int SupportVectorCount => _coef.Length;

    /// <summary>Indices of the support vectors among the training rows (scikit-learn's support_), ascending.</summary>
    public IReadOnlyList<int> SupportIndices => _supportIndex;

    /// <summary>αᵢ of each support vector (scikit-learn's dual_coef_).</summary>
    public IReadOnlyList<double> DualCoefficients => _coef;

    /// <summary>Solver iterations in the last Fit.</summary>
    public int Iterations { get; private set; }

    /// <summary>True when the last Fit stopped at LIBSVM's iteration limit rather than at the tolerance.</summary>
    public bool HitIterationLimit { get; private set; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> ModelSummary => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["support_vectors"] = SupportVectorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["rho"] = Rho.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ["gamma"] = Gamma.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ["iterations"] = Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["hit_iteration_limit"] = HitIterationLimit ? "true" : "false",
    };

    private SvmKernel Kernel => new(Options.Kernel, Gamma, Options.Degree, Options.Coef0);

    /// <inheritdoc />
    protected override void FitCore(Dataset train, CancellationToken ct)
    {
        int l = train.Rows, d = train.Columns;
        var x = train.Values.ToArray();
        Gamma = SvmKernel.ResolveGamma(Options.Gamma, x, d);
        var q = new OneClassQ(x, l, d, Kernel, (long)(Options.CacheMb * (1 << 20)), Options.Threads);
        var solution = OneClassSolver.Solve(q, l, Options.Nu, Options.Tolerance, Options.Shrinking, ct);
        if (!double.IsFinite(solution.Rho))
            throw new InvalidInputException(
                $"ocsvm: nu={Options.Nu} puts every training row at its bound, so the offset rho is not finite; use a nu below 1");
        var index = Enumerable.Range(0, l).Where(i => solution.Alpha[i] > 0).ToArray();
        _d = d;
        _supportIndex = index;
        _coef = index.Select(i => solution.Alpha[i]).ToArray();
        _support = new float[index.Length * d];
        for (int k = 0; k < index.Length; k++) x.AsSpan(index[k] * d, d).CopyTo(_support.AsSpan(k * d, d));
        _supportSquare = SquaredNorms(_support, d);
        Rho = solution.Rho;
        Iterations = solution.Iterations;
        HitIterationLimit = solution.HitIterationLimit;
    }

    /// <summary>scikit-learn's decision_function: Σ αᵢ K(xᵢ, x) − ρ, positive for inliers.</summary>
    public double[] DecisionFunction(Dataset data) => Score(data).Select(s => -s).ToArray();

    /// <summary>scikit-learn's score_samples: Σ αᵢ K(xᵢ, x), without the offset.</summary>
    public double[] ScoreSamples(Dataset data) => Score(data).Select(s => Rho - s).ToArray();

    /// <inheritdoc />
    public string? ExportBlocker => null;

    /// <summary>
    /// ρ − Σᵢ αᵢ K(x, svᵢ) in double: the inner products with the support vectors as one MatMul, then the kernel
    /// (RBF from the squared norms, as in training), then the weighted sum.
    /// </summary>
    public Export.GraphValue AppendScore(Export.ScoreGraph graph, Export.GraphValue rows)
    {
        const Export.GraphType D = Export.GraphType.Double;
        int nSv = _coef.Length;
        var x = graph.Cast(rows, D);
        var transposed = new double[_d * nSv];
        for (int s = 0; s < nSv; s++)
            for (int j = 0; j < _d; j++) transposed[j * nSv + s] = _support[s * _d + j];
        var dots = graph.Op("MatMul", D, [x, graph.Constant(D, [_d, nSv], transposed, "support")]);
        var kernel = Kernel;
        Export.GraphValue Gamma() => graph.Scalar(D, kernel.Gamma, "gamma");
        var k = kernel.Type switch
        {
            SvmKernelType.Linear => dots,
            SvmKernelType.Rbf => graph.Unary("Exp", graph.Binary("Mul", graph.Scalar(D, -kernel.Gamma, "minus_gamma"),
                graph.Binary("Sub", graph.Binary("Add", graph.Sum(graph.Binary("Mul", x, x), keepDims: true, 1), graph.Vector(D, _supportSquare, "support_sq")),
                    graph.Binary("Mul", graph.Scalar(D, 2, "two"), dots)))),
            SvmKernelType.Poly => graph.Binary("Pow", graph.Binary("Add", graph.Binary("Mul", Gamma(), dots), graph.Scalar(D, kernel.Coef0, "coef0")),
                graph.Scalar(D, kernel.Degree, "degree")),
            _ => graph.Unary("Tanh", graph.Binary("Add", graph.Binary("Mul", Gamma(), dots), graph.Scalar(D, kernel.Coef0, "coef0"))),
        };
        var sum = graph.Op("MatMul", D, [k, graph.Vector(D, _coef, "alpha")]);
        return graph.Binary("Sub", graph.Scalar(D, Rho, "rho"), sum);
    }

    /// <inheritdoc />
    protected override double[] ScoreCore(Dataset data)
    {
        var scores = new double[data.Rows];
        int d = _d, nSv = _coef.Length;
        var kernel = Kernel;
        int blocks = (data.Rows + RowBlock - 1) / RowBlock;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.Threads == 0 ? Environment.ProcessorCount : Options.Threads };
        RowBlocks.For(blocks, parallel, b =>
        {
            int start = b * RowBlock, count = Math.Min(RowBlock, data.Rows - start);
            Span<double> sum = stackalloc double[RowBlock];
            Span<double> k = stackalloc double[SupportBlock];
            sum.Clear();
            // Blocks of support vectors stay in cache while the rows pass over them; each row still adds its
            // terms in support-vector order, so the block sizes do not change a bit of the result.
            for (int s0 = 0; s0 < nSv; s0 += SupportBlock)
            {
                int s1 = Math.Min(nSv, s0 + SupportBlock);
                var values = k[..(s1 - s0)];
                for (int r = 0; r < count; r++)
                {
                    var xr = data.Row(start + r);
                    for (int s = s0; s < s1; s++) values[s - s0] = SvmKernel.Dot(_support.AsSpan(s * d, d), xr);
                    kernel.Apply(values, SvmKernel.Dot(xr, xr), _supportSquare.AsSpan(s0, s1 - s0));
                    double acc = sum[r];
                    for (int s = s0; s < s1; s++) acc += _coef[s] * values[s - s0];
                    sum[r] = acc;
                }
            }
            for (int r = 0; r < count; r++) scores[start + r] = Rho - sum[r];
        });
        return scores;
    }

    /// <summary>Writes the model (γ, ρ, support vectors and their α).</summary>
    public void SavePayload(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(PayloadVersion);
        w.Write(_d);
        w.Write(_coef.Length);
        w.Write(Gamma);
        w.Write(Rho);
        foreach (var i in _supportIndex) w.Write(i);
        foreach (var c in _coef) w.Write(c);
        foreach (var v in _support) w.Write(v);
    }

    /// <summary>Reads a model written by <see cref="SavePayload"/>, checking sizes and values.</summary>
    public static OneClassSvm LoadPayload(Stream stream, OneClassSvmOptions options, double threshold)
    {
        var model = new OneClassSvm(options);
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (r.ReadInt32() != PayloadVersion) throw new InvalidInputException("ocsvm payload: unknown version");
            int d = r.ReadInt32(), n = r.ReadInt32();
            if (d < 1 || n < 1 || (long)n * d > 1L << 31)
                throw new InvalidInputException($"ocsvm payload: {n} support vectors of {d} features is not a valid size");
            double gamma = r.ReadDouble(), rho = r.ReadDouble();
            if (!double.IsFinite(rho) || !(double.IsFinite(gamma) || options.Kernel == SvmKernelType.Linear))
                throw new InvalidInputException("ocsvm payload: gamma or rho is not finite");
            var index = new int[n];
            for (int i = 0; i < n; i++) index[i] = r.ReadInt32();
            var coef = new double[n];
            for (int i = 0; i < n; i++)
            {
                coef[i] = r.ReadDouble();
                if (!(coef[i] > 0 && coef[i] <= 1)) throw new InvalidInputException($"ocsvm payload: alpha {i} = {coef[i]} is outside (0, 1]");
            }
            var support = new float[n * d];
            for (int i = 0; i < support.Length; i++)
            {
                support[i] = r.ReadSingle();
                if (!float.IsFinite(support[i])) throw new InvalidInputException("ocsvm payload: a support vector is not finite");
            }
            if (stream.CanSeek && stream.Position != stream.Length) throw new InvalidInputException("ocsvm payload: unexpected bytes after the model");
            model._d = d;
            model._supportIndex = index;
            model._coef = coef;
            model._support = support;
            model._supportSquare = SquaredNorms(support, d);
            model.Gamma = gamma;
            model.Rho = rho;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidInputException("ocsvm payload: the file ends early");
        }
        model.RestoreFitted(model._d, threshold);
        return model;
    }

    private static double[] SquaredNorms(float[] rows, int d)
    {
        var result = new double[rows.Length / d];
        for (int i = 0; i < result.Length; i++)
        {
            var row = rows.AsSpan(i * d, d);
            result[i] = SvmKernel.Dot(row, row);
        }
        return result;
    }
}
