using System.Diagnostics;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Preprocessing;

namespace MinLGan.Evaluation;

/// <summary>
/// The fit half of the pipeline, shared by evaluation and training: scaler fitted on the training rows → detector
/// created with the run seed → the labeled holdout (scaled alike) handed to detectors that use it → Fit.
/// </summary>
public static class ModelFitter
{
    /// <summary>A fitted detector and the wall seconds of Fit.</summary>
    /// <param name="Detector">The fitted detector.</param>
    /// <param name="FitSeconds">Wall seconds of Fit.</param>
    public sealed record Fitted(IAnomalyDetector Detector, double FitSeconds);

    /// <summary>Fits a scaler (when <paramref name="scaling"/> is given) on <paramref name="train"/>.</summary>
    public static FeatureScaler? FitScaler(Dataset train, ScalerKind? scaling) => scaling is ScalerKind kind ? FeatureScaler.Fit(train, kind) : null;

    /// <summary>
    /// Creates and fits one detector on rows already scaled (by <see cref="FitScaler"/>'s scaler, or not at all).
    /// <paramref name="configure"/> sees the detector before Fit (progress displays, sample requests).
    /// </summary>
    public static Fitted Fit(DetectorInfo detector, DetectorParameters parameters, int seed, Dataset scaledTrain, Dataset? scaledHoldout,
        Action<IAnomalyDetector>? configure, CancellationToken ct)
    {
        var model = detector.Create(parameters, seed);
        configure?.Invoke(model);
        if (scaledHoldout is not null) (model as IUsesHoldout)?.UseHoldout(scaledHoldout);
        var sw = Stopwatch.StartNew();
        model.Fit(scaledTrain, ct);
        return new Fitted(model, sw.Elapsed.TotalSeconds);
    }
}
