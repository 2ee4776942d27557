using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Evaluation;

namespace MinLGan.Cli;

/// <summary>
/// <c>minlgan evaluate</c>: for each seed, split the protocol, fit, score the test rows, and report AUC.
/// Writes results.json (one object per seed) and scores-SEED.csv (label,score) to --out.
/// </summary>
internal static class EvaluateCommand
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>One seed's plots: the test ROC curve, the score histograms and, for images, the extremes of the ranking.</summary>
    private static void WritePlots(string folder, string title, int seed, Evaluator.Outcome outcome, bool overwrite)
    {
        var roc = RocCurve.Compute(outcome.TestLabels, outcome.TestScores);
        var rocPng = ReportPlots.Roc(roc, title);
        AtomicFile.Write(Path.Combine(folder, $"roc-{seed}.png"), s => s.Write(rocPng), overwrite);
        var histPng = ReportPlots.ScoreHistogram(outcome.TestLabels, outcome.TestScores, outcome.Detector.Threshold, title);
        AtomicFile.Write(Path.Combine(folder, $"scores-{seed}.png"), s => s.Write(histPng), overwrite);
        if (outcome.Scaled.Test.ImageShape is not { } shape) return;
        int scale = Math.Max(1, 64 / Math.Max(shape.Width, shape.Height));
        foreach (bool top in new[] { true, false })
        {
            var (images, flags) = ReportPlots.Extremes(outcome.Scaled.Test, outcome.TestScores, outcome.Scaler, top, SheetSize);
            var png = MinLGan.Imaging.ImageGrid.Png(shape, images, flags, columns: 16, scale);
            AtomicFile.Write(Path.Combine(folder, $"{(top ? "most-anomalous" : "most-normal")}-{seed}.png"), s => s.Write(png), overwrite);
        }
        if (outcome.Detector is IGeneratesSamples { GeneratorSamples: { } samples })
        {
            var images = ReportPlots.Pixels(samples, outcome.Scaler);
            var png = MinLGan.Imaging.ImageGrid.Png(shape, images, new int?[images.Length], columns: 16, scale);
            AtomicFile.Write(Path.Combine(folder, $"generator-{seed}.png"), s => s.Write(png), overwrite);
        }
    }

    /// <summary>Images per sheet.</summary>
    private const int SheetSize = 64;

    public static Command Create(ConsoleIo io)
    {
        var protocol = CommonOptions.Protocol();
        var detector = CommonOptions.Detector();
        var seeds = new Option<string>("--seeds") { Description = "seeds, e.g. 0,1,2 or 0-4", DefaultValueFactory = _ => "0" };
        var data = CommonOptions.Data();
        var outDir = new Option<string?>("--out") { Description = "output folder (default out/PROTOCOL-DETECTOR)" };
        var export = new Option<string?>("--export-split") { Description = "also write each seed's scaled train/holdout/test rows as CSV here" };
        var param = CommonOptions.Params();
        var grid = new Option<string[]>("--grid") { Description = "NAME=v1,v2,... (repeatable): fit every combination and keep the best holdout AUC per seed" };
        var scaler = CommonOptions.Scaler();
        var input = CommonOptions.Input();
        var labelColumn = CommonOptions.LabelColumn();
        var normalLabel = CommonOptions.NormalLabel();
        var force = CommonOptions.Force();
        var trainFraction = CommonOptions.TrainFraction();
        var holdoutFraction = CommonOptions.HoldoutFraction();
        var maxTrain = CommonOptions.MaxTrain();
        var budget = CommonOptions.Budget();
        var resize = CommonOptions.Resize();
        var noPlots = new Option<bool>("--no-plots") { Description = "skip the PNG plots (roc-SEED.png, scores-SEED.png; for images also most-anomalous-SEED.png, most-normal-SEED.png and, for the GAN family, generator-SEED.png)" };
        var cmd = new Command("evaluate", "evaluate a detector on a protocol over seeds: AUC table, results.json, scores-SEED.csv, plots")
        {
            protocol, detector, seeds, data, outDir, export, param, grid, scaler, input, labelColumn, normalLabel, force, trainFraction, holdoutFraction, maxTrain, budget, resize, noPlots,
        };
        cmd.SetAction(parse => io.Guard(parse, ct =>
        {
            string protocolName = parse.GetValue(protocol) ?? throw new InvalidInputException("--protocol is required (see minlgan datasets)");
            var proto = Protocols.Get(protocolName);
            var registry = CliApp.Registry();
            var info = registry.Get(parse.GetValue(detector)!);
            string? budgetName = parse.GetValue(budget);
            var budgetDefaults = budgetName is null ? ([], 0) : Budgets.For(budgetName, info);
            var pairs = Budgets.Merge(budgetDefaults.Parameters, parse.GetValue(param) ?? [], parse.GetValue(grid) ?? []);
            var candidates = DetectorParameters.Grid(info.Name, info.Parameters, pairs, parse.GetValue(grid) ?? []);
            var seedList = CommonOptions.ParseSeeds(parse.GetValue(seeds)!);
            var scaling = MinLGan.Preprocessing.FeatureScaler.Parse(CommonOptions.ScalerName(parse.GetValue(scaler), protocolName));
            var splitOptions = new SplitOptions { TrainFraction = parse.GetValue(trainFraction), HoldoutFraction = parse.GetValue(holdoutFraction), MaxTrain = parse.GetValue(maxTrain) is > 0 and var m ? m : budgetDefaults.MaxTrain };
            splitOptions.Validate();
            var inputs = CommonOptions.Inputs(proto.Name, parse.GetValue(input), parse.GetValue(labelColumn), CommonOptions.SplitList(parse.GetValue(normalLabel)), parse.GetValue(resize));
            string outFolder = parse.GetValue(outDir) ?? Path.Combine("out", $"{proto.Name}-{info.Name}");
            string? exportFolder = parse.GetValue(export);
            bool overwrite = parse.GetValue(force);

            // Refuse before any work when outputs exist: nothing the user had is replaced without --force.
            var outputs = new List<string> { Path.Combine(outFolder, "results.json") };
            outputs.AddRange(seedList.Select(s => Path.Combine(outFolder, $"scores-{s}.csv")));
            bool plots = !parse.GetValue(noPlots);
            bool imagePlots = plots && CommonOptions.IsImageProtocol(proto.Name);
            bool generatorPlot = imagePlots && info.Has(DetectorTraits.GeneratesSamples);
            var plotNames = !plots ? [] : new[] { "roc", "scores" }
                .Concat(imagePlots ? ["most-anomalous", "most-normal"] : [])
                .Concat(generatorPlot ? ["generator"] : []).ToArray();
            outputs.AddRange(seedList.SelectMany(s => plotNames.Select(k => Path.Combine(outFolder, $"{k}-{s}.png"))));
            if (exportFolder is not null)
                outputs.AddRange(seedList.SelectMany(s => new[] { "train", "holdout", "test" }.Select(k => Path.Combine(exportFolder, $"seed-{s}", $"{k}.csv"))));
            if (!overwrite && outputs.FirstOrDefault(File.Exists) is string existing)
                throw new InvalidInputException($"{existing}: already exists; pass --force to replace it, or choose another --out");

            var loc = DataLocator.Resolve(parse.GetValue(data));
            var protocolData = proto.Load(loc, inputs);
            foreach (var note in protocolData.Notes) io.Err.WriteLine($"note: {note}");

            var table = new ResultTable(io.Out);
            table.Header();
            var results = new List<SeedResult>();
            var display = new TrainingDisplay(io);
            foreach (int seed in seedList)
            {
                if (ct.IsCancellationRequested) break;
                var outcome = display.Run(() => Evaluator.Run(protocolData, info, candidates, seed, scaling, splitOptions,
                    line => io.Err.WriteLine(line), d =>
                    {
                        display.Attach(d, seed);
                        if (generatorPlot && d is IGeneratesSamples gen) gen.GeneratorSampleCount = SheetSize;
                    }, ct));
                foreach (var w in outcome.Warnings.Where(w => w.Kind == WarningKind.InvertedScores)) io.Err.WriteLine($"WARNING: seed {seed}: {w.Message}");
                foreach (var note in outcome.Result.Notes.Except(protocolData.Notes)) io.Err.WriteLine($"note: seed {seed}: {note}");
                var result = outcome.Result with { Budget = budgetName };
                results.Add(result);
                table.Row(result);
                AtomicFile.WriteText(Path.Combine(outFolder, $"scores-{seed}.csv"), w =>
                {
                    w.WriteLine("label,score");
                    for (int i = 0; i < outcome.TestScores.Length; i++)
                        w.WriteLine($"{outcome.TestLabels[i]},{CommonOptions.Num(outcome.TestScores[i])}");
                }, overwrite);
                if (plots) WritePlots(outFolder, $"{proto.Name} · {info.Name} · seed {seed}", seed, outcome, overwrite);
                if (exportFolder is not null)
                {
                    string dir = Path.Combine(exportFolder, $"seed-{seed}");
                    CsvExport.Write(Path.Combine(dir, "train.csv"), outcome.Scaled.Train, overwrite);
                    CsvExport.Write(Path.Combine(dir, "holdout.csv"), outcome.Scaled.Holdout, overwrite);
                    CsvExport.Write(Path.Combine(dir, "test.csv"), outcome.Scaled.Test, overwrite);
                }
            }
            if (results.Count == 0) throw new OperationCanceledException();
            table.Summary(results);
            AtomicFile.Write(Path.Combine(outFolder, "results.json"), s => JsonSerializer.Serialize(s, results, Json), overwrite);
            io.Out.WriteLine($"wrote {Path.Combine(outFolder, "results.json")} and scores-SEED.csv"
                + (plots ? $"; plots {string.Join(", ", plotNames.Select(k => k + "-SEED.png"))}" : "")
                + (exportFolder is null ? "" : $"; split rows in {exportFolder}"));
            if (ct.IsCancellationRequested)
            {
                io.Err.WriteLine($"cancelled: results cover {results.Count} of {seedList.Length} seeds; a cancelled seed kept its best model so far (see notes)");
                return 130;
            }
            return 0;
        }));
        return cmd;
    }
}

