namespace MinLGan.Evaluation;

/// <summary>One candidate of a holdout grid search: its parameters, holdout AUC and fit seconds.</summary>
public sealed record GridPoint(IReadOnlyDictionary<string, string> Options, double HoldoutAuc, double FitSeconds);
