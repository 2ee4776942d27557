using System.Diagnostics;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Metrics;
using MinLGan.Preprocessing;

namespace MinLGan.Evaluation;

/// <summary>
/// One seed of the pipeline: split → scaler fitted on train → detector fitted on train (for each candidate
/// parameter set; the best holdout AUC wins) → scores on the test rows → AUC. Test rows are scored only by the
/// selected model. With <see cref="SplitOptions.CheckFraction"/>, part of the holdout is kept back from selection and
/// reports the selected model's check AUC. Returns the result, the test scores and the scaled split (for export; its
/// holdout holds both parts).
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
    public sealed record Outcome(SeedResult Result, int[] TestLabels, double[] TestScores, ProtocolSplit Scaled, IAnomalyDetector Detector, FeatureScaler? Scaler)
    {
        /// <summary>The fitted detector's warnings (empty for detectors that have none).</summary>
        public IReadOnlyList<DetectorWarning> Warnings => (Detector as IUsesHoldout)?.Warnings ?? [];
    }

    /// <summary>Runs one seed with one parameter set.</summary>
    public static Outcome Run(ProtocolData data, DetectorInfo detector, DetectorParameters parameters, int seed,
        ScalerKind? scaling, SplitOptions splitOptions, CancellationToken ct = default) =>
        Run(data, detector, [parameters], seed, scaling, splitOptions, null, null, ct);

    /// <summary>
    /// Runs one seed. With several candidate parameter sets, each is fitted and the one with the best holdout AUC
    /// is kept (ties: the first); the others never see the test rows. <paramref name="configure"/> sees each detector
    /// before it is fitted (progress displays). After a cancellation the candidates fitted so far still compete.
    /// </summary>
    public static Outcome Run(ProtocolData data, DetectorInfo detector, IReadOnlyList<DetectorParameters> candidates, int seed,
        ScalerKind? scaling, SplitOptions splitOptions, Action<string>? log, Action<IAnomalyDetector>? configure, CancellationToken ct = default)
    {
        if (candidates.Count == 0) throw new ArgumentException("no parameter set", nameof(candidates));
        var split = data.Split(seed, splitOptions);
        var scaler = ModelFitter.FitScaler(split.Train, scaling);
        Dataset Scale(Dataset d) => scaler?.Transform(d) ?? d;
        var scaled = split with { Train = Scale(split.Train), Holdout = Scale(split.Holdout), Test = Scale(split.Test) };
        // With a check fraction, selection (termination, grid) sees only part of the holdout; the rest checks it.
        var (selectRows, checkRows) = ProtocolSplitter.SplitCheck(scaled.Holdout.Labels!, seed, splitOptions.CheckFraction);
        var selectHoldout = checkRows.Length == 0 ? scaled.Holdout : scaled.Holdout.Select(selectRows);
        var checkHoldout = checkRows.Length == 0 ? null : scaled.Holdout.Select(checkRows);
        var hl = selectHoldout.Labels!;
        bool holdoutUsable = hl.Contains(0) && hl.Contains(1);
        if (candidates.Count > 1 && !holdoutUsable)
            throw new InvalidInputException("a parameter grid needs a labeled holdout with both classes; raise the holdout fraction");

        IAnomalyDetector? best = null;
        DetectorParameters? bestParameters = null;
        double? bestHoldout = null;
        double fit = 0;
        var grid = new List<GridPoint>();
        foreach (var parameters in candidates)
        {
            if (ct.IsCancellationRequested && best is not null) break;
            var (model, seconds) = ModelFitter.Fit(detector, parameters, seed, scaled.Train, selectHoldout, configure, ct);
            double? holdoutAuc = holdoutUsable ? Auc.Compute(hl, model.Score(selectHoldout)) : null;
            if (candidates.Count > 1)
            {
                grid.Add(new GridPoint(parameters.Values, holdoutAuc!.Value, seconds));
                log?.Invoke($"seed {seed}: {Describe(parameters, candidates)} holdout AUC {holdoutAuc:F4} ({seconds:F1} s)");
            }
            if (best is null || holdoutAuc > bestHoldout)
            {
                best = model;
                bestParameters = parameters;
                bestHoldout = holdoutAuc;
                fit = seconds;
            }
        }

        var timer = Stopwatch.StartNew();
        if (best is null) throw new InvalidOperationException("no candidate was fitted");
        // An ensemble scores the test rows once for every count of its first members (Figures 2 and 3); the last is its score.
        var prefixes = best is IScoresMemberPrefixes p && detector.Has(DetectorTraits.Ensemble) ? p.ScoreMemberPrefixes(scaled.Test) : null;
        var scores = prefixes?[^1] ?? best.Score(scaled.Test);
        double score = timer.Elapsed.TotalSeconds;
        var testLabels = scaled.Test.Labels!;
        var usesHoldout = best as IUsesHoldout;
        var result = new SeedResult
        {
            Protocol = data.Protocol,
            Detector = detector.Name,
            Seed = seed,
            Auc = Auc.Compute(testLabels, scores),
            HoldoutAuc = bestHoldout,
            CheckAuc = checkHoldout?.Labels is { } cl && cl.Contains(0) && cl.Contains(1) ? Auc.Compute(cl, best.Score(checkHoldout)) : null,
            NCheck = checkRows.Length,
            NTrain = split.Train.Rows,
            NHoldout = split.Holdout.Rows,
            NTest = split.Test.Rows,
            NTestAnomalies = split.Test.AnomalyCount,
            FitSeconds = fit,
            ScoreSeconds = score,
            Scaler = scaler?.Name ?? "none",
            ScalerResolution = scaler?.Resolution,
            Options = bestParameters!.Values,
            Split = splitOptions,
            Notes = usesHoldout is null ? split.Notes : [.. split.Notes, .. usesHoldout.Warnings.Select(w => w.Message)],
            Selection = usesHoldout?.Selection ?? "fit",
            Grid = grid.Count > 0 ? grid : null,
            Model = (best as IDescribesModel)?.ModelSummary,
            AucByMembers = prefixes?.Select(s => Auc.Compute(testLabels, s)).ToArray(),
        };
        return new Outcome(result, testLabels, scores, scaled, best, scaler);
    }

    /// <summary>The values that vary across candidates, e.g. "a=0.01 lr=0.001".</summary>
    private static string Describe(DetectorParameters p, IReadOnlyList<DetectorParameters> all) =>
        string.Join(' ', p.Values.Where(kv => all.Any(o => o.Values[kv.Key] != kv.Value)).Select(kv => $"{kv.Key}={kv.Value}"));
}
