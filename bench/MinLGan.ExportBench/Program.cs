using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Evaluation;
using MinLGan.Export;
using MinLGan.MLNet;
using MinLGan.Persistence;
using MinLGan.Preprocessing;
using MinLGan.Torch;

// Scoring throughput of one fitted model three ways, side by side in one run, medians over interleaved repetitions:
// the library (AnomalyModel.Score on all rows at once), the ONNX export in ONNX Runtime (one session, default
// threads, BATCH rows per Run: ocsvm, knn and lof hold [rows x support vectors or training rows] doubles per step, so
// one Run over every row can take gigabytes), and the ML.NET pipeline (AnomalyDetectorTransformer, row by row, Score column read
// to the end). Prints rows/s and ratios to the library; then the latency of scoring one row at a time (median µs per
// call over the first SINGLE test rows, interleaved the same way): AnomalyModel.Score on a one-row Dataset, one Run
// of a one-row tensor, and an ML.NET PredictionEngine. Asserts nothing.
//   dotnet run -c Release --project bench/MinLGan.ExportBench -- [protocol] [repetitions] [detectors] [batch] [single]
// eminlgan2 is fitted with epochs=1 min_steps=0 (default network sizes, ten members): scoring costs the same as a
// fully trained one; its scores are not meant to be good.
string protocol = args.Length > 0 ? args[0] : "shu-a";
int reps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
string[] detectors = args.Length > 2 ? args[2].Split(',') : ["iforest", "ocsvm", "knn", "lof", "eminlgan2", "ae"];
int batch = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1024;
int single = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 200;
var inv = CultureInfo.InvariantCulture;
var registry = TorchDetectors.AddTo(DetectorRegistry.CreateDefault());
var split = Protocols.Get(protocol).Load(DataLocator.Resolve(null), null).Split(0, new SplitOptions());
var test = split.Test.WithLabels(null);
Console.WriteLine(string.Create(inv, $"{protocol} seed 0: {split.Train.Rows} train rows, {test.Rows} rows scored, {test.Columns} features; cores {Environment.ProcessorCount}; {reps} repetitions; medians; onnx batches of {batch} rows"));
Console.WriteLine($"{"detector",-10} {"library rows/s",15} {"onnx rows/s",13} {"ml.net rows/s",14} {"onnx/lib",9} {"ml.net/lib",11}");

var latencies = new List<string>();
foreach (string name in detectors)
{
    var info = registry.Get(name);
    string[] pairs = name.StartsWith("eminlgan", StringComparison.Ordinal) || name is "gan" or "minlgan" ? ["epochs=1", "min_steps=0"] : [];
    var parameters = DetectorParameters.Parse(name, info.Parameters, pairs);
    var scaler = FeatureScaler.Fit(split.Train, ScalerKind.Standard);
    var detector = info.Create(parameters, 0);
    detector.Fit(scaler.Transform(split.Train));
    var model = new AnomalyModel(parameters, 0, split.Train.FeatureNames, scaler, new InputSpec("csv", null, []), null, detector);

    using var session = new InferenceSession(OnnxScoreGraphWriter.ToBytes(ModelExport.Build(model), "bench"));
    var values = test.Values.ToArray();

    var ml = new MLContext(seed: 0);
    var rowType = SchemaDefinition.Create(typeof(VectorRow));
    rowType[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, test.Columns);
    var view = ml.Data.LoadFromEnumerable(Enumerable.Range(0, test.Rows).Select(i => new VectorRow { Features = test.Row(i).ToArray() }), rowType);
    var transformer = AnomalyDetectorTransformer.FromModel(ml, model);

    var engine = ml.Model.CreatePredictionEngine<VectorRow, ScoredRow>(transformer, inputSchemaDefinition: rowType);
    int singles = Math.Min(single, test.Rows);
    var oneRows = Enumerable.Range(0, singles).Select(i => test.Select([i])).ToArray();

    var lib = new List<double>(); var onnx = new List<double>(); var mlnet = new List<double>();
    var libOne = new List<double>(); var onnxOne = new List<double>(); var mlnetOne = new List<double>();
    double[] reference = model.Score(test);
    for (int r = 0; r < reps; r++)
    {
        var sw = Stopwatch.StartNew();
        var a = model.Score(test);
        lib.Add(sw.Elapsed.TotalSeconds);

        sw.Restart();
        var b = new List<float>(test.Rows);
        for (int start = 0; start < test.Rows; start += batch)
        {
            int count = Math.Min(batch, test.Rows - start);
            var input = new DenseTensor<float>(values.AsMemory(start * test.Columns, count * test.Columns), [count, test.Columns]);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(ScoreGraph.InputName, input)]);
            b.AddRange(results.First(x => x.Name == ModelExport.ScoreOutput).AsEnumerable<float>());
        }
        onnx.Add(sw.Elapsed.TotalSeconds);
        if (b.Count != a.Length) throw new InvalidOperationException("onnx row count");

        sw.Restart();
        var c = transformer.Transform(view).GetColumn<float>("Score").ToArray();
        mlnet.Add(sw.Elapsed.TotalSeconds);
        for (int i = 0; i < c.Length; i++)
            if (c[i] != (float)reference[i]) throw new InvalidOperationException($"ml.net row {i} differs from the library");

        for (int i = 0; i < singles; i++)
        {
            sw.Restart();
            double x = model.Score(oneRows[i])[0];
            libOne.Add(sw.Elapsed.TotalSeconds);

            sw.Restart();
            var one = new DenseTensor<float>(values.AsMemory(i * test.Columns, test.Columns), [1, test.Columns]);
            using (var results = session.Run([NamedOnnxValue.CreateFromTensor(ScoreGraph.InputName, one)]))
                _ = results.First(v => v.Name == ModelExport.ScoreOutput).AsEnumerable<float>().First();
            onnxOne.Add(sw.Elapsed.TotalSeconds);

            sw.Restart();
            float y = engine.Predict(new VectorRow { Features = test.Row(i).ToArray() }).Score;
            mlnetOne.Add(sw.Elapsed.TotalSeconds);
            if (x != reference[i] || y != (float)reference[i]) throw new InvalidOperationException($"single row {i} differs from the batch score");
        }
    }
    double Median(List<double> v) { var s = v.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
    double l = test.Rows / Median(lib), o = test.Rows / Median(onnx), m = test.Rows / Median(mlnet);
    Console.WriteLine(string.Create(inv, $"{name,-10} {l,15:N0} {o,13:N0} {m,14:N0} {o / l,9:F2} {m / l,11:F2}"));
    double lo = Median(libOne) * 1e6, oo = Median(onnxOne) * 1e6, mo = Median(mlnetOne) * 1e6;
    latencies.Add(string.Create(inv, $"{name,-10} {lo,15:N1} {oo,13:N1} {mo,14:N1} {oo / lo,9:F2} {mo / lo,11:F2}"));
    engine.Dispose();
}

Console.WriteLine();
Console.WriteLine($"one row per call ({single} rows x {reps} repetitions), median µs per call");
Console.WriteLine($"{"detector",-10} {"library µs",15} {"onnx µs",13} {"ml.net µs",14} {"onnx/lib",9} {"ml.net/lib",11}");
foreach (string line in latencies) Console.WriteLine(line);

/// <summary>A row for ML.NET.</summary>
public sealed class VectorRow
{
    public float[] Features = [];
}

/// <summary>What the prediction engine returns.</summary>
public sealed class ScoredRow
{
    public float Score;
}
