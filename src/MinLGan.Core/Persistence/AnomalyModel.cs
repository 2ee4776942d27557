using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Evaluation;
using MinLGan.Preprocessing;

namespace MinLGan.Persistence;

/// <summary>
/// Everything needed to score raw rows: how input is read, the scaler fitted on training rows, and the fitted
/// detector with its resolved parameters and seed. This is what a model file holds.
/// </summary>
public sealed class AnomalyModel
{
    /// <summary>Bundles a fitted detector with its preprocessing.</summary>
    public AnomalyModel(DetectorParameters parameters, int seed, IReadOnlyList<string> featureNames, FeatureScaler? scaler,
        InputSpec input, string? protocol, IAnomalyDetector detector)
    {
        if (!detector.IsFitted) throw new ArgumentException("the detector is not fitted", nameof(detector));
        if (featureNames.Count != detector.FeatureCount)
            throw new ArgumentException($"{featureNames.Count} feature names for a detector fitted on {detector.FeatureCount} features");
        if (scaler is not null && scaler.Offset.Count != featureNames.Count)
            throw new ArgumentException("the scaler does not match the features");
        Parameters = parameters;
        Seed = seed;
        FeatureNames = featureNames.ToArray();
        Scaler = scaler;
        Input = input;
        Protocol = protocol;
        Detector = detector;
    }

    /// <summary>Resolved detector parameters.</summary>
    public DetectorParameters Parameters { get; }

    /// <summary>The seed the detector was trained with.</summary>
    public int Seed { get; }

    /// <summary>Feature names, in the order the detector sees them.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Scaling fitted on training rows; null for <c>--scaler none</c>.</summary>
    public FeatureScaler? Scaler { get; }

    /// <summary>How raw input files are read.</summary>
    public InputSpec Input { get; }

    /// <summary>The protocol the model was trained on, if any.</summary>
    public string? Protocol { get; }

    /// <summary>
    /// The image feature extractor's facts (<see cref="Features.IImageFeatureExtractor.Facts"/>) when the detector was
    /// trained on features of images, not on their pixels; null otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Features { get; init; }

    /// <summary>The fitted detector.</summary>
    public IAnomalyDetector Detector { get; }

    /// <summary>Scores raw (unscaled) rows: scaler, then detector.</summary>
    public double[] Score(Dataset raw)
    {
        if (!raw.FeatureNames.SequenceEqual(FeatureNames))
        {
            if (raw.Columns != FeatureNames.Count)
                throw new InvalidInputException($"the model expects {FeatureNames.Count} features, the data has {raw.Columns}");
            throw new InvalidInputException("the data's feature names differ from the model's");
        }
        return Detector.Score(Scaler?.Transform(raw) ?? raw);
    }
}
