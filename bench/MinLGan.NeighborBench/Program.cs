using System.Diagnostics;
using System.Globalization;
using MinLGan.Data;
using MinLGan;
using MinLGan.Detectors;

// knn and lof at the size of issue 13's image embeddings: 5,000 training rows and 10,000 test rows of 512 features
// (seeded Gaussian rows), fit + score, all cores; medians over repetitions. Writes the rows as float32 files for
// bench/neighbors_vs_sklearn.py, which runs scikit-learn on exactly them. Prints figures; asserts nothing.
//   dotnet run -c Release --project bench/MinLGan.NeighborBench -- OUTDIR [repetitions] [train] [test] [features]
var inv = CultureInfo.InvariantCulture;
string outDir = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "minlgan-bench-neighbors");
int reps = args.Length > 1 ? int.Parse(args[1], inv) : 3;
int nTrain = args.Length > 2 ? int.Parse(args[2], inv) : 5000;
int nTest = args.Length > 3 ? int.Parse(args[3], inv) : 10000;
int d = args.Length > 4 ? int.Parse(args[4], inv) : 512;
Directory.CreateDirectory(outDir);

var rng = new SeededRandom(13);
Dataset Rows(int n, double scale)
{
    var v = new float[n * d];
    for (int i = 0; i < v.Length; i++) v[i] = (float)(rng.NextGaussian() * scale);
    return new Dataset(v, n, Enumerable.Range(0, d).Select(j => $"f{j}").ToArray());
}
var train = Rows(nTrain, 1);
// A tenth of the test rows twice as spread: something for the scores to find.
var test = Rows(nTest, 1);
var spread = test.Values.ToArray();
for (int i = 0; i < nTest / 10 * d; i++) spread[i] *= 2;
test = test.WithValues(spread);
void Write(string name, Dataset data)
{
    using var w = new BinaryWriter(File.Create(Path.Combine(outDir, name)));
    foreach (float x in data.Values) w.Write(x);
}
Write("train.f32", train);
Write("test.f32", test);
Console.WriteLine(string.Create(inv, $"{nTrain} train rows, {nTest} test rows, {d} features; cores {Environment.ProcessorCount}; {reps} repetitions, medians"));

foreach (var (name, make) in new (string, Func<IAnomalyDetector>)[]
{
    ("knn k=5", () => new KnnDetector(new NeighborOptions())),
    ("lof k=20", () => new LofDetector(new NeighborOptions { K = 20 })),
})
{
    var fits = new List<double>();
    var scoresTimes = new List<double>();
    double[] scores = [];
    for (int r = 0; r < reps; r++)
    {
        var det = make();
        var sw = Stopwatch.StartNew();
        det.Fit(train);
        fits.Add(sw.Elapsed.TotalSeconds);
        sw.Restart();
        scores = det.Score(test);
        scoresTimes.Add(sw.Elapsed.TotalSeconds);
    }
    double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
    File.WriteAllLines(Path.Combine(outDir, name.Split(' ')[0] + "-scores.txt"), scores.Select(s => s.ToString("R", inv)));
    Console.WriteLine(string.Create(inv, $"ours {name}: fit {Median(fits):F2} s, score {Median(scoresTimes):F2} s, total {Median(fits) + Median(scoresTimes):F2} s"));
}
