namespace MinLGan.Metrics;

/// <summary>Area under the ROC curve, equal to scikit-learn's <c>roc_auc_score</c> (ties count one half).</summary>
public static class Auc
{
    /// <summary>ROC AUC of <paramref name="scores"/> (higher = more anomalous) against labels (1 = anomaly).</summary>
    public static double Compute(IReadOnlyList<int> labels, IReadOnlyList<double> scores) => RocCurve.Compute(labels, scores).Auc;
}
