using MinLGan.Data;

namespace MinLGan.Detectors;

/// <summary>
/// The detector contract (PyOD's shape): fit on normal training rows, score where higher means more anomalous,
/// a threshold from the contamination, and predict = score &gt; threshold.
/// </summary>
public interface IAnomalyDetector
{
    /// <summary>Registry name (iforest, ...).</summary>
    string Name { get; }

    /// <summary>True after <see cref="Fit"/> (or after loading).</summary>
    bool IsFitted { get; }

    /// <summary>Number of features seen in <see cref="Fit"/>.</summary>
    int FeatureCount { get; }

    /// <summary>The (1 - contamination) quantile of the training scores.</summary>
    double Threshold { get; }

    /// <summary>Learns from training rows (labels, if any, are ignored).</summary>
    void Fit(Dataset train, CancellationToken ct = default);

    /// <summary>One score per row, higher = more anomalous. A row's score does not depend on the other rows.</summary>
    double[] Score(Dataset data);

    /// <summary>Score &gt; <see cref="Threshold"/>, per row.</summary>
    bool[] Predict(Dataset data);
}
