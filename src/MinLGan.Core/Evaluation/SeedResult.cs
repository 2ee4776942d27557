namespace MinLGan.Evaluation;

/// <summary>One seed's evaluation: what results.json holds per seed.</summary>
public sealed record SeedResult
{
    /// <summary>Protocol name.</summary>
    public required string Protocol { get; init; }
    /// <summary>Detector name.</summary>
    public required string Detector { get; init; }
    /// <summary>The seed used for the split and the detector.</summary>
    public required int Seed { get; init; }
    /// <summary>ROC AUC on the test rows (holdout excluded).</summary>
    public required double Auc { get; init; }
    /// <summary>ROC AUC on the labeled holdout; null when the holdout lacks a class.</summary>
    public double? HoldoutAuc { get; init; }
    /// <summary>
    /// With <see cref="SplitOptions.CheckFraction"/>: ROC AUC of the selected model on the holdout rows kept back from
    /// selection (null without them or when they lack a class); <see cref="HoldoutAuc"/> is then on the selection rows.
    /// </summary>
    public double? CheckAuc { get; init; }
    /// <summary>Holdout rows kept back from selection (0 without <see cref="SplitOptions.CheckFraction"/>); included in <see cref="NHoldout"/>.</summary>
    public int NCheck { get; init; }
    /// <summary>Training rows (normal only).</summary>
    public required int NTrain { get; init; }
    /// <summary>Holdout rows.</summary>
    public required int NHoldout { get; init; }
    /// <summary>Test rows.</summary>
    public required int NTest { get; init; }
    /// <summary>Anomalies among the test rows.</summary>
    public required int NTestAnomalies { get; init; }
    /// <summary>
    /// Ensembles: the test AUC of the ensemble of its first k members used, k = 1 ... N (the last equals
    /// <see cref="Auc"/>), from one pass of the members (Figures 2 and 3); null for other detectors.
    /// </summary>
    public IReadOnlyList<double>? AucByMembers { get; init; }
    /// <summary>Wall seconds of Fit.</summary>
    public required double FitSeconds { get; init; }
    /// <summary>Wall seconds of scoring the test rows.</summary>
    public required double ScoreSeconds { get; init; }
    /// <summary>"auto", "standard", "minmax", "l2" or "none".</summary>
    public required string Scaler { get; init; }
    /// <summary>What the scaler did on this seed's training rows (for auto: how many columns z-scored, how many min-maxed); null without one.</summary>
    public string? ScalerResolution { get; init; }
    /// <summary>Resolved detector parameters.</summary>
    public required IReadOnlyDictionary<string, string> Options { get; init; }
    /// <summary>Split settings.</summary>
    public required SplitOptions Split { get; init; }
    /// <summary>How the model was selected or when training ended (for iterative detectors); "fit" for one-shot ones.</summary>
    public string Selection { get; init; } = "fit";
    /// <summary>With <c>--grid</c>: every candidate and its holdout AUC (the selected one is <see cref="Options"/>).</summary>
    public IReadOnlyList<GridPoint>? Grid { get; init; }
    /// <summary>What the kept model learned, when the detector says (OCSVM: support vectors, rho, gamma, iterations).</summary>
    public IReadOnlyDictionary<string, string>? Model { get; init; }
    /// <summary>The compute budget the options came from (--budget), or null.</summary>
    public string? Budget { get; init; }
    /// <summary>Notes from the readers and the split.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
