using Microsoft.ML;
using Microsoft.ML.Data;
using MinLGan.Detectors;
using MinLGan.Persistence;
using MinLGan.Preprocessing;

namespace MinLGan.MLNet;

/// <summary>Column names and preprocessing for <see cref="AnomalyDetectorEstimator"/>.</summary>
public sealed record AnomalyDetectorOptions
{
    /// <summary>The input: a vector of floats (Single) of known size, for example the output of Concatenate.</summary>
    public string FeatureColumnName { get; init; } = "Features";

    /// <summary>The anomaly score added (Single; higher = more anomalous): ML.NET's anomaly detection convention.</summary>
    public string ScoreColumnName { get; init; } = "Score";

    /// <summary>The prediction added (Boolean): score &gt; the detector's threshold.</summary>
    public string PredictedLabelColumnName { get; init; } = "PredictedLabel";

    /// <summary>As the CLI's --scaler: standard (the default), minmax, auto, l2 or none; fitted on the training rows.</summary>
    public string Scaler { get; init; } = "standard";

    /// <summary>
    /// Labeled rows for detectors that select a model on a holdout (the GAN family, the autoencoders); without it they
    /// keep their last epoch and say so in their warnings. The estimator sees only what the pipeline's earlier steps
    /// give it, so the holdout must already hold the feature column: pass it through those steps first
    /// (<c>concatenate.Fit(holdout).Transform(holdout)</c>).
    /// </summary>
    public IDataView? Holdout { get; init; }

    /// <summary>The holdout's label column: Single as ML.NET's anomaly evaluator wants it (1 = anomaly), Boolean, Double or Int32 (non-zero = anomaly).</summary>
    public string LabelColumnName { get; init; } = "Label";
}

/// <summary>
/// Any detector of a <see cref="DetectorRegistry"/> as an ML.NET estimator:
/// <c>ml.Transforms.Concatenate("Features", ...).Append(new AnomalyDetectorEstimator(ml, registry, "iforest", seed: 0))</c>.
/// <see cref="Fit"/> reads the feature column of every row (labels, if any, are ignored), fits the scaler and the
/// detector as <c>minlgan train</c> does, and gives a transformer that adds <c>Score</c> and <c>PredictedLabel</c>.
/// The GAN family and the autoencoders are in the registry that <c>MinLGan.Torch.TorchDetectors.AddTo</c> returns.
/// </summary>
public sealed class AnomalyDetectorEstimator : IEstimator<AnomalyDetectorTransformer>
{
    private readonly MLContext _ml;
    private readonly DetectorRegistry _registry;
    private readonly DetectorInfo _info;
    private readonly DetectorParameters _parameters;
    private readonly int _seed;
    private readonly AnomalyDetectorOptions _options;
    private readonly ScalerKind? _scaler;

    /// <summary>An estimator for <paramref name="detector"/> with <paramref name="parameters"/> (NAME=VALUE, as --param).</summary>
    /// <exception cref="InvalidInputException">An unknown detector, parameter or scaler.</exception>
    public AnomalyDetectorEstimator(MLContext mlContext, DetectorRegistry registry, string detector, int seed,
        IEnumerable<string>? parameters = null, AnomalyDetectorOptions? options = null)
    {
        _ml = mlContext ?? throw new ArgumentNullException(nameof(mlContext));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _info = registry.Get(detector);
        _parameters = DetectorParameters.Parse(detector, _info.Parameters, (parameters ?? []).ToList());
        _seed = seed;
        _options = options ?? new AnomalyDetectorOptions();
        _scaler = FeatureScaler.Parse(_options.Scaler);
    }

    /// <summary>The registry the detector comes from (to save <see cref="AnomalyDetectorTransformer.Model"/> with <see cref="ModelFile.Save"/>).</summary>
    public DetectorRegistry Registry => _registry;

    /// <inheritdoc />
    public AnomalyDetectorTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var train = ColumnReader.Rows(input, _options.FeatureColumnName, null, null);
        var scaler = _scaler is { } kind ? FeatureScaler.Fit(train, kind) : null;
        var detector = _info.Create(_parameters, _seed);
        if (_options.Holdout is { } holdoutView && detector is IUsesHoldout usesHoldout)
        {
            var holdout = ColumnReader.Rows(holdoutView, _options.FeatureColumnName, train.FeatureNames, _options.LabelColumnName);
            usesHoldout.UseHoldout(scaler?.Transform(holdout) ?? holdout);
        }
        detector.Fit(scaler?.Transform(train) ?? train);
        var model = new AnomalyModel(_parameters, _seed, train.FeatureNames, scaler, new Data.InputSpec("csv", null, []), null, detector);
        return new AnomalyDetectorTransformer(_ml, model, _options);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var column = inputSchema.FirstOrDefault(c => c.Name == _options.FeatureColumnName);
        if (column.Name is null)
            throw new ArgumentException($"the input has no column '{_options.FeatureColumnName}' (AnomalyDetectorOptions.FeatureColumnName); columns: {string.Join(", ", inputSchema.Select(c => c.Name))}");
        if (column.Kind != SchemaShape.Column.VectorKind.Vector || column.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"column '{column.Name}': expected a vector of Single of known size (for example from Concatenate), found {column.Kind} of {column.ItemType}");
        // SchemaShape columns cannot be built outside ML.NET: the custom mapping that scores rows says what it adds
        // (a vector of any known size is Kind Vector in a SchemaShape, so the placeholder size does not matter).
        return ScoreMapping.Estimator(_ml, _options, 1, null).GetOutputSchema(inputSchema);
    }
}
