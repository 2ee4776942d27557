using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Evaluation;
using MinLGan.Export;
using MinLGan.Persistence;
using MinLGan.Preprocessing;
using MinLGan.Torch;

namespace MinLGan.Onnx.Tests;

/// <summary>
/// Every detector that exports is fitted on small data, saved and loaded as a model file, exported, and its graph is
/// run by ONNX Runtime on held-out rows: the scores must equal the library's to 1e-5 of the largest |score|, and
/// is_anomaly must equal Predict (except a row within float rounding of the threshold).
/// </summary>
public sealed class ExportParityTests
{
    private static readonly DetectorRegistry Registry = TorchDetectors.AddTo(DetectorRegistry.CreateDefault());

    /// <summary>
    /// Five correlated columns on their own offsets and scales (so the scaler matters); the test rows hold normal rows,
    /// a far cluster, and rows beyond the input bound of D.
    /// </summary>
    private static (Dataset Train, Dataset Holdout, Dataset Test) Data(int seed = 11)
    {
        var rng = new SeededRandom(seed);
        string[] names = ["a", "b", "c", "d", "e"];
        double[] offset = [10, -3, 0.5, 200, 0], scale = [2, 0.1, 1, 50, 3];
        Dataset Make(int normal, int anomalies)
        {
            var v = new List<float>();
            for (int i = 0; i < normal + anomalies; i++)
            {
                double shared = rng.NextGaussian();
                double shift = i < normal ? 0 : (i % 2 == 0 ? 4 : 12); // 12 sd: beyond D's input bound (4) once scaled
                for (int j = 0; j < names.Length; j++)
                    v.Add((float)(offset[j] + scale[j] * (0.7 * shared + 0.7 * rng.NextGaussian() + shift)));
            }
            return new Dataset(v.ToArray(), normal + anomalies, names, Enumerable.Repeat(0, normal).Concat(Enumerable.Repeat(1, anomalies)).ToArray());
        }
        return (Make(400, 0).WithLabels(null), Make(60, 15), Make(150, 40));
    }

