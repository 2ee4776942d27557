using Microsoft.ML;
using Microsoft.ML.Data;
using MinLGan.Data;
using MinLGan.Persistence;

namespace MinLGan.MLNet;

/// <summary>
/// A fitted <see cref="AnomalyDetectorEstimator"/>: adds <c>Score</c> (Single, higher = more anomalous) and
/// <c>PredictedLabel</c> (Boolean, score &gt; threshold) to every row, lazily and row to row, so it also works in a
/// prediction engine. ML.NET's model zip cannot hold it (ML.NET only loads components it knows by name): save
/// <see cref="Model"/> as a MinLGan model file (<see cref="ModelFile.Save"/>) and rebuild the transformer with
/// <see cref="FromModel"/>.
/// </summary>
public sealed class AnomalyDetectorTransformer : ITransformer
{
    private readonly ITransformer _mapping;

    internal AnomalyDetectorTransformer(MLContext ml, AnomalyModel model, AnomalyDetectorOptions options)
    {
        Model = model;
        Options = options;
        var names = model.FeatureNames;
        double threshold = model.Detector.Threshold;
        int d = names.Count;
        var estimator = ScoreMapping.Estimator(ml, options, d, (input, output) =>
        {
            var values = new float[d];
            int j = 0;
            foreach (float v in input.Features.DenseValues())
            {
                if (j == d) break;
                values[j++] = v;
            }
            if (j != d) throw new InvalidInputException($"column '{options.FeatureColumnName}': {j} features, the model has {d}");
            double score = model.Score(new Dataset(values, 1, names))[0];
            output.Score = (float)score;
            output.PredictedLabel = score > threshold;
        });
        var empty = ml.Data.LoadFromEnumerable(Array.Empty<FeatureVectorRow>(), ScoreMapping.Input(options, d));
        _mapping = estimator.Fit(empty);
    }

    /// <summary>The scaler and the fitted detector (save it with <see cref="ModelFile.Save"/>; export it with <c>minlgan export</c>).</summary>
    public AnomalyModel Model { get; }

    /// <summary>Column names and preprocessing.</summary>
    public AnomalyDetectorOptions Options { get; }

    /// <summary>A transformer for a model trained elsewhere (a model file from <c>minlgan train</c> or <see cref="ModelFile.Save"/>).</summary>
    public static AnomalyDetectorTransformer FromModel(MLContext mlContext, AnomalyModel model, AnomalyDetectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(model);
        if (model.Features is not null)
            throw new InvalidInputException("this model scores ResNet-18 features of images; an ML.NET pipeline gives it rows, so it cannot be used here");
        return new AnomalyDetectorTransformer(mlContext, model, options ?? new AnomalyDetectorOptions());
    }

    /// <inheritdoc />
    public bool IsRowToRowMapper => _mapping.IsRowToRowMapper;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _mapping.GetOutputSchema(inputSchema);

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _mapping.GetRowToRowMapper(inputSchema);

    /// <inheritdoc />
    public IDataView Transform(IDataView input) => _mapping.Transform(input);

    void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException(
        "an ML.NET model zip cannot hold a MinLGan detector: save AnomalyDetectorTransformer.Model with ModelFile.Save and rebuild it with AnomalyDetectorTransformer.FromModel");
}
