namespace MinLGan.Preprocessing;

/// <summary>How features are scaled before a detector sees them.</summary>
public enum ScalerKind
{
    /// <summary>Z-scores with the population standard deviation, as scikit-learn's StandardScaler.</summary>
    Standard,
    /// <summary>(x − min) / (max − min) with training minima and maxima, as scikit-learn's MinMaxScaler; test rows may leave [0, 1].</summary>
    MinMax,
}
