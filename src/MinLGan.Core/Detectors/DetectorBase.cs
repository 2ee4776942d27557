using MinLGan.Data;

namespace MinLGan.Detectors;

/// <summary>
/// Shared behaviour of every detector (PyOD's BaseDetector): input checks, the threshold from training
/// scores and contamination, and Predict. Subclasses implement <see cref="FitCore"/> and <see cref="ScoreCore"/>.
/// </summary>
public abstract class DetectorBase : IAnomalyDetector
{
    /// <summary>Creates a detector with a contamination in (0, 0.5].</summary>
    protected DetectorBase(double contamination)
    {
        if (!(contamination > 0 && contamination <= 0.5))
            throw new InvalidInputException($"contamination={contamination}: expected a number in (0, 0.5]");
        Contamination = contamination;
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>Expected share of anomalies among training rows; sets <see cref="Threshold"/>.</summary>
    public double Contamination { get; }

    /// <inheritdoc />
    public bool IsFitted { get; private set; }

    /// <inheritdoc />
    public int FeatureCount { get; private set; }

    /// <inheritdoc />
    public double Threshold { get; private set; } = double.NaN;

    /// <inheritdoc />
    public void Fit(Dataset train, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Rows < 2) throw new InvalidInputException($"{Name}: training needs at least 2 rows, got {train.Rows}");
        CheckFinite(train);
        FitCore(train, ct);
        FeatureCount = train.Columns;
        IsFitted = true;
        Threshold = Quantile(TrainingScores(train), 1 - Contamination);
    }

    /// <inheritdoc />
    public double[] Score(Dataset data)
    {
        CheckScorable(data);
        return data.Rows == 0 ? [] : ScoreCore(data);
    }

    /// <summary>What <see cref="Score"/> checks before scoring: fitted, the same feature count, finite values.</summary>
    protected void CheckScorable(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!IsFitted) throw new InvalidOperationException($"{Name}: Score called before Fit");
        if (data.Columns != FeatureCount)
            throw new InvalidInputException($"{Name}: the model was fitted on {FeatureCount} features, the data has {data.Columns}");
        CheckFinite(data);
    }

    /// <inheritdoc />
    public bool[] Predict(Dataset data) => Score(data).Select(s => s > Threshold).ToArray();

    /// <summary>Learns the model. Rows are finite and there are at least two.</summary>
    protected abstract void FitCore(Dataset train, CancellationToken ct);

    /// <summary>Scores rows (already checked: fitted, right width, finite).</summary>
    protected abstract double[] ScoreCore(Dataset data);

    /// <summary>
    /// The training rows' scores that set <see cref="Threshold"/>, called once after <see cref="FitCore"/>: by default
    /// <see cref="ScoreCore"/> of them; the nearest-neighbour detectors leave each row out of its own neighbours.
    /// </summary>
    protected virtual double[] TrainingScores(Dataset train) => ScoreCore(train);

    /// <summary>Marks a loaded detector as fitted, with its saved feature count and threshold.</summary>
    protected void RestoreFitted(int featureCount, double threshold)
    {
        if (featureCount < 1) throw new InvalidInputException($"{Name}: saved feature count {featureCount} is not positive");
        if (!double.IsFinite(threshold)) throw new InvalidInputException($"{Name}: saved threshold is not finite");
        FeatureCount = featureCount;
        Threshold = threshold;
        IsFitted = true;
    }

    /// <summary>numpy.quantile with linear interpolation (numpy's default).</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        var sorted = values.Order().ToArray();
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    private void CheckFinite(Dataset data)
    {
        var v = data.Values;
        for (int i = 0; i < v.Length; i++)
            if (!float.IsFinite(v[i]))
                throw new InvalidInputException($"{Name}: row {i / data.Columns + 1}, feature {data.FeatureNames[i % data.Columns]} is not finite");
    }
}
