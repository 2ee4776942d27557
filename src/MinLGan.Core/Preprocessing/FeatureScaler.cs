using MinLGan.Data;

namespace MinLGan.Preprocessing;

/// <summary>
/// A per-feature affine scaling (x − offset) / scale learned from training rows only: z-scoring
/// (<see cref="ScalerKind.Standard"/>) or min-max (<see cref="ScalerKind.MinMax"/>). A column that is constant in
/// training gets scale 1, so test rows stay finite whatever value they carry there.
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

    /// <summary>Name used on the command line and in files: standard or minmax.</summary>
    public string Name => Kind == ScalerKind.Standard ? "standard" : "minmax";

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
        return new FeatureScaler(kind, offset, scale);
    }

    /// <summary>Restores a scaler from saved statistics.</summary>
    public static FeatureScaler FromStatistics(ScalerKind kind, IReadOnlyList<double> offset, IReadOnlyList<double> scale)
    {
        if (offset.Count != scale.Count) throw new InvalidInputException("scaler statistics: offset and scale differ in length");
        if (offset.Any(m => !double.IsFinite(m)) || scale.Any(s => !double.IsFinite(s) || s <= 0))
            throw new InvalidInputException("scaler statistics: offsets must be finite and scales finite and positive");
        return new FeatureScaler(kind, offset.ToArray(), scale.ToArray());
    }

    /// <summary>Parses standard, minmax or none (null).</summary>
    public static ScalerKind? Parse(string text) => text switch
    {
        "standard" => ScalerKind.Standard,
        "minmax" => ScalerKind.MinMax,
        "none" => null,
        _ => throw new InvalidInputException($"scaler {text}: expected standard, minmax or none"),
    };

    /// <summary>(x − offset) / scale for every row.</summary>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns != Offset.Count)
            throw new InvalidInputException($"the scaler was fitted on {Offset.Count} features, the data has {data.Columns}");
        var values = new float[data.Values.Length];
        var src = data.Values;
        int d = data.Columns;
        for (int i = 0; i < values.Length; i++)
        {
            int j = i % d;
            values[i] = (float)((src[i] - Offset[j]) / Scale[j]);
        }
        return data.WithValues(values);
    }
}
