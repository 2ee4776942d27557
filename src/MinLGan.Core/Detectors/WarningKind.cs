namespace MinLGan.Detectors;

/// <summary>The kinds of <see cref="DetectorWarning"/>.</summary>
public enum WarningKind
{
    /// <summary>The holdout's anomalies scored as MORE normal than its normal rows (AUC below 0.5): do not trust the model.</summary>
    InvertedScores,
    /// <summary>Training was cancelled; the model is what was kept so far.</summary>
    Cancelled,
    /// <summary>A loss became NaN or infinite; the model is what was kept before.</summary>
    NonFiniteLoss,
    /// <summary>A holdout was expected (termination or scaling) but none with both classes was given.</summary>
    NoHoldout,
    /// <summary>A degenerate case handled by a documented fallback (for example a constant ensemble member).</summary>
    Fallback,
    /// <summary>Ensemble members were left out of the score (their holdout AUC was below 0.5).</summary>
    MembersDropped,
}
