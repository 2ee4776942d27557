using System.Diagnostics;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Preprocessing;

namespace MinLGan.Evaluation;

/// <summary>
/// One seed of the pipeline: split → scaler fitted on train → detector fitted on train → scores on holdout
/// and test → AUC. Returns the result, the test scores and the scaled split (for export).
/// </summary>
public static class Evaluator
{
    /// <summary>What one seed produced.</summary>
    /// <param name="Result">The numbers.</param>
    /// <param name="TestLabels">Test labels (1 = anomaly), in test order.</param>
    /// <param name="TestScores">Test scores, in test order.</param>
    /// <param name="Scaled">The split after scaling (what the detector saw).</param>
    /// <param name="Detector">The fitted detector.</param>
    /// <param name="Scaler">The fitted scaler, or null.</param>
    public sealed record Outcome(SeedResult Result, int[] TestLabels, double[] TestScores, ProtocolSplit Scaled, IAnomalyDetector Detector, StandardScaler? Scaler);

    /// <summary>Runs one seed.</summary>
    public static Outcome Run(ProtocolData data, DetectorInfo detector, DetectorParameters parameters, int seed,
        bool standardize, SplitOptions splitOptions, CancellationToken ct = default)
    {
        var split = data.Split(seed, splitOptions);
        var scaler = standardize ? StandardScaler.Fit(split.Train) : null;
        Dataset Scale(Dataset d) => scaler?.Transform(d) ?? d;
        var scaled = split with { Train = Scale(split.Train), Holdout = Scale(split.Holdout), Test = Scale(split.Test) };

        var model = detector.Create(parameters, seed);
        var usesHoldout = model as IUsesHoldout;
        usesHoldout?.UseHoldout(scaled.Holdout);
        var sw = Stopwatch.StartNew();
        model.Fit(scaled.Train, ct);
        double fit = sw.Elapsed.TotalSeconds;

        sw.Restart();
        var scores = model.Score(scaled.Test);
        double score = sw.Elapsed.TotalSeconds;

        var testLabels = scaled.Test.Labels!;
        double? holdoutAuc = null;
        var hl = scaled.Holdout.Labels!;
        if (hl.Contains(0) && hl.Contains(1))
            holdoutAuc = Auc.Compute(hl, model.Score(scaled.Holdout));

        var result = new SeedResult
        {
            Protocol = data.Protocol,
            Detector = detector.Name,
            Seed = seed,
            Auc = Auc.Compute(testLabels, scores),
            HoldoutAuc = holdoutAuc,
            NTrain = split.Train.Rows,
            NHoldout = split.Holdout.Rows,
            NTest = split.Test.Rows,
            NTestAnomalies = split.Test.AnomalyCount,
            FitSeconds = fit,
            ScoreSeconds = score,
            Scaler = standardize ? "standard" : "none",
            Options = parameters.Values,
            Split = splitOptions,
            Notes = usesHoldout is null ? split.Notes : [.. split.Notes, .. usesHoldout.Warnings],
            Selection = usesHoldout?.Selection ?? "fit",
        };
        return new Outcome(result, testLabels, scores, scaled, model, scaler);
    }
}
