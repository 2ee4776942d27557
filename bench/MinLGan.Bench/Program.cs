using System.Diagnostics;
using System.Globalization;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Evaluation;
using MinLGan.Preprocessing;

// Isolation Forest throughput on one protocol's seed-0 split (default kdd-a), one thread against all cores,
// side by side in one run; medians over repetitions. Prints figures and ratios; asserts nothing.
//   dotnet run -c Release --project bench/MinLGan.Bench -- [protocol] [repetitions]
string protocol = args.Length > 0 ? args[0] : "kdd-a";
int reps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var inv = CultureInfo.InvariantCulture;

var loadWatch = Stopwatch.StartNew();
var split = Protocols.Get(protocol).Load(DataLocator.Resolve(null), null).Split(0, new SplitOptions());
var scaler = FeatureScaler.Fit(split.Train);
var train = scaler.Transform(split.Train);
var test = scaler.Transform(split.Test);
Console.WriteLine(string.Create(inv, $"{protocol} seed 0: {train.Rows} train rows, {test.Rows} test rows, {train.Columns} features; loaded in {loadWatch.Elapsed.TotalSeconds:F1} s"));
Console.WriteLine(string.Create(inv, $"cores: {Environment.ProcessorCount}; repetitions: {reps} (interleaved); figures are medians"));

var results = new Dictionary<int, (List<double> Fit, List<double> Score)> { [1] = ([], []), [0] = ([], []) };
double[]? reference = null;
for (int r = 0; r < reps; r++)
{
    foreach (int threads in new[] { 1, 0 })
    {
        var forest = new IsolationForest(new IsolationForestOptions { Threads = threads }, 0);
        var sw = Stopwatch.StartNew();
        forest.Fit(train);
        double fit = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var scores = forest.Score(test);
        double score = sw.Elapsed.TotalSeconds;
        results[threads].Fit.Add(fit);
        results[threads].Score.Add(score);
        reference ??= scores;
        if (!scores.AsSpan().SequenceEqual(reference)) throw new InvalidOperationException("scores differ between thread counts");
    }
}

static double Median(List<double> xs)
{
    var s = xs.Order().ToArray();
    return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
}

Console.WriteLine($"{"threads",-8} {"fit s",8} {"score s",8} {"fit+score s",12} {"score rows/s",14}");
foreach (var (threads, (fit, score)) in results)
{
    double f = Median(fit), s = Median(score);
    Console.WriteLine(string.Create(inv, $"{(threads == 0 ? "all" : "1"),-8} {f,8:F3} {s,8:F3} {f + s,12:F3} {test.Rows / s,14:N0}"));
}
double one = Median(results[1].Fit) + Median(results[1].Score);
double all = Median(results[0].Fit) + Median(results[0].Score);
Console.WriteLine(string.Create(inv, $"speed-up all cores / 1 thread (fit+score): {one / all:F2}x; scores identical across thread counts: yes"));
Console.WriteLine("Fit includes scoring the training rows once, for the contamination threshold.");
