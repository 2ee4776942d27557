// A NuGet user's application: writes a CSV of normal rows and one of new rows, trains iforest and minlgan through the
// detector registry, saves and reloads each model file, scores the new rows, exports each model to ONNX and scores the
// rows with ONNX Runtime, fits iforest inside an ML.NET pipeline, and embeds one image with ResNet-18.
// Exit code 0 when every check holds; otherwise a message and 1. Run by .ci/consumer.sh against freshly packed packages.
using System.Globalization;
using MinLGan.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using MinLGan.Detectors;
using MinLGan.Export;
using MinLGan.Features;
using MinLGan.Metrics;
using MinLGan.MLNet;
using MinLGan.Persistence;
using MinLGan.Preprocessing;
using MinLGan.Torch;

string dir = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var rng = new Random(0);
double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
string Row(double shift) => string.Join(",", Enumerable.Range(0, 3).Select(_ => (Normal() + shift).ToString("R", CultureInfo.InvariantCulture)));
File.WriteAllLines(Path.Combine(dir, "train.csv"), ["a,b,c", .. Enumerable.Range(0, 400).Select(_ => Row(0))]);
File.WriteAllLines(Path.Combine(dir, "test.csv"),
    ["a,b,c,label", .. Enumerable.Range(0, 100).Select(_ => Row(0) + ",normal"), .. Enumerable.Range(0, 20).Select(_ => Row(6) + ",anomaly")]);

var train = CsvReader.Read(Path.Combine(dir, "train.csv"), labelColumn: null).Features;
var test = CsvReader.Read(Path.Combine(dir, "test.csv"), labelColumn: "label");
int[] labels = test.Classes!.Select(c => c == "anomaly" ? 1 : 0).ToArray();
var registry = TorchDetectors.AddTo(DetectorRegistry.CreateDefault());
int failures = 0;

foreach (var (name, pairs) in new[] { ("iforest", Array.Empty<string>()), ("minlgan", new[] { "epochs=1", "min_steps=50" }) })
{
    var info = registry.Get(name);
    var parameters = DetectorParameters.Parse(name, info.Parameters, pairs);
    var scaler = FeatureScaler.Fit(train);
    var detector = info.Create(parameters, 0);
    detector.Fit(scaler.Transform(train));
    var model = new AnomalyModel(parameters, 0, train.FeatureNames, scaler, InputFormats.Csv.Spec([], null), null, detector);
    double[] scores = model.Score(test.Features);
    string path = Path.Combine(dir, name + ".minlgan");
    ModelFile.Save(path, model, registry);
    double[] again = ModelFile.Load(path, registry).Score(test.Features);
    double auc = Auc.Compute(labels, scores);
    bool same = scores.SequenceEqual(again);
    Console.WriteLine($"{name}: AUC {auc:F4} on the new rows; reloaded model scores {(same ? "identical" : "DIFFERENT")}");
    if (auc < 0.9 || !same) failures++;

    var (onnx, _) = OnnxScoreRunner.Run(OnnxScoreGraphWriter.ToBytes(ModelExport.Build(model), "consumer"), test.Features);
    double gap = onnx.Select((s, i) => Math.Abs(s - scores[i])).Max(), largest = scores.Max(Math.Abs);
    Console.WriteLine($"{name}: ONNX export scored by ONNX Runtime, largest difference {gap:G3} (largest |score| {largest:G3})");
    if (!(gap <= 1e-5 * largest)) failures++;
}

{
    var ml = new MLContext(seed: 0);
    var rowType = SchemaDefinition.Create(typeof(Abc));
    rowType[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 3);
    IDataView View(Dataset d) => ml.Data.LoadFromEnumerable(Enumerable.Range(0, d.Rows).Select(i => new Abc { Values = d.Row(i).ToArray() }), rowType);
    var pipeline = ml.Transforms.CopyColumns("Features", nameof(Abc.Values))
        .Append(new AnomalyDetectorEstimator(ml, registry, "iforest", seed: 0));
    var scored = pipeline.Fit(View(train)).Transform(View(test.Features));
    var mlScores = scored.GetColumn<float>("Score").Select(s => (double)s).ToArray();
    double auc = Auc.Compute(labels, mlScores);
    Console.WriteLine($"mlnet: iforest in an ML.NET pipeline, AUC {auc:F4} on the new rows");
    if (auc < 0.9) failures++;
}

using (var extractor = new ResNet18Extractor())
{
    var pixels = Enumerable.Range(0, 3 * 16 * 16).Select(i => (byte)(i * 7 % 256)).ToArray();
    float[] features = extractor.Extract(new ImageSet(pixels, new ImageShape(3, 16, 16), [0], ["a"]), null, CancellationToken.None);
    bool ok = features.Length == ResNet18Extractor.Features && features.All(float.IsFinite) && features.Any(f => f != 0);
    Console.WriteLine($"resnet18: {features.Length} features at {extractor.Resolution}x{extractor.Resolution}, {(ok ? "finite" : "NOT finite or all zero")}");
    if (!ok) failures++;
}

Console.WriteLine(failures == 0 ? "consumer: all checks passed" : $"consumer: {failures} check(s) failed");
return failures == 0 ? 0 : 1;

/// <summary>A row for ML.NET: the three columns as one vector.</summary>
public sealed class Abc
{
    public float[] Values = [];
}
