using System.Diagnostics;
using System.Globalization;
using MinLGan;
using MinLGan.Data;
using MinLGan.Features;

// ResNet-18 feature extraction speed (ONNX Runtime on the CPU, the shipped 224 x 224 graph): images per second for
// 32 x 32 images (CIFAR's size, resized to 224 bilinearly), with 1 and with all cores' worth of workers (one ONNX
// Runtime thread each), the settings alternating within each repetition; medians over repetitions. Seeded random
// pixels (the cost does not depend on them). Prints figures; asserts nothing.
//   dotnet run -c Release --project bench/MinLGan.FeatureBench -- [images] [repetitions]
var inv = CultureInfo.InvariantCulture;
int count = args.Length > 0 ? int.Parse(args[0], inv) : 200;
int reps = args.Length > 1 ? int.Parse(args[1], inv) : 3;
var shape = new ImageShape(3, 32, 32);
var rng = new SeededRandom(17);
var pixels = new byte[count * shape.Size];
for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)rng.NextInt(256);
var images = new ImageSet(pixels, shape, new int[count], ["x"]);
int cores = Environment.ProcessorCount;
int[] settings = cores > 1 ? [1, cores] : [1];
var rates = settings.ToDictionary(t => t, _ => new List<double>());
var extractors = settings.ToDictionary(t => t, t => new ResNet18Extractor(new ResNet18Options { Threads = t }));
foreach (var e in extractors.Values) e.Extract(new ImageSet(pixels[..shape.Size], shape, [0], ["x"]), null, CancellationToken.None); // warm up
Console.WriteLine($"resnet18 features: {count} images of {shape} per run, {reps} repetitions, {cores} cores, ONNX Runtime {typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version}");
for (int r = 0; r < reps; r++)
{
    foreach (int t in settings)
    {
        var sw = Stopwatch.StartNew();
        extractors[t].Extract(images, null, CancellationToken.None);
        double rate = count / sw.Elapsed.TotalSeconds;
        rates[t].Add(rate);
        Console.WriteLine(string.Create(inv, $"  repetition {r + 1}, {t} worker(s): {rate:F1} images/s"));
    }
}
double Median(List<double> v) { var s = v.Order().ToArray(); return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2; }
foreach (int t in settings)
    Console.WriteLine(string.Create(inv, $"median, {t} worker(s): {Median(rates[t]):F1} images/s; 60,000 images in {60000 / Median(rates[t]) / 60:F0} min"));
if (settings.Length > 1) Console.WriteLine(string.Create(inv, $"ratio {cores} workers / 1: {Median(rates[cores]) / Median(rates[1]):F2}"));
foreach (var e in extractors.Values) e.Dispose();
