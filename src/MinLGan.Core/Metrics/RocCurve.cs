namespace MinLGan.Metrics;

/// <summary>
/// The ROC curve of scores against labels (1 = anomaly = positive), one point per distinct score, as
/// scikit-learn's <c>roc_curve(drop_intermediate=False)</c>: thresholds in decreasing order, starting at (0, 0).
/// </summary>
public sealed class RocCurve
{
    private RocCurve(double[] fpr, double[] tpr, double[] thresholds, double auc)
    {
        FalsePositiveRate = fpr;
        TruePositiveRate = tpr;
        Thresholds = thresholds;
        Auc = auc;
    }

    /// <summary>False positive rate at each threshold.</summary>
    public IReadOnlyList<double> FalsePositiveRate { get; }

    /// <summary>True positive rate at each threshold.</summary>
    public IReadOnlyList<double> TruePositiveRate { get; }

    /// <summary>Thresholds (score >= threshold is called positive); the first is +infinity.</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>Area under the curve (trapezoids, so tied scores count one half).</summary>
    public double Auc { get; }

    /// <summary>Computes the curve. Needs both classes; NaN scores are an error.</summary>
    public static RocCurve Compute(IReadOnlyList<int> labels, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        if (labels.Count != scores.Count)
            throw new ArgumentException($"{labels.Count} labels but {scores.Count} scores");
        long positives = 0, negatives = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] == 1) positives++;
            else if (labels[i] == 0) negatives++;
            else throw new ArgumentException($"label {labels[i]} at index {i}; labels must be 0 or 1");
            if (double.IsNaN(scores[i])) throw new ArgumentException($"score at index {i} is NaN");
        }
        if (positives == 0 || negatives == 0)
            throw new ArgumentException("ROC AUC needs both classes; only one class is present");

        var order = Enumerable.Range(0, scores.Count).ToArray();
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]));
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        var thr = new List<double> { double.PositiveInfinity };
        long tp = 0, fp = 0;
        double area = 0;
        long prevTp = 0, prevFp = 0;
        for (int k = 0; k < order.Length; k++)
        {
            if (labels[order[k]] == 1) tp++; else fp++;
            bool lastOfTie = k == order.Length - 1 || scores[order[k + 1]] != scores[order[k]];
            if (!lastOfTie) continue;
            // Trapezoid between the previous distinct threshold and this one, in counts (exact in long arithmetic).
            area += (fp - prevFp) * (double)(tp + prevTp);
            prevTp = tp;
            prevFp = fp;
            fpr.Add((double)fp / negatives);
            tpr.Add((double)tp / positives);
            thr.Add(scores[order[k]]);
        }
        double auc = area / (2.0 * positives * negatives);
        return new RocCurve(fpr.ToArray(), tpr.ToArray(), thr.ToArray(), auc);
    }
}