    public static TheoryData<string, string[], string> Cases => new()
    {
        { "iforest", ["trees=60"], "standard" },
        { "iforest", ["trees=20", "max_samples=64"], "none" },
        { "ocsvm", ["nu=0.2"], "standard" },
        { "ocsvm", ["kernel=poly", "degree=2", "gamma=0.3", "nu=0.3"], "minmax" },
        { "ocsvm", ["kernel=sigmoid", "gamma=0.05", "nu=0.3"], "standard" },
        { "ocsvm", ["kernel=linear", "nu=0.3"], "l2" },
        { "knn", ["k=5"], "standard" },
        { "knn", ["k=4", "method=median"], "minmax" },
        { "knn", ["k=3", "method=mean"], "none" },
        { "lof", ["k=10"], "standard" },
        { "lof", ["k=1"], "l2" },
        { "gan", ["epochs=3", "min_steps=0", "d_hidden=16-8", "g_hidden=8-16", "latent=4", "batch_size=32", "background_kind=gaussian"], "standard" },
        { "minlgan", ["epochs=3", "min_steps=0", "d_hidden=16-8", "g_hidden=8-16", "latent=4", "batch_size=32", "activation=tanh", "input_bound=0", "background_kind=gaussian"], "standard" },
        { "eminlgan1", ["members=3", "epochs=3", "min_steps=0", "d_hidden=16-8", "g_hidden=8-16", "latent=4", "batch_size=32", "activation=relu", "background_kind=gaussian"], "auto" },
        { "eminlgan2", ["members=3", "epochs=3", "min_steps=0", "d_hidden=16-8", "g_hidden=8-16", "latent=4", "batch_size=32", "background_kind=gaussian"], "standard" },
        { "ae", ["epochs=5", "hidden=16-8", "latent=2", "batch_size=32"], "standard" },
        { "ae", ["epochs=5", "hidden=16", "latent=3", "batch_size=32", "activation=tanh"], "l2" },
        { "vae", ["epochs=5", "hidden=16-8", "latent=2", "batch_size=32", "samples=4"], "standard" },
        { "vae", ["epochs=5", "hidden=12", "latent=2", "batch_size=32", "samples=3", "activation=relu"], "minmax" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenASavedModel_WhenExportedAndRunByOnnxRuntime_ThenScoresAndPredictionsEqualTheLibrarys(string detector, string[] parameters, string scalerName)
    {
        var (train, holdout, test) = Data();
        var model = Fit(detector, parameters, scalerName, train, holdout);
        var graph = ModelExport.Build(model);
        var bytes = OnnxScoreGraphWriter.ToBytes(graph, "test");
        var (scores, anomalies) = OnnxScoreRunner.Run(bytes, test);
        var library = model.Score(test);
        double largest = library.Max(Math.Abs);
        Assert.True(largest > 0, "every score is 0: the test would prove nothing");
        Assert.True(library.Distinct().Count() > test.Rows / 2, "the library's scores barely vary: the test would prove little");
        for (int i = 0; i < test.Rows; i++)
        {
            Assert.True(Math.Abs(scores[i] - library[i]) <= 1e-5 * largest, $"row {i}: onnx {scores[i]:R}, library {library[i]:R} (largest |score| {largest:R})");
            bool predicted = library[i] > model.Detector.Threshold;
            if (Math.Abs(library[i] - model.Detector.Threshold) > 1e-6 * largest)
                Assert.True(anomalies[i] == predicted, $"row {i}: onnx is_anomaly {anomalies[i]}, Predict {predicted}");
        }
        Assert.Contains(anomalies, a => a);
        Assert.Contains(anomalies, a => !a);
    }

    [Fact]
    public void GivenAGraph_WhenWritten_ThenItDeclaresItsContractAndMetadata()
    {
        var (train, holdout, _) = Data();
        var model = Fit("iforest", ["trees=5"], "standard", train, holdout);
        var proto = global::Onnx.ModelProto.Parser.ParseFrom(OnnxScoreGraphWriter.ToBytes(ModelExport.Build(model), "1.2.3"));
        var input = Assert.Single(proto.Graph.Input);
        Assert.Equal("input", input.Name);
        Assert.Equal(1, input.Type.TensorType.ElemType); // float
        Assert.Equal("N", input.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(5, input.Type.TensorType.Shape.Dim[1].DimValue);
        Assert.Equal(["score", "is_anomaly"], proto.Graph.Output.Select(o => o.Name));
        Assert.Equal([1, 9], proto.Graph.Output.Select(o => o.Type.TensorType.ElemType)); // float, bool
        var md = proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("iforest", md["detector"]);
        Assert.Equal("a,b,c,d,e", md["features"]);
        Assert.Equal(model.Detector.Threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture), md["threshold"]);
        Assert.Equal("1.2.3", proto.ProducerVersion);
        Assert.Contains(proto.OpsetImport, o => o.Domain == "ai.onnx.ml");
    }

    [Fact]
    public void GivenRowsOfTheWrongWidth_WhenRun_ThenOnnxRuntimeRefusesThem()
    {
        var (train, holdout, _) = Data();
        var bytes = OnnxScoreGraphWriter.ToBytes(ModelExport.Build(Fit("iforest", ["trees=5"], "standard", train, holdout)), "test");
        var narrow = new Dataset(new float[6], 2, ["a", "b", "c"]);
        Assert.ThrowsAny<Microsoft.ML.OnnxRuntime.OnnxRuntimeException>(() => OnnxScoreRunner.Run(bytes, narrow));
    }

    [Fact]
    public void GivenADetectorWithoutAnExporter_WhenExported_ThenTheMessageNamesItAndTheExporters()
    {
        var (train, holdout, _) = Data();
        var fitted = Fit("iforest", ["trees=5"], "standard", train, holdout);
        var model = new AnomalyModel(fitted.Parameters, fitted.Seed, fitted.FeatureNames, fitted.Scaler, fitted.Input, null, new NoExporter(fitted.Detector));
        var e = Assert.Throws<InvalidInputException>(() => ModelExport.Build(model));
        Assert.Contains("the wrapped detector cannot be exported", e.Message);
        Assert.Contains("iforest", e.Message);
    }

    /// <summary>A detector from outside this library, without an exporter.</summary>
    private sealed class NoExporter(IAnomalyDetector inner) : IAnomalyDetector
    {
        public string Name => "wrapped";
        public bool IsFitted => inner.IsFitted;
        public int FeatureCount => inner.FeatureCount;
        public double Threshold => inner.Threshold;
        public void Fit(Dataset train, CancellationToken ct = default) => inner.Fit(train, ct);
        public double[] Score(Dataset data) => inner.Score(data);
        public bool[] Predict(Dataset data) => inner.Predict(data);
    }

    [Fact]
    public void GivenAConvolutionalDiscriminator_WhenAskedToExport_ThenItSaysWhyNot()
    {
        var conv = new MinLGanDetector(new GanOptions { Architecture = "dcgan-small" }, 0);
        Assert.Contains("convolutional", conv.ExportBlocker);
        Assert.Null(new MinLGanDetector(new GanOptions(), 0).ExportBlocker);
    }

    [Fact]
    public void GivenAModelOnImageFeatures_WhenExported_ThenItSaysTheExtractorIsNotInTheGraph()
    {
        var (train, holdout, _) = Data();
        var fitted = Fit("iforest", ["trees=5"], "standard", train, holdout);
        var model = new AnomalyModel(fitted.Parameters, fitted.Seed, fitted.FeatureNames, fitted.Scaler, fitted.Input, null, fitted.Detector)
        {
            Features = new Dictionary<string, string> { ["extractor"] = "resnet18" },
        };
        var e = Assert.Throws<InvalidInputException>(() => ModelExport.Build(model));
        Assert.Contains("feature extractor is not part of the graph", e.Message);
    }

    [Fact]
    public void GivenTheExportCheck_WhenRunOnAModel_ThenItFindsParityOnMadeUpRows()
    {
        var (train, holdout, _) = Data();
        var model = Fit("vae", ["epochs=3", "hidden=8", "latent=2", "batch_size=32", "samples=2"], "standard", train, holdout);
        var (difference, largest, differ) = OnnxScoreRunner.Check(model, OnnxScoreGraphWriter.ToBytes(ModelExport.Build(model), "t"), 64, 1);
        Assert.True(largest > 0);
        Assert.True(difference <= 1e-5 * largest, $"difference {difference}, largest {largest}");
        Assert.Equal(0, differ);
    }

    /// <summary>Fits through the registry (as the CLI does), then saves and loads the model file: exports start from files.</summary>
    private static AnomalyModel Fit(string detector, string[] parameters, string scalerName, Dataset train, Dataset holdout)
    {
        var info = Registry.Get(detector);
        var p = DetectorParameters.Parse(detector, info.Parameters, parameters);
        var kind = FeatureScaler.Parse(scalerName);
        var scaler = kind is { } k ? FeatureScaler.Fit(train, k) : null;
        var det = info.Create(p, 7);
        if (det is IUsesHoldout h) h.UseHoldout(scaler?.Transform(holdout) ?? holdout);
        det.Fit(scaler?.Transform(train) ?? train);
        var model = new AnomalyModel(p, 7, train.FeatureNames, scaler, new InputSpec("csv", null, []), null, det);
        string path = Path.Combine(Path.GetTempPath(), $"minlgan-export-{Guid.NewGuid():N}.minlgan");
        try
        {
            ModelFile.Save(path, model, Registry);
            return ModelFile.Load(path, Registry);
        }
        finally { File.Delete(path); }
    }
}