/// <summary>The evaluate table: one row per seed, then mean ± std (population std, as numpy's default).</summary>
internal sealed class ResultTable(TextWriter w)
{
    private const string Format = "{0,-8} {1,-10} {2,5} {3,8} {4,8} {5,8} {6,8} {7,9} {8,9}";

    public void Header() => w.WriteLine(Format, "protocol", "detector", "seed", "auc", "holdout", "n_train", "n_test", "fit_s", "score_s");

    public void Row(SeedResult r) => w.WriteLine(string.Format(CultureInfo.InvariantCulture, Format,
        r.Protocol, r.Detector, r.Seed, r.Auc.ToString("F4", CultureInfo.InvariantCulture),
        r.HoldoutAuc?.ToString("F4", CultureInfo.InvariantCulture) ?? "-", r.NTrain, r.NTest,
        r.FitSeconds.ToString("F3", CultureInfo.InvariantCulture), r.ScoreSeconds.ToString("F3", CultureInfo.InvariantCulture)));

    public void Summary(IReadOnlyList<SeedResult> rs)
    {
        var (m, s) = MeanStd(rs.Select(r => r.Auc).ToArray());
        var (fm, _) = MeanStd(rs.Select(r => r.FitSeconds).ToArray());
        var (sm, _) = MeanStd(rs.Select(r => r.ScoreSeconds).ToArray());
        w.WriteLine(string.Format(CultureInfo.InvariantCulture, "mean ± std over {0} seed(s): AUC {1:F4} ± {2:F4}; fit {3:F3} s, score {4:F3} s (means)",
            rs.Count, m, s, fm, sm));
    }

    public static (double Mean, double Std) MeanStd(double[] xs)
    {
        double mean = xs.Average();
        return (mean, Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / xs.Length));
    }
}

/// <summary>Writes a data set as CSV: feature columns then label (1 = anomaly), values round-trippable.</summary>
internal static class CsvExport
{
    public static void Write(string path, Dataset d, bool overwrite) => AtomicFile.WriteText(path, w =>
    {
        w.Write(string.Join(',', d.FeatureNames));
        w.WriteLine(d.Labels is null ? "" : ",label");
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < d.Rows; i++)
        {
            sb.Clear();
            var row = d.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                if (j > 0) sb.Append(',');
                sb.Append(row[j].ToString("R", CultureInfo.InvariantCulture));
            }
            if (d.Labels is not null) sb.Append(',').Append(d.Labels[i]);
            w.WriteLine(sb);
        }
    }, overwrite);
}
