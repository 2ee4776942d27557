using System.Diagnostics;
using System.Globalization;
using MinLGan;
using MinLGan.Data;
using MinLGan.Features;

// ResNet-18 feature extraction speed (ONNX Runtime on the CPU): images per second for 32 x 32 images (CIFAR's size,
// resized bilinearly to the network's input size), the settings alternating within each repetition; medians over
// repetitions. Seeded random pixels (the cost does not depend on them). Prints figures; asserts nothing.
//   dotnet run -c Release --project bench/MinLGan.FeatureBench -- [images] [repetitions] [resolutions]
// Without resolutions: the shipped 224 x 224 graph with 1 worker and with all cores' worth of workers (one ONNX Runtime
// thread each). With resolutions (e.g. 224,128,64): each input size with all cores' workers, and its speed-up over the first.
var inv = CultureInfo.InvariantCulture;
int count = args.Length > 0 ? int.Parse(args[0], inv) : 200;
int reps = args.Length > 1 ? int.Parse(args[1], inv) : 3;
int cores = Environment.ProcessorCount;
var settings = args.Length > 2
    ? args[2].Split(',').Select(r => (Resolution: int.Parse(r, inv), Workers: cores)).ToArray()
    : (cores > 1 ? new (int Resolution, int Workers)[] { (224, 1), (224, cores) } : [(224, 1)]);
var shape = new ImageShape(3, 32, 32);
var rng = new SeededRandom(17);
var pixels = new byte[count * shape.Size];
for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)rng.NextInt(256);
var images = new ImageSet(pixels, shape, new int[count], ["x"]);
var rates = settings.ToDictionary(s => s, _ => new List<double>());
var extractors = settings.ToDictionary(s => s, s => new ResNet18Extractor(new ResNet18Options { Threads = s.Workers, Resolution = s.Resolution }));
foreach (var e in extractors.Values) e.Extract(new ImageSet(pixels[..shape.Size], shape, [0], ["x"]), null, CancellationToken.None); // warm up
Console.WriteLine($"resnet18 features: {count} images of {shape} per run, {reps} repetitions, {cores} cores, ONNX Runtime {typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version}");
string Name((int Resolution, int Workers) s) => $"{s.Resolution} x {s.Resolution}, {s.Workers} worker(s)";
for (int r = 0; r < reps; r++)
{
    foreach (var s in settings)
    {
        var sw = Stopwatch.StartNew();
        extractors[s].Extract(images, null, CancellationToken.None);
        double rate = count / sw.Elapsed.TotalSeconds;
        rates[s].Add(rate);
        Console.WriteLine(string.Create(inv, $"  repetition {r + 1}, {Name(s)}: {rate:F1} images/s"));
    }
}
double Median(List<double> v) { var o = v.Order().ToArray(); return o.Length % 2 == 1 ? o[o.Length / 2] : (o[o.Length / 2 - 1] + o[o.Length / 2]) / 2; }
foreach (var s in settings)
    Console.WriteLine(string.Create(inv, $"median, {Name(s)}: {Median(rates[s]):F1} images/s; 60,000 images in {60000 / Median(rates[s]) / 60:F0} min; ratio to {Name(settings[0])}: {Median(rates[s]) / Median(rates[settings[0]]):F2}"));
foreach (var e in extractors.Values) e.Dispose();
