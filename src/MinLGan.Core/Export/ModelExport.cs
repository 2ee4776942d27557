using System.Globalization;
using MinLGan.Data;
using MinLGan.Persistence;
using MinLGan.Preprocessing;

namespace MinLGan.Export;

/// <summary>
/// A saved model's whole scoring path as one <see cref="ScoreGraph"/>: input float [N, features] (raw rows, columns in
/// the model's feature order), the fitted scaler, the detector, and two outputs: <c>score</c> float [N] (higher = more
/// anomalous, what <see cref="AnomalyModel.Score"/> gives) and <c>is_anomaly</c> bool [N] (score &gt; the model's
/// threshold, compared before the score is rounded to float, as Predict does).
/// </summary>
public static class ModelExport
{
    /// <summary>The graph's output names.</summary>
    public const string ScoreOutput = "score", PredictionOutput = "is_anomaly";

    /// <summary>Builds the graph, or throws <see cref="InvalidInputException"/> saying why this model cannot be exported.</summary>
    public static ScoreGraph Build(AnomalyModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var detector = model.Detector;
        if (model.Features is not null)
            throw new InvalidInputException($"export: this {detector.Name} model scores ResNet-18 features of images, and the feature extractor is not part of the graph; export covers models trained on rows (tables, or image pixels without --features)");
        if (detector is not IExportsScoreGraph exporter)
            throw new InvalidInputException($"export: the {detector.Name} detector cannot be exported to ONNX (it does not implement IExportsScoreGraph; the detectors here that do: gan, minlgan, eminlgan1, eminlgan2, ae, vae, iforest, ocsvm, knn, lof)");
        if (exporter.ExportBlocker is { } why) throw new InvalidInputException($"export: {why}");

        var graph = new ScoreGraph(model.FeatureNames.Count);
        var rows = model.Scaler is null ? graph.Input : AppendScaler(graph, model.Scaler);
        var score = exporter.AppendScore(graph, rows);
        var exact = graph.Cast(score, GraphType.Double);
        graph.Output(ScoreOutput, graph.Cast(exact, GraphType.Float));
        graph.Output(PredictionOutput, graph.Op("Greater", GraphType.Bool, [exact, graph.Scalar(GraphType.Double, model.Detector.Threshold, "threshold")]));

        var md = graph.Metadata;
        md["detector"] = detector.Name;
        md["seed"] = model.Seed.ToString(CultureInfo.InvariantCulture);
        md["threshold"] = detector.Threshold.ToString("R", CultureInfo.InvariantCulture);
        md["parameters"] = string.Join(" ", model.Parameters.Values.Select(kv => $"{kv.Key}={kv.Value}"));
        md["scaler"] = model.Scaler?.Name ?? "none";
        md["features"] = string.Join(",", model.FeatureNames);
        md["input"] = $"float[N, {model.FeatureNames.Count}]: raw rows, columns in the order of 'features'";
        md["outputs"] = $"{ScoreOutput} float[N] (higher = more anomalous); {PredictionOutput} bool[N] ({ScoreOutput} > threshold)";
        if (model.Protocol is not null) md["protocol"] = model.Protocol;
        return graph;
    }

    /// <summary>(x − offset) / scale in double, rounded to float, as <see cref="FeatureScaler.Transform"/>; L2 divides by the row norm.</summary>
    private static GraphValue AppendScaler(ScoreGraph g, FeatureScaler scaler)
    {
        var x = g.Cast(g.Input, GraphType.Double);
        GraphValue scaled;
        if (scaler.Kind == ScalerKind.L2)
        {
            var norm = g.Unary("Sqrt", g.Sum(g.Binary("Mul", x, x), keepDims: true, 1));
            var zero = g.Op("Equal", GraphType.Bool, [norm, g.Scalar(GraphType.Double, 0)]);
            var safe = g.Op("Where", GraphType.Double, [zero, g.Scalar(GraphType.Double, 1), norm]);
            scaled = g.Binary("Div", x, safe);
        }
        else
        {
            scaled = g.Binary("Div", g.Binary("Sub", x, g.Vector(GraphType.Double, scaler.Offset.ToArray(), "offset")),
                g.Vector(GraphType.Double, scaler.Scale.ToArray(), "scale"));
        }
        return g.Cast(scaled, GraphType.Float);
    }
}
