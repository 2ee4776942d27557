using MinLGan.Data;

namespace MinLGan.Preprocessing;

/// <summary>
/// A per-feature affine scaling (x − offset) / scale learned from training rows only: z-scoring
/// (<see cref="ScalerKind.Standard"/>) or min-max (<see cref="ScalerKind.MinMax"/>). A column that is constant in
/// training gets scale 1, so test rows stay finite whatever value they carry there. <see cref="ScalerKind.L2"/> scales
/// rows, not columns: each row to unit Euclidean length (its offsets are 0 and its scales 1).
/// </summary>
public sealed class FeatureScaler
{
    private FeatureScaler(ScalerKind kind, double[] offset, double[] scale)
    {
        Kind = kind;
        Offset = offset;
        Scale = scale;
    }

    /// <summary>Which scaling.</summary>
    public ScalerKind Kind { get; }

    /// <summary>Per column: the training mean (standard) or minimum (min-max).</summary>
    public IReadOnlyList<double> Offset { get; }

    /// <summary>Per column: the population std (standard) or max − min (min-max); 1 where the column was constant.</summary>
    public IReadOnlyList<double> Scale { get; }

    /// <summary>Name used on the command line and in files: standard, minmax, auto or l2.</summary>
    public string Name => Kind switch { ScalerKind.Standard => "standard", ScalerKind.MinMax => "minmax", ScalerKind.L2 => "l2", _ => "auto" };

    /// <summary>
    /// What the scaler does, in words: for <see cref="ScalerKind.Auto"/> how many columns were z-scored and how many
    /// two-valued columns min-maxed (results and model listings record it).
    /// </summary>
    public string Resolution { get; private init; } = "";

    /// <summary>Z-scoring learned from <paramref name="train"/>.</summary>
    public static FeatureScaler Fit(Dataset train) => Fit(train, ScalerKind.Standard);

    /// <summary>Learns offsets and scales from <paramref name="train"/>.</summary>
    public static FeatureScaler Fit(Dataset train, ScalerKind kind)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Rows == 0) throw new InvalidInputException("cannot fit a scaler on zero rows");
        int d = train.Columns;
        var offset = new double[d];
        var scale = new double[d];
        if (kind == ScalerKind.L2)
        {
            Array.Fill(scale, 1.0);
            return new FeatureScaler(kind, offset, scale) { Resolution = "l2: every row divided by its Euclidean norm" };
        }
        if (kind == ScalerKind.Auto)
        {
            var standard = Fit(train, ScalerKind.Standard);
            var minmax = Fit(train, ScalerKind.MinMax);
            var twoValued = TwoValuedColumns(train);
            for (int j = 0; j < d; j++)
                (offset[j], scale[j]) = twoValued[j] ? (minmax.Offset[j], minmax.Scale[j]) : (standard.Offset[j], standard.Scale[j]);
            int flags = twoValued.Count(t => t);
            return new FeatureScaler(kind, offset, scale)
            {
                Resolution = $"auto: {d - flags} columns z-scored, {flags} columns with at most two values min-maxed to [0, 1]",
            };
        }
        if (kind == ScalerKind.Standard)
        {
            var m2 = new double[d];
            // Welford, in double.
            for (int i = 0; i < train.Rows; i++)
            {
                var row = train.Row(i);
                for (int j = 0; j < d; j++)
                {
                    double x = row[j];
                    double delta = x - offset[j];
                    offset[j] += delta / (i + 1);
                    m2[j] += delta * (x - offset[j]);
                }
            }
            for (int j = 0; j < d; j++)
            {
                double std = Math.Sqrt(m2[j] / train.Rows);
                // scikit-learn's _handle_zeros_in_scale: a scale at the level of rounding noise counts as zero.
                scale[j] = std == 0 || std <= 10 * 2.220446049250313e-16 * Math.Abs(offset[j]) ? 1.0 : std;
            }
        }
        else
        {
            var max = new double[d];
            Array.Fill(offset, double.PositiveInfinity);
            Array.Fill(max, double.NegativeInfinity);
            for (int i = 0; i < train.Rows; i++)
            {
                var row = train.Row(i);
                for (int j = 0; j < d; j++)
                {
                    offset[j] = Math.Min(offset[j], row[j]);
                    max[j] = Math.Max(max[j], row[j]);
                }
            }
            for (int j = 0; j < d; j++)
                scale[j] = max[j] > offset[j] ? max[j] - offset[j] : 1.0;
        }
        return new FeatureScaler(kind, offset, scale) { Resolution = kind == ScalerKind.Standard ? "standard: every column z-scored" : "minmax: every column to [0, 1]" };
    }

    /// <summary>Per column: true when the training rows hold at most two distinct values there.</summary>
    private static bool[] TwoValuedColumns(Dataset train)
    {
        int d = train.Columns;
        var first = new float[d];
        var second = new float?[d];
        var many = new bool[d];
        for (int i = 0; i < train.Rows; i++)
        {
            var row = train.Row(i);
            for (int j = 0; j < d; j++)
            {
                float x = row[j];
                if (i == 0) first[j] = x;
                else if (x != first[j] && !many[j])
                {
                    if (second[j] is null) second[j] = x;
                    else if (x != second[j]) many[j] = true;
                }
            }
        }
        return many.Select(m => !m).ToArray();
    }

    /// <summary>Restores a scaler from saved statistics.</summary>
    public static FeatureScaler FromStatistics(ScalerKind kind, IReadOnlyList<double> offset, IReadOnlyList<double> scale)
    {
        if (offset.Count != scale.Count) throw new InvalidInputException("scaler statistics: offset and scale differ in length");
        if (offset.Any(m => !double.IsFinite(m)) || scale.Any(s => !double.IsFinite(s) || s <= 0))
            throw new InvalidInputException("scaler statistics: offsets must be finite and scales finite and positive");
        if (kind == ScalerKind.L2 && (offset.Any(m => m != 0) || scale.Any(s => s != 1)))
            throw new InvalidInputException("scaler statistics: an l2 scaler has offsets 0 and scales 1");
        return new FeatureScaler(kind, offset.ToArray(), scale.ToArray());
    }

    /// <summary>Parses auto, standard, minmax, l2 or none (null).</summary>
    public static ScalerKind? Parse(string text) => text switch
    {
        "auto" => ScalerKind.Auto,
        "standard" => ScalerKind.Standard,
        "minmax" => ScalerKind.MinMax,
        "l2" => ScalerKind.L2,
        "none" => null,
        _ => throw new InvalidInputException($"scaler {text}: expected auto, standard, minmax, l2 or none"),
    };

    /// <summary>(x − offset) / scale for every row; for <see cref="ScalerKind.L2"/>, x / ‖x‖₂.</summary>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns != Offset.Count)
            throw new InvalidInputException($"the scaler was fitted on {Offset.Count} features, the data has {data.Columns}");
        var values = new float[data.Values.Length];
        var src = data.Values;
        int d = data.Columns;
        if (Kind == ScalerKind.L2)
        {
            for (int start = 0; start < values.Length; start += d)
            {
                double sum = 0;
                for (int j = start; j < start + d; j++) sum += (double)src[j] * src[j];
                double norm = Math.Sqrt(sum);
                if (norm == 0) norm = 1;
                for (int j = start; j < start + d; j++) values[j] = (float)(src[j] / norm);
            }
            return data.WithValues(values);
        }
        for (int i = 0; i < values.Length; i++)
        {
            int j = i % d;
            values[i] = (float)((src[i] - Offset[j]) / Scale[j]);
        }
        return data.WithValues(values);
    }
}
