using System.CommandLine;
using System.Globalization;
using MinLGan.Data;
using MinLGan.Preprocessing;
using MinLGan.Torch;
using ScottPlot;

namespace MinLGan.Cli;

/// <summary>
/// <c>minlgan figure1</c>: the paper's Figure 1 in data. Trains the GAN (a = 0) and MinLGAN (a &gt; 0) on the toy
/// circles and moons, and writes G's samples next to the data (CSV: x1,x2,source) and a scatter PNG per panel
/// (data red, G blue).
/// </summary>
internal static class Figure1Command
{
    public static Command Create(ConsoleIo io)
    {
        var outDir = new Option<string>("--out") { Description = "output folder", DefaultValueFactory = _ => Path.Combine("out", "figure1") };
        var seed = new Option<int>("--seed") { Description = "seed for the data and the networks", DefaultValueFactory = _ => 0 };
        var a = new Option<double>("--a") { Description = "MinLGAN's a for the right-hand panels", DefaultValueFactory = _ => 2.5 };
        var epochs = new Option<int>("--epochs") { Description = "epochs", DefaultValueFactory = _ => 200 };
        var noise = new Option<string>("--noise") { Description = "noise model of p(x|z): gaussian or laplace", DefaultValueFactory = _ => "gaussian" };
        var samples = new Option<int>("--samples") { Description = "toy points and G samples per panel", DefaultValueFactory = _ => 1000 };
        var force = CommonOptions.Force();
        var cmd = new Command("figure1", "the paper's Figure 1: G's samples with and without the KL term on circles and moons (CSV + PNG)")
        {
            outDir, seed, a, epochs, noise, samples, force,
        };
        cmd.SetAction(parse => io.Guard(parse, ct =>
        {
            string dir = parse.GetValue(outDir)!;
            int s = parse.GetValue(seed), n = parse.GetValue(samples);
            double weight = parse.GetValue(a);
            if (!(weight > 0)) throw new InvalidInputException($"--a {weight}: expected a number > 0 (the left panels are the a = 0 GAN)");
            if (n < 10) throw new InvalidInputException($"--samples {n}: expected at least 10");
            bool overwrite = parse.GetValue(force);
            CommonOptions.CheckOutputPath("--out", dir, folder: true);
            var noiseKind = parse.GetValue(noise) switch
            {
                "gaussian" => NoiseKind.Gaussian,
                "laplace" => NoiseKind.Laplace,
                var other => throw new InvalidInputException($"--noise {other}: expected gaussian or laplace"),
            };
            Draw(dir, s, weight, parse.GetValue(epochs), noiseKind, n, overwrite, io, ct);
            return 0;
        }));
        return cmd;
    }

    /// <summary>
    /// Trains the four panels (circles and moons; a = 0 and a = <paramref name="weight"/>) and writes their CSV and PNG
    /// into <paramref name="dir"/>: NAME-gan.* and NAME-minlgan.*.
    /// </summary>
    internal static IReadOnlyList<Figure1Panel> Draw(string dir, int s, double weight, int epochs, NoiseKind noiseKind, int n, bool overwrite, ConsoleIo io, CancellationToken ct)
    {
        var toys = new (string Name, Dataset Points)[]
        {
            ("circles", ToyDatasets.Circles(n, 0.05, 0.5, s).Points),
            ("moons", ToyDatasets.Moons(n, 0.05, s).Points),
        };
        var display = new TrainingDisplay(io);
        var panels = new List<Figure1Panel>();
        foreach (var (name, points) in toys)
        {
            var scaler = FeatureScaler.Fit(points);
            foreach (var (label, aValue) in new[] { ("gan", 0.0), ("minlgan", weight) })
            {
                // The paper's recipe, as its Figure 1: no background term, no input bound, exactly the epochs asked for.
                var options = GanOptions.PaperRecipe with
                {
                    A = aValue, Epochs = epochs, BatchSize = 100, LearningRate = 1e-3, Latent = 2,
                    Selection = SelectionMode.Last, Noise = noiseKind,
                };
                GanFamilyDetector det = aValue == 0 ? new GanDetector(options, s) : new MinLGanDetector(options, s);
                det.GeneratorSampleCount = n;
                display.Attach(det, s);
                display.Run(() => { det.Fit(scaler.Transform(points), ct); return 0; });
                var g = det.GeneratorSamples!;
                var gx = Unscale(g, scaler, 0);
                var gy = Unscale(g, scaler, 1);
                var px = Enumerable.Range(0, points.Rows).Select(i => (double)points.Row(i)[0]).ToArray();
                var py = Enumerable.Range(0, points.Rows).Select(i => (double)points.Row(i)[1]).ToArray();
                string stem = Path.Combine(dir, $"{name}-{label}");
                AtomicFile.WriteText(stem + ".csv", w =>
                {
                    w.WriteLine("x1,x2,source");
                    for (int i = 0; i < px.Length; i++) w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{px[i]:R},{py[i]:R},data"));
                    for (int i = 0; i < gx.Length; i++) w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{gx[i]:R},{gy[i]:R},generator"));
                }, overwrite);
                var plot = new Plot();
                var data = plot.Add.ScatterPoints(px, py);
                data.Color = Colors.Red;
                data.MarkerSize = 3;
                data.LegendText = "normal data";
                var gen = plot.Add.ScatterPoints(gx, gy);
                gen.Color = Colors.Blue;
                gen.MarkerSize = 3;
                gen.LegendText = "G(z)";
                plot.Title(aValue == 0 ? $"{name}: GAN (a = 0)" : string.Create(CultureInfo.InvariantCulture, $"{name}: MinLGAN (a = {aValue})"));
                plot.ShowLegend();
                byte[] png = plot.GetImageBytes(600, 600, ImageFormat.Png);
                AtomicFile.Write(stem + ".png", st => st.Write(png), overwrite);
                double median = MedianNearestDistance(gx, gy, px, py);
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name} {label,-8} a={aValue,-5} median distance from G(z) to the nearest data point {median:F4}; wrote {stem}.csv and {stem}.png"));
                panels.Add(new Figure1Panel(name, label, aValue, median, Path.GetFileName(stem) + ".png"));
            }
        }
        return panels;
    }

    /// <summary>How far G's samples lie from the data: the median over samples of the distance to the nearest data point.</summary>
    internal static double MedianNearestDistance(double[] gx, double[] gy, double[] px, double[] py)
    {
        var d = new double[gx.Length];
        for (int i = 0; i < gx.Length; i++)
        {
            double best = double.PositiveInfinity;
            for (int j = 0; j < px.Length; j++)
                best = Math.Min(best, (gx[i] - px[j]) * (gx[i] - px[j]) + (gy[i] - py[j]) * (gy[i] - py[j]));
            d[i] = Math.Sqrt(best);
        }
        Array.Sort(d);
        return d.Length % 2 == 1 ? d[d.Length / 2] : (d[d.Length / 2 - 1] + d[d.Length / 2]) / 2;
    }

    private static double[] Unscale(Dataset d, FeatureScaler scaler, int column) =>
        Enumerable.Range(0, d.Rows).Select(i => d.Row(i)[column] * scaler.Scale[column] + scaler.Offset[column]).ToArray();
}

/// <summary>One panel of Figure 1: the toy set, gan or minlgan, its a, how far G's samples lie from the data, its PNG's file name.</summary>
internal sealed record Figure1Panel(string Toy, string Label, double A, double MedianDistance, string Png);
