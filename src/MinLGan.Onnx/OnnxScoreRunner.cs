using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MinLGan.Data;
using MinLGan.Persistence;

namespace MinLGan.Export;

/// <summary>
/// Runs an exported score graph with ONNX Runtime (what a serving engine would do), and compares it with the
/// library: the check <c>minlgan export</c> prints and the parity tests assert.
/// </summary>
public static class OnnxScoreRunner
{
    /// <summary>The graph's <c>score</c> and <c>is_anomaly</c> outputs for raw rows.</summary>
    public static (float[] Scores, bool[] Anomalies) Run(byte[] model, Dataset rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var options = new SessionOptions { IntraOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(model, options);
        var input = new DenseTensor<float>(rows.Values.ToArray(), [rows.Rows, rows.Columns]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(ScoreGraph.InputName, input)]);
        var scores = results.Single(r => r.Name == ModelExport.ScoreOutput).AsEnumerable<float>().ToArray();
        var anomalies = results.Single(r => r.Name == ModelExport.PredictionOutput).AsEnumerable<bool>().ToArray();
        return (scores, anomalies);
    }

    /// <summary>
    /// Scores <paramref name="count"/> made-up rows (the scaler's offset plus its scale times a standard normal draw
    /// from <paramref name="seed"/>, so they look like training rows) with the library and with the exported graph.
    /// </summary>
    /// <returns>The largest |graph − library| score difference, the largest |library score|, and how many rows the
    /// two predictions disagree on (only rows within float rounding of the threshold can).</returns>
    public static (double MaxDifference, double MaxScore, int PredictionsDiffer) Check(AnomalyModel model, byte[] graph, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        int d = model.FeatureNames.Count;
        var rng = new SeededRandom(seed);
        var values = new float[count * d];
        for (int i = 0; i < count; i++)
            for (int j = 0; j < d; j++)
            {
                double offset = model.Scaler?.Offset[j] ?? 0, scale = model.Scaler is { Kind: not Preprocessing.ScalerKind.L2 } s ? s.Scale[j] : 1;
                values[i * d + j] = (float)(offset + scale * rng.NextGaussian());
            }
        var rows = new Dataset(values, count, model.FeatureNames);
        var library = model.Score(rows);
        var (scores, anomalies) = Run(graph, rows);
        double maxDifference = 0, maxScore = 0;
        int differ = 0;
        for (int i = 0; i < count; i++)
        {
            maxDifference = Math.Max(maxDifference, Math.Abs(scores[i] - library[i]));
            maxScore = Math.Max(maxScore, Math.Abs(library[i]));
            if (anomalies[i] != library[i] > model.Detector.Threshold) differ++;
        }
        return (maxDifference, maxScore, differ);
    }
}
