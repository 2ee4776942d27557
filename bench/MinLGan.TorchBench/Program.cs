using System.Diagnostics;
using System.Globalization;
using MinLGan;
using MinLGan.Data;
using MinLGan.Torch;
using MinLGan.Torch.Modules;
using TorchSharp;
using static TorchSharp.torch;
using Generator = MinLGan.Torch.Modules.Generator;

// The MinLGAN training step, side by side in one run:
//   raw  : a bare TorchSharp loop of the same networks and the same three steps on a fixed batch
//   ours : GanTrainer + EpochRunner (shuffling, batch gathering, loss read-back, NaN checks, progress, epoch snapshots)
// Medians over interleaved repetitions; samples/s = rows per second of training; overhead = ours / raw - 1.
// Also prints the process RSS after every epoch of a longer run, to show it stays flat.
//   dotnet run -c Release --project bench/MinLGan.TorchBench -- [features] [repetitions]
var inv = CultureInfo.InvariantCulture;
if (args.Length > 0 && args[0] == "images")
{
    ImageBench.Run(args.Length > 1 ? int.Parse(args[1], inv) : 3, args.Length > 2 ? args[2] : "dcgan-small");
    return;
}
int features = args.Length > 0 ? int.Parse(args[0], inv) : 9;
int reps = args.Length > 1 ? int.Parse(args[1], inv) : 5;
const int Steps = 200;
var o = new GanOptions { A = 0.01, Epochs = 1, BatchSize = 256, LearningRate = 1e-3, Selection = SelectionMode.Last, Threads = 1 };
set_num_threads(1);
var rng = new SeededRandom(1);
var values = Enumerable.Range(0, Steps * o.BatchSize * features).Select(_ => (float)rng.NextGaussian()).ToArray();
var data = new Dataset(values, Steps * o.BatchSize, Enumerable.Range(0, features).Select(j => $"f{j}").ToArray());

double Raw() => RawLoop.Run(features, null, o, Steps);

double Ours()
{
    var sw = Stopwatch.StartNew();
    var det = new MinLGanDetector(o, 0);
    det.Fit(data);
    // Fit also scores the training rows for the threshold; time that separately and leave it out.
    double fitWithThreshold = sw.Elapsed.TotalSeconds;
    sw.Restart();
    det.Score(data);
    return fitWithThreshold - sw.Elapsed.TotalSeconds;
}

Raw(); Ours(); // warm-up
var raw = new List<double>();
var ours = new List<double>();
for (int r = 0; r < reps; r++) { raw.Add(Raw()); ours.Add(Ours()); }
static double Median(List<double> xs) { var s = xs.Order().ToArray(); return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2; }
double rawT = Median(raw), oursT = Median(ours);
int rows = Steps * o.BatchSize;
Console.WriteLine(string.Create(inv, $"MinLGAN step, {features} features, batch {o.BatchSize}, D {string.Join('-', o.DHidden)}, G/E {string.Join('-', o.GHidden)}, z {o.Latent}, 1 torch thread; {Steps} steps, median of {reps}"));
Console.WriteLine(string.Create(inv, $"raw TorchSharp loop: {rawT:F3} s  {rows / rawT,10:N0} samples/s  {1000 * rawT / Steps:F2} ms/step"));
Console.WriteLine(string.Create(inv, $"MinLGan trainer:     {oursT:F3} s  {rows / oursT,10:N0} samples/s  {1000 * oursT / Steps:F2} ms/step"));
Console.WriteLine(string.Create(inv, $"loop overhead beyond the raw step: {100 * (oursT / rawT - 1):F1}% (goal < 5%)"));

// Ensembles: N = 10 members trained one after another against all ten as one batched network (stacked weights,
// bmm), next to one member; 2 epochs each, on 1 and 2 torch threads.
double FitSeconds(GanFamilyDetector det)
{
    var sw = Stopwatch.StartNew();
    det.Fit(data);
    double withThreshold = sw.Elapsed.TotalSeconds;
    sw.Restart();
    det.Score(data);
    return withThreshold - sw.Elapsed.TotalSeconds;
}
foreach (int threads in new[] { 1, 2 })
{
    var eo = o with { Epochs = 2, Threads = threads, Members = 10 };
    double one = FitSeconds(new MinLGanDetector(eo, 0));
    double seq = FitSeconds(new EMinLGan1Detector(eo with { MemberTraining = "sequential" }, 0));
    double bat = FitSeconds(new EMinLGan1Detector(eo with { MemberTraining = "batched" }, 0));
    Console.WriteLine(string.Create(inv,
        $"ensemble N=10, {threads} thread(s): one member {one:F2} s; sequential {seq:F2} s ({seq / one:F1}x one member); batched {bat:F2} s ({bat / one:F1}x one member, {seq / bat:F2}x faster than sequential)"));
}

// RSS across epochs of a longer run.
var longRun = new MinLGanDetector(o with { Epochs = 10 }, 0);
var rss = new List<long>();
longRun.Progress = p => { GC.Collect(); rss.Add(Environment.WorkingSet); };
longRun.Fit(data);
Console.WriteLine("RSS after each epoch (MB): " + string.Join(" ", rss.Select(b => (b / 1048576.0).ToString("F0", inv))));
Console.WriteLine(string.Create(inv, $"RSS growth epoch 2 -> {rss.Count}: {(rss[^1] - rss[1]) / 1048576.0:F1} MB"));
