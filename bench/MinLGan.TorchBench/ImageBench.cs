using System.Diagnostics;
using System.Globalization;
using MinLGan;
using MinLGan.Data;
using MinLGan.Torch;
using MinLGan.Torch.Modules;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>
/// The MinLGAN step of a convolutional preset (dcgan-small or improved-gan) on 32×32 RGB images, batch 64, 2 libtorch threads, side by side in one run:
/// a bare TorchSharp loop of the same networks and steps on one fixed batch against our trainer (batch gathering,
/// loss read-back, NaN checks, epoch snapshot); training images/s, medians over interleaved repetitions.
/// </summary>
internal static class ImageBench
{
    public static void Run(int reps, string arch)
    {
        var inv = CultureInfo.InvariantCulture;
        int Steps = arch == "improved-gan" ? 5 : 20; // improved-gan's D is about 15x dcgan-small's work per image
        var shape = new ImageShape(3, 32, 32);
        var o = new GanOptions
        {
            Architecture = arch, A = 0.01, Epochs = 1, BatchSize = 64, LearningRate = 3e-4, Latent = 100,
            Selection = SelectionMode.Last, Threads = 2,
        };
        set_num_threads(2);
        var rng = new SeededRandom(1);
        int n = Steps * o.BatchSize;
        var values = Enumerable.Range(0, n * shape.Size).Select(_ => (float)Math.Clamp(0.5 * rng.NextGaussian(), -1, 1)).ToArray();
        var data = new Dataset(values, n, ImageSet.FeatureNames(shape), null, shape);

        double Raw() => RawLoop.Run(shape.Size, shape, o, Steps);

        double Ours()
        {
            var sw = Stopwatch.StartNew();
            var det = new MinLGanDetector(o, 0);
            det.Fit(data);
            double fitWithThreshold = sw.Elapsed.TotalSeconds;
            sw.Restart();
            det.Score(data); // Fit scores the training rows for the threshold: time that and leave it out
            return fitWithThreshold - sw.Elapsed.TotalSeconds;
        }

        double ScoreRate()
        {
            var det = new MinLGanDetector(o, 0);
            det.Fit(data);
            var sw = Stopwatch.StartNew();
            det.Score(data);
            return n / sw.Elapsed.TotalSeconds;
        }

        Raw(); Ours(); // warm-up
        var raw = new List<double>();
        var ours = new List<double>();
        for (int r = 0; r < reps; r++) { raw.Add(Raw()); ours.Add(Ours()); }
        static double Median(List<double> xs) { var s = xs.Order().ToArray(); return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2; }
        double rawT = Median(raw), oursT = Median(ours);
        Console.WriteLine(string.Create(inv, $"{arch} MinLGAN step, 32x32x3, batch {o.BatchSize}, z {o.Latent}, 2 torch threads; {Steps} steps, median of {reps}"));
        Console.WriteLine(string.Create(inv, $"raw TorchSharp loop: {rawT:F2} s  {n / rawT,8:N0} images/s"));
        Console.WriteLine(string.Create(inv, $"MinLGan trainer:     {oursT:F2} s  {n / oursT,8:N0} images/s  (overhead {100 * (oursT / rawT - 1):F1}%)"));
        Console.WriteLine(string.Create(inv, $"scoring (D forward, fixed batches of {ConvScorer.Batch}): {ScoreRate():N0} images/s"));
        Console.WriteLine(string.Create(inv, $"process peak working set so far: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB"));
    }
}
