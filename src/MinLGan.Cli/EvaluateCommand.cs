using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Evaluation;
using MinLGan.Metrics;

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

    /// <summary>Every argument of a run that decides its numbers, for its checkpoints (the seeds are not: each stands alone).</summary>
    private static System.Text.Json.Nodes.JsonObject Fingerprint(string protocol, string detector, IReadOnlyList<DetectorParameters> candidates, string scaler,
        SplitOptions split, string? budget, string? features, int resolution, InputArguments? inputs, string? dataFolder)
    {
        static System.Text.Json.Nodes.JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, Json);
        return new System.Text.Json.Nodes.JsonObject
        {
            ["build"] = CliApp.Build,
            ["protocol"] = protocol,
            ["detector"] = detector,
            ["parameters"] = Node(candidates.Select(c => new SortedDictionary<string, string>(c.Values.ToDictionary(), StringComparer.Ordinal)).ToList()),
            ["scaler"] = scaler,
            ["split"] = Node(split),
            ["budget"] = budget,
            ["features"] = features,
            ["feature_resolution"] = features is null ? null : resolution,
            ["input"] = inputs is null ? null : Path.GetFullPath(inputs.Input),
            ["label_column"] = inputs?.LabelColumn,
            ["normal_labels"] = inputs is null ? null : Node(inputs.NormalLabels),
            ["resize"] = inputs?.Resize is { } r ? $"{r.Width}x{r.Height}" : null,
            ["data"] = dataFolder is null ? null : Path.GetFullPath(dataFolder),
        };
    }

    /// <summary>Images per sheet.</summary>
    private const int SheetSize = 64;

    /// <summary>
    /// One evaluate run (the command's body; <c>minlgan reproduce</c> runs its cells through it): refuses existing outputs
    /// unless forced or resumed, runs the seeds not finished, writes results.json, scores and plots.
    /// </summary>
    internal static EvaluateOutcome Run(EvaluateArgs a, ConsoleIo io, CancellationToken ct)
    {
        string protocolName = a.Protocol ?? throw new InvalidInputException("--protocol is required (see minlgan datasets)");
        var proto = Protocols.Get(protocolName);
        var registry = CliApp.Registry();
        var info = registry.Get(a.Detector);
        string? budgetName = a.Budget;
        string? featureChoice = FeatureStep.Validate(a.Features, proto.Name);
        int resolution = FeatureStep.ValidateResolution(a.FeatureResolution, featureChoice);
        var budgetDefaults = Budgets.For(budgetName, info, featureChoice);
        var pairs = Budgets.Merge(budgetDefaults.Parameters, a.Params, a.Grid);
        var candidates = DetectorParameters.Grid(info.Name, info.Parameters, pairs, a.Grid);
        var seedList = CommonOptions.ParseSeeds(a.Seeds);
        var scaling = MinLGan.Preprocessing.FeatureScaler.Parse(CommonOptions.ScalerName(a.Scaler, protocolName, featureChoice));
        var splitOptions = new SplitOptions { TrainFraction = a.TrainFraction, HoldoutFraction = a.HoldoutFraction, CheckFraction = a.CheckFraction, MaxTrain = a.MaxTrain is > 0 and var m ? m : budgetDefaults.MaxTrain, MaxTest = a.MaxTest };
        splitOptions.Validate();
        var inputs = CommonOptions.Inputs(proto.Name, a.Input, a.LabelColumn, CommonOptions.SplitList(a.NormalLabel), a.Resize);
        string outFolder = a.Out ?? Path.Combine("out", $"{proto.Name}-{info.Name}");
        string? exportFolder = a.Export;
        bool overwrite = a.Force;

        CommonOptions.CheckOutputPath("--out", outFolder, folder: true);
        if (exportFolder is not null) CommonOptions.CheckOutputPath("--export-split", exportFolder, folder: true);
        // Refuse before any work when outputs exist: nothing the user had is replaced without --force.
        var outputs = new List<string> { Path.Combine(outFolder, "results.json") };
        outputs.AddRange(seedList.Select(s => Path.Combine(outFolder, $"scores-{s}.csv")));
        bool plots = !a.NoPlots;
        bool imagePlots = plots && CommonOptions.IsImageProtocol(proto.Name) && featureChoice is null;
        bool generatorPlot = imagePlots && info.Has(DetectorTraits.GeneratesSamples);
        var plotNames = !plots ? [] : new[] { "roc", "scores" }
            .Concat(imagePlots ? ["most-anomalous", "most-normal"] : [])
            .Concat(generatorPlot ? ["generator"] : []).ToArray();
        outputs.AddRange(seedList.SelectMany(s => plotNames.Select(k => Path.Combine(outFolder, $"{k}-{s}.png"))));
        if (exportFolder is not null)
            outputs.AddRange(seedList.SelectMany(s => new[] { "train", "holdout", "test" }.Select(k => Path.Combine(exportFolder, $"seed-{s}", $"{k}.csv"))));
        bool resuming = a.Resume;
        if (resuming && exportFolder is not null) throw new InvalidInputException("--resume cannot be combined with --export-split (a finished seed's rows are not kept)");
        if (!overwrite && !resuming && outputs.FirstOrDefault(File.Exists) is string existing)
            throw new InvalidInputException($"{existing}: already exists; pass --force to replace it, --resume to continue the run, or choose another --out");
        var checkpoint = new EvaluateCheckpoint(outFolder, Fingerprint(proto.Name, info.Name, candidates, scaling?.ToString() ?? "none", splitOptions, budgetName,
            featureChoice, resolution, inputs, a.Data));
        if (!resuming && Directory.Exists(checkpoint.Folder) && Directory.EnumerateFileSystemEntries(checkpoint.Folder).Any())
        {
            if (!overwrite)
                throw new InvalidInputException($"{checkpoint.Folder}: checkpoints of an earlier run; pass --resume to continue it, or --force to start again");
            Directory.Delete(checkpoint.Folder, recursive: true); // --force: start again
        }
        // Seeds finished by the interrupted run (checked before any data is read, so a mismatch is refused at once).
        var finished = new Dictionary<int, SeedResult>();
        if (resuming)
        {
            try
            {
                foreach (int s in seedList)
                    if (checkpoint.Load(s) is { } done && File.Exists(Path.Combine(outFolder, $"scores-{s}.csv"))) finished[s] = done;
            }
            catch (InvalidInputException e) when (a.RestartStale)
            {
                // reproduce: a cell made with other settings (or by another build) is computed again, not refused.
                io.Err.WriteLine($"note: {e.Message.Split("; ")[0]}: computing the run again");
                finished.Clear();
                Directory.Delete(checkpoint.Folder, recursive: true);
            }
            int stale = AtomicFile.RemoveStale(outFolder) + AtomicFile.RemoveStale(checkpoint.Folder);
            io.Err.WriteLine($"note: --resume: {finished.Count} of {seedList.Length} seeds finished in {outFolder}"
                + (finished.Count > 0 ? $" ({string.Join(",", finished.Keys)}), read from {checkpoint.Folder}" : "")
                + (stale > 0 ? $"; removed {stale} temporary files the interrupted run left" : ""));
        }
        var toRun = seedList.Where(s => !finished.ContainsKey(s)).ToArray();
        overwrite |= resuming; // the interrupted run's files of unfinished seeds are replaced

        var table = new ResultTable(io.Out);
        table.Header();
        var results = new List<SeedResult>();
        foreach (var done in finished.Values.OrderBy(r => Array.IndexOf(seedList, r.Seed)))
        {
            results.Add(done);
            table.Row(done);
        }
        if (toRun.Length > 0) // the data is read only when a seed is left to run
        {
            FeatureStep.NoteDefaults(io, featureChoice, info.Name, budgetDefaults.Parameters);
            var protocolData = a.DataSource?.Invoke()
                ?? FeatureStep.Apply(proto.Load(CliApp.Data(a.Data, io), inputs), featureChoice, resolution, io, ct).Data;
            foreach (var note in protocolData.Notes) io.Err.WriteLine($"note: {note}");
            var display = new TrainingDisplay(io);
            var request = new EvaluationRequest
            {
                Data = protocolData, Detector = info, Candidates = candidates, Seeds = toRun, Scaling = scaling, Split = splitOptions,
                Budget = budgetName, Log = line => io.Err.WriteLine(line),
                Configure = (d, seed) =>
                {
                    display.Attach(d, seed);
                    if (d is ICheckpointsFit c)
                    {
                        c.CheckpointFolder = checkpoint.MemberFolder(seed);
                        c.CheckpointSeconds = a.CheckpointSeconds;
                    }
                    if (a.SharedMembers is { } shared && d is ISharedCheckpointsFit sc) sc.SharedFolders = [shared(seed)];
                    if (generatorPlot && d is IGeneratesSamples gen) gen.GeneratorSampleCount = SheetSize;
                },
            };
            using var runs = EvaluationService.Run(request, ct).GetEnumerator();
            while (toRun.Length > 0 && display.Run(runs.MoveNext))
            {
                var outcome = runs.Current;
                int seed = outcome.Result.Seed;
                foreach (var w in outcome.Warnings.Where(w => w.Kind == WarningKind.InvertedScores)) io.Err.WriteLine($"WARNING: seed {seed}: {w.Message}");
                foreach (var w in outcome.Warnings.Where(w => w.Kind == WarningKind.MembersDropped)) io.Err.WriteLine($"note: seed {seed}: {w.Message}");
                // The warnings printed just above are also the result's notes: each is printed once.
                var printed = outcome.Warnings.Where(w => w.Kind is WarningKind.InvertedScores or WarningKind.MembersDropped).Select(w => w.Message);
                foreach (var note in outcome.Result.Notes.Except(protocolData.Notes).Except(printed)) io.Err.WriteLine($"note: seed {seed}: {note}");
                if (outcome.Detector is ICheckpointsFit { Resumed: { } resumedParts }) io.Err.WriteLine($"note: seed {seed}: {resumedParts} read back from {checkpoint.MemberFolder(seed)}");
                if (outcome.Detector is ISharedCheckpointsFit { SharedRead: { } sharedParts }) io.Err.WriteLine($"note: seed {seed}: {sharedParts}: trained by another run with the same keys (build, options, seed, rows), read instead of trained");
                results.Add(outcome.Result);
                table.Row(outcome.Result);
                RunFiles.WriteScores(Path.Combine(outFolder, $"scores-{seed}.csv"), outcome, overwrite);
                if (plots) WritePlots(outFolder, $"{proto.Name} · {info.Name} · seed {seed}", seed, outcome, overwrite);
                if (exportFolder is not null)
                {
                    string dir = Path.Combine(exportFolder, $"seed-{seed}");
                    CsvExport.Write(Path.Combine(dir, "train.csv"), outcome.Scaled.Train, overwrite);
                    CsvExport.Write(Path.Combine(dir, "holdout.csv"), outcome.Scaled.Holdout, overwrite);
                    CsvExport.Write(Path.Combine(dir, "test.csv"), outcome.Scaled.Test, overwrite);
                }
                // Last, once every file of the seed is written: a kill before this reruns the seed, after it skips it.
                // A seed cut short by Ctrl-C is not finished: --resume runs it again (its finished members are kept).
                if (!ct.IsCancellationRequested)
                {
                    checkpoint.Save(outcome.Result);
                    if (!a.KeepMembers) checkpoint.DropMembers(seed);
                    PausePoint.Reach($"after-seed-{seed}");
                }
            }
        }
        if (results.Count == 0) throw new OperationCanceledException();
        results = results.OrderBy(r => Array.IndexOf(seedList, r.Seed)).ToList();
        table.Summary(results);
        AtomicFile.Write(Path.Combine(outFolder, "results.json"), s => JsonSerializer.Serialize(s, results, Json), overwrite);
        io.Out.WriteLine($"wrote {Path.Combine(outFolder, "results.json")} and scores-SEED.csv"
            + (plots ? $"; plots {string.Join(", ", plotNames.Select(k => k + "-SEED.png"))}" : "")
            + (exportFolder is null ? "" : $"; split rows in {exportFolder}"));
        if (ct.IsCancellationRequested)
        {
            io.Err.WriteLine($"cancelled: results cover {results.Count} of {seedList.Length} seeds; a cancelled seed kept its best model so far (see notes); --resume runs it again");
            return new EvaluateOutcome(130, results, toRun.Length);
        }
        return new EvaluateOutcome(0, results, toRun.Length);
    }

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
        var checkFraction = CommonOptions.CheckFraction();
        var maxTrain = CommonOptions.MaxTrain();
        var maxTest = CommonOptions.MaxTest();
        var budget = CommonOptions.Budget();
        var resize = CommonOptions.Resize();
        var features = FeatureStep.Option();
        var featureResolution = FeatureStep.ResolutionOption();
        var checkpointSeconds = CommonOptions.CheckpointSeconds();
        var resume = new Option<bool>("--resume") { Description = "continue an interrupted run in --out: seeds with a checkpoint there (checkpoints/seed-SEED.json, written after each seed) are read back, not run again; the other seeds run" };
        var noPlots = new Option<bool>("--no-plots") { Description = "skip the PNG plots (roc-SEED.png, scores-SEED.png; for images also most-anomalous-SEED.png, most-normal-SEED.png and, for the GAN family, generator-SEED.png)" };
        var cmd = new Command("evaluate", "evaluate a detector on a protocol over seeds: AUC table, results.json, scores-SEED.csv, plots")
        {
            protocol, detector, seeds, data, outDir, export, param, grid, scaler, input, labelColumn, normalLabel, force, trainFraction, holdoutFraction, checkFraction, maxTrain, maxTest, budget, resize, features, featureResolution, noPlots, resume, checkpointSeconds,
        };
        cmd.SetAction(parse => io.Guard(parse, ct => Run(new EvaluateArgs
        {
            Protocol = parse.GetValue(protocol), Detector = parse.GetValue(detector)!, Seeds = parse.GetValue(seeds)!, Data = parse.GetValue(data),
            Out = parse.GetValue(outDir), Export = parse.GetValue(export), Params = parse.GetValue(param) ?? [], Grid = parse.GetValue(grid) ?? [],
            Scaler = parse.GetValue(scaler), Input = parse.GetValue(input), LabelColumn = parse.GetValue(labelColumn), NormalLabel = parse.GetValue(normalLabel),
            Force = parse.GetValue(force), TrainFraction = parse.GetValue(trainFraction), HoldoutFraction = parse.GetValue(holdoutFraction),
            CheckFraction = parse.GetValue(checkFraction), MaxTrain = parse.GetValue(maxTrain), MaxTest = parse.GetValue(maxTest), Budget = parse.GetValue(budget), Resize = parse.GetValue(resize),
            Features = parse.GetValue(features), FeatureResolution = parse.GetValue(featureResolution), NoPlots = parse.GetValue(noPlots),
            Resume = parse.GetValue(resume), CheckpointSeconds = parse.GetValue(checkpointSeconds),
        }, io, ct).ExitCode));
        return cmd;
    }
}
