using MinLGan.Data;

namespace MinLGan.Preprocessing;

/// <summary>
/// Z-scoring with the population standard deviation, as scikit-learn's StandardScaler. A column that is
/// constant in training gets scale 1, so test rows stay finite whatever value they carry there.
/// </summary>
public sealed class StandardScaler
{
    private StandardScaler(double[] mean, double[] scale)
    {
        Mean = mean;
        Scale = scale;
    }

    /// <summary>Column means learned from training rows.</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>Column scales (population std; 1 where the column was constant).</summary>
    public IReadOnlyList<double> Scale { get; }

    /// <summary>Learns means and scales from <paramref name="train"/>.</summary>
    public static StandardScaler Fit(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Rows == 0) throw new InvalidInputException("cannot fit a scaler on zero rows");
        int d = train.Columns;
        var mean = new double[d];
        var m2 = new double[d];
        // Welford, in double, column by column over rows.
        for (int i = 0; i < train.Rows; i++)
        {
            var row = train.Row(i);
            for (int j = 0; j < d; j++)
            {
                double x = row[j];
                double delta = x - mean[j];
                mean[j] += delta / (i + 1);
                m2[j] += delta * (x - mean[j]);
            }
        }
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            double std = Math.Sqrt(m2[j] / train.Rows);
            // scikit-learn's _handle_zeros_in_scale: a scale below 10 * machine epsilon counts as zero.
            scale[j] = std < 10 * double.Epsilon || std <= 10 * 2.220446049250313e-16 * Math.Abs(mean[j]) || std == 0 ? 1.0 : std;
        }
        return new StandardScaler(mean, scale);
    }

    /// <summary>Restores a scaler from saved statistics.</summary>
    public static StandardScaler FromStatistics(IReadOnlyList<double> mean, IReadOnlyList<double> scale)
    {
        if (mean.Count != scale.Count) throw new InvalidInputException("scaler statistics: mean and scale differ in length");
        if (mean.Any(m => !double.IsFinite(m)) || scale.Any(s => !double.IsFinite(s) || s <= 0))
            throw new InvalidInputException("scaler statistics: means must be finite and scales finite and positive");
        return new StandardScaler(mean.ToArray(), scale.ToArray());
    }

    /// <summary>(x - mean) / scale for every row.</summary>
    public Dataset Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Columns != Mean.Count)
            throw new InvalidInputException($"the scaler was fitted on {Mean.Count} features, the data has {data.Columns}");
        var values = new float[data.Values.Length];
        var src = data.Values;
        int d = data.Columns;
        for (int i = 0; i < values.Length; i++)
        {
            int j = i % d;
            values[i] = (float)((src[i] - Mean[j]) / Scale[j]);
        }
        return data.WithValues(values);
    }
}
