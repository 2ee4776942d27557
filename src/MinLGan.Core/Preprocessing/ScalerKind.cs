namespace MinLGan.Preprocessing;

/// <summary>How features are scaled before a detector sees them.</summary>
public enum ScalerKind
{
    /// <summary>Z-scores with the population standard deviation, as scikit-learn's StandardScaler.</summary>
    Standard,
    /// <summary>(x − min) / (max − min) with training minima and maxima, as scikit-learn's MinMaxScaler; test rows may leave [0, 1].</summary>
    MinMax,
    /// <summary>
    /// Chosen per column on the training rows: a column with at most two distinct values (a flag, a one-hot category)
    /// is min-maxed to {0, 1}; every other column is z-scored. Z-scores would blow a rare flag up to 1/√p.
    /// </summary>
    Auto,
    /// <summary>
    /// Each row divided by its Euclidean norm, as scikit-learn's Normalizer (a zero row stays zero); nothing is learned.
    /// For embeddings such as ResNet-18 features, where the direction carries the meaning and the length does not.
    /// </summary>
    L2,
}
