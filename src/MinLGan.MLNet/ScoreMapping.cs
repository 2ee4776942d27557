using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MinLGan.MLNet;

/// <summary>The input row of the scoring map: the feature vector.</summary>
public sealed class FeatureVectorRow
{
    /// <summary>The features (the column is renamed to <see cref="AnomalyDetectorOptions.FeatureColumnName"/>).</summary>
    public VBuffer<float> Features;
}

/// <summary>The output row of the scoring map.</summary>
public sealed class AnomalyScoreRow
{
    /// <summary>Higher = more anomalous.</summary>
    public float Score;

    /// <summary>Score &gt; threshold.</summary>
    public bool PredictedLabel;
}

/// <summary>
/// The row-by-row scoring as ML.NET's custom mapping: ML.NET's public way for a component outside it to add columns
/// lazily, row to row (so prediction engines work too). The detectors score each row on its own, so scoring one row at
/// a time gives the same numbers as scoring a batch.
/// </summary>
internal static class ScoreMapping
{
    public static CustomMappingEstimator<FeatureVectorRow, AnomalyScoreRow> Estimator(MLContext ml, AnomalyDetectorOptions options, int features,
        Action<FeatureVectorRow, AnomalyScoreRow>? map)
    {
        var input = Input(options, features);
        var output = SchemaDefinition.Create(typeof(AnomalyScoreRow), SchemaDefinition.Direction.Write);
        output[nameof(AnomalyScoreRow.Score)].ColumnName = options.ScoreColumnName;
        output[nameof(AnomalyScoreRow.PredictedLabel)].ColumnName = options.PredictedLabelColumnName;
        return ml.Transforms.CustomMapping(map ?? ((_, _) => throw new InvalidOperationException("not fitted")), contractName: null, input, output);
    }

    /// <summary>The input row's definition: the feature column's name and its vector size.</summary>
    public static SchemaDefinition Input(AnomalyDetectorOptions options, int features)
    {
        var input = SchemaDefinition.Create(typeof(FeatureVectorRow), SchemaDefinition.Direction.Read);
        input[0].ColumnName = options.FeatureColumnName;
        input[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return input;
    }
}
