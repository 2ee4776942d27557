using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Evaluation;
using MinLGan.Features;
using MinLGan.Torch;

namespace MinLGan.Cli;

/// <summary>
/// <c>minlgan reproduce</c>: the paper's tables and figures from one command. Each table cell is an ordinary evaluate
/// output folder (OUT/cells/PROTOCOL/DETECTOR) run in process through <see cref="EvaluateCommand.Run"/>; a finished cell
/// whose settings and build match is read back, not trained again, and an interrupted cell continues from its
/// checkpoints. Then the tables (Markdown and CSV), the figures (PNG) and report.md / report.html are written in OUT.
/// </summary>
internal static class ReproduceCommand
{
    /// <summary>What can be reproduced.</summary>
    public static readonly string[] Targets = ["table1", "table2", "table3", "fig1", "fig2", "fig3", "fig4", "fig5", "all"];

    /// <summary>The detectors of Tables I and III: the paper's, then the nearest-neighbour anchors.</summary>
    public static readonly string[] Detectors = [.. PaperFigures.TableIDetectors, "knn", "lof"];

    /// <summary>The paper's UCI set-ups (Table II), in its order.</summary>
    public static readonly string[] UciProtocols = ["kdd-a", "cov-a", "cov-b", "shu-a"];

    /// <summary>ocsvm's training rows on the UCI protocols under the cpu and paper budgets (its fit grows with rows squared).</summary>
    public const int OcsvmMaxTrain = 20000;

    /// <summary>Figure 5's detector: the paper draws EMinLGAN-2's scores.</summary>
    public const string Figure5Detector = "eminlgan2";

    /// <summary>The tiny budget's cap on test rows (a smoke run's AUC needs no more).</summary>
    public const int TinyMaxTest = 1000;

    /// <summary>One table cell: a protocol and a detector, with what the budget sets.</summary>
    internal sealed record Cell(string Protocol, string Detector, string[] Params, int MaxTrain, string? Budget, string Folder)
    {
        /// <summary>At most this many test rows (0 = all): the tiny budget's cap.</summary>
        public int MaxTest { get; init; }
    }

    public static Command Create(ConsoleIo io)
    {
        var what = new Argument<string>("what") { Description = $"what to reproduce: {string.Join(", ", Targets)}, or several joined by commas (e.g. table1,fig4)" };
        var budget = new Option<string>("--budget") { Description = "tiny (minutes: small training sets, one epoch), cpu (the defaults; hours) or paper (improved-gan's networks on raw pixels; GPU days)", DefaultValueFactory = _ => "cpu" };
        var seeds = new Option<string>("--seeds") { Description = "seeds of every cell", DefaultValueFactory = _ => "0,1,2" };
        var outDir = new Option<string>("--out") { Description = "output folder: cells/, tables, figures, report.md, report.html", DefaultValueFactory = _ => Path.Combine("out", "reproduce") };
        var features = FeatureStep.Option();
        var classes = new Option<string>("--classes") { Description = "CIFAR-10 classes of Table I (e.g. 0-9 or 0,3)", DefaultValueFactory = _ => "0-9" };
        var detectors = new Option<string?>("--detectors") { Description = $"detectors of Tables I and III (default: {string.Join(",", Detectors)})" };
        var protocols = new Option<string?>("--protocols") { Description = $"UCI set-ups of Tables II and III (default: {string.Join(",", UciProtocols)}; those whose data is absent are left out with a note)" };
        var data = CommonOptions.Data();
        var cmd = new Command("reproduce", "the paper's Tables I-III and Figures 1-5 from one command: resumable cells (evaluate folders), tables, PNGs, report.md and a self-contained report.html")
        {
            what, budget, seeds, outDir, features, classes, detectors, protocols, data,
        };
        cmd.SetAction(parse => io.Guard(parse, ct =>
        {
            string target = parse.GetValue(what)!;
            var targetList = CommonOptions.SplitList([target]).ToList();
            foreach (string t in targetList)
                if (!Targets.Contains(t)) throw new InvalidInputException($"reproduce {target}: {(targetList.Count > 1 ? $"{t} is not" : "expected")} one of {string.Join(", ", Targets)}");
            if (targetList.Count == 0) throw new InvalidInputException($"reproduce {target}: expected one of {string.Join(", ", Targets)}");
            // One target or several (in the order given, each once); "all" is every one.
            target = targetList.Contains("all") ? "all" : string.Join(",", targetList.Distinct());
            string budgetName = parse.GetValue(budget)!;
            if (!Budgets.Names.Contains(budgetName)) throw new InvalidInputException($"--budget {budgetName}: expected one of {string.Join(", ", Budgets.Names)}");
            string seedText = parse.GetValue(seeds)!;
            var seedList = CommonOptions.ParseSeeds(seedText);
            string? featureChoice = parse.GetValue(features) is "raw" or null ? null : FeatureStep.Validate(parse.GetValue(features), "cifar10-0");
            var classList = CommonOptions.ParseSeeds(parse.GetValue(classes)!); // the same list syntax as seeds
            foreach (int c in classList)
                if (c is < 0 or > 9) throw new InvalidInputException($"--classes: {c} is not a CIFAR-10 class (expected 0 to 9)");
            var detectorList = parse.GetValue(detectors) is { } d ? CommonOptions.SplitList([d]).ToArray() : Detectors;
            var registry = CliApp.Registry();
            foreach (string name in detectorList) registry.Get(name); // an unknown name is refused before any work
            var protocolList = parse.GetValue(protocols) is { } pl ? CommonOptions.SplitList([pl]).ToArray() : UciProtocols;
            foreach (string p in protocolList)
                if (!UciProtocols.Contains(p)) throw new InvalidInputException($"--protocols: {p} is not a UCI set-up of Tables II and III (expected some of {string.Join(", ", UciProtocols)})");
            string outFolder = parse.GetValue(outDir)!;
            CommonOptions.CheckOutputPath("--out", outFolder, folder: true);
            // reproduce rewrites its own tables and report in OUT: a folder of something else is refused, not written into.
            if (Directory.Exists(outFolder) && Directory.EnumerateFileSystemEntries(outFolder).Any()
                && !Directory.Exists(Path.Combine(outFolder, "cells")) && !Directory.Exists(Path.Combine(outFolder, "fig1")))
                throw new InvalidInputException($"{outFolder}: exists and is not a reproduce folder (no cells/ or fig1/ in it); choose another --out");
            var run = new Reproduction(io, registry, outFolder, budgetName, seedText, seedList, featureChoice, classList, detectorList,
                UciProtocols.Where(protocolList.Contains).ToArray(), parse.GetValue(data));
            return run.Make(target, ct);
        }));
        return cmd;
    }

    /// <summary>One reproduce run: its settings, its cells, and what it writes.</summary>
    private sealed class Reproduction(ConsoleIo io, DetectorRegistry registry, string outFolder, string budget, string seedText, int[] seeds,
        string? features, int[] classes, string[] detectors, string[] uciProtocols, string? dataFolder)
    {
        private readonly DataLocator _locator = DataLocator.Resolve(dataFolder);
        private readonly Dictionary<string, ProtocolData> _loaded = [];
        private readonly List<string> _notes = [];
        private readonly List<string> _deviations = [];

        /// <summary>Runs the cells of <paramref name="target"/> ("all", one target, or several joined by commas) and writes the report.</summary>
        public int Make(string target, CancellationToken ct)
        {
            var wanted = target.Split(',').ToHashSet();
            bool Has(string t) => wanted.Contains("all") || wanted.Contains(t);
            var doc = new ReportDocument("MinLGan.NET: the paper's tables and figures");
            var uciCells = Has("table2") || Has("table3") ? UciCells() : [];
            var cifarCells = new List<Cell>();
            if (Has("table1")) cifarCells.AddRange(CifarCells(classes, detectors));
            if (Has("fig2")) cifarCells.AddRange(CifarCells(classes, ["eminlgan1"]));
            if (Has("fig3")) cifarCells.AddRange(CifarCells(classes, ["eminlgan2"]));
            if (Has("fig4")) cifarCells.AddRange(CifarCells([0], detectors));
            if (Has("fig5")) cifarCells.AddRange(CifarCells([0], [Figure5Detector]));
            cifarCells = cifarCells.DistinctBy(c => c.Folder).ToList();
            RunCells([.. uciCells, .. cifarCells], ct);
            Header(doc, target, images: cifarCells.Count > 0);
            if (Has("table1")) TableI(doc, cifarCells);
            if (Has("table2")) TableII(doc, uciCells);
            if (Has("table3")) TableIII(doc, uciCells);
            if (Has("fig1")) Figure1(doc, ct);
            if (Has("fig2")) MembersFigure(doc, cifarCells, "fig2", "eminlgan1", "Figure 2: EMinLGAN-1's AUC against the number of base discriminators");
            if (Has("fig3")) MembersFigure(doc, cifarCells, "fig3", "eminlgan2", "Figure 3: EMinLGAN-2's (scaled) AUC against the number of base discriminators");
            if (Has("fig4")) Figure4(doc, cifarCells);
            if (Has("fig5")) Figure5(doc, cifarCells);
            doc.Header.Add(("notes", _notes.Count == 0 ? "none" : string.Join("; ", _notes.Distinct())));
            doc.Write(outFolder);
            io.Out.WriteLine($"wrote {Path.Combine(outFolder, "report.md")} and report.html");
            return 0;
        }

        private string CellFolder(string protocol, string detector) =>
            Path.Combine(outFolder, "cells", features is null ? protocol : $"{protocol}-{features}", detector);

        private List<Cell> UciCells()
        {
            var cells = new List<Cell>();
            foreach (string p in uciProtocols)
            {
                var files = Protocols.Get(p).Locate(_locator);
                if (files.Any(f => f.Path is null))
                {
                    _notes.Add($"{p.ToUpperInvariant()} left out: {string.Join(", ", files.Where(f => f.Path is null).Select(f => f.Description))} not found in {_locator.Root ?? "(no data folder)"}");
                    continue;
                }
                if (p.StartsWith("cov", StringComparison.Ordinal) && files.Any(f => f.Path!.Contains("cover.csv", StringComparison.Ordinal)))
                    _deviations.Add($"{p.ToUpperInvariant()} has 10 attributes (cover.csv; the paper's Covertype has 54)");
                foreach (string d in detectors)
                {
                    var info = registry.Get(d);
                    bool tiny = budget == "tiny";
                    int maxTrain = tiny ? 512 : d == "ocsvm" ? OcsvmMaxTrain : 0;
                    cells.Add(new Cell(p, d, tiny ? TinyParams(info) : [], maxTrain, null, CellFolder(p, d)) { MaxTest = tiny ? TinyMaxTest : 0 });
                }
            }
            return cells;
        }

        private List<Cell> CifarCells(IEnumerable<int> classList, string[] detectorList)
        {
            var cells = new List<Cell>();
            var files = Protocols.Get("cifar10-0").Locate(_locator);
            if (files.Any(f => f.Path is null))
            {
                _notes.Add($"CIFAR-10 left out: {string.Join(", ", files.Where(f => f.Path is null).Select(f => f.Description))} not found in {_locator.Root ?? "(no data folder)"}");
                return cells;
            }
            if (files.Any(f => f.Path!.EndsWith(".tar.gz", StringComparison.Ordinal)))
                _deviations.Add("CIFAR-10 is the JPEG-degraded copy (CIFAR-10-images_YoongiKim_jpg.tar.gz), not the original binary batches");
            foreach (int k in classList)
                foreach (string d in detectorList)
                {
                    var info = registry.Get(d);
                    // Pixels: the budget's networks and caps (evaluate's --budget). Features: the tabular recipe; tiny caps it.
                    bool tiny = budget == "tiny";
                    var cell = features is null
                        ? new Cell($"cifar10-{k}", d, [], 0, budget, CellFolder($"cifar10-{k}", d))
                        : new Cell($"cifar10-{k}", d, tiny ? TinyParams(info) : [], tiny ? 512 : 0, null, CellFolder($"cifar10-{k}", d));
                    cells.Add(cell with { MaxTest = tiny ? TinyMaxTest : 0 });
                }
            return cells;
        }

        /// <summary>The tiny budget on tabular rows: one epoch, few steps, two members.</summary>
        private static string[] TinyParams(DetectorInfo info) =>
            !info.Has(DetectorTraits.Neural) ? []
            : info.Has(DetectorTraits.Adversarial)
                ? ["epochs=1", "min_steps=20", "checkpoints=2", .. (info.Has(DetectorTraits.Ensemble) ? new[] { "members=2" } : [])]
                : ["epochs=1"];

        private readonly Dictionary<Cell, ResultsCatalog.Run> _done = [];

        /// <summary>
        /// The index in <paramref name="cells"/> of the other ensemble of <paramref name="cell"/>'s pair on the same data and
        /// settings, or -1: EMinLGAN-1 and -2 train the same members (options, seeds) and differ only in how they combine
        /// the logits, so one training serves both.
        /// </summary>
        private static int PartnerIndex(IReadOnlyList<Cell> cells, Cell cell)
        {
            if (cell.Detector is not ("eminlgan1" or "eminlgan2")) return -1;
            for (int j = 0; j < cells.Count; j++)
            {
                var c = cells[j];
                if (c.Detector is "eminlgan1" or "eminlgan2" && c.Detector != cell.Detector && c.Protocol == cell.Protocol
                    && c.Params.SequenceEqual(cell.Params) && c.MaxTrain == cell.MaxTrain && c.MaxTest == cell.MaxTest && c.Budget == cell.Budget)
                    return j;
            }
            return -1;
        }

        private void RunCells(IReadOnlyList<Cell> cells, CancellationToken ct)
        {
            var clock = Stopwatch.StartNew();
            double ranSeconds = 0;
            int ran = 0;
            for (int i = 0; i < cells.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var cell = cells[i];
                Directory.CreateDirectory(cell.Folder);
                var started = Stopwatch.StartNew();
                // EMinLGAN-1 and -2 train the same members: the first cell of the pair keeps them, the second reads them.
                int partnerAt = PartnerIndex(cells, cell);
                string? partnerFolder = partnerAt >= 0 ? cells[partnerAt].Folder : null;
                if (partnerAt >= 0)
                    _notes.Add("EMinLGAN-1 and EMinLGAN-2 train the same members and differ only in how they combine the logits: of each pair of their cells, the second reads the members the first trained (the same keys: build, options, seeds, rows) instead of training them again; each cell's log.txt says which were read");
                EvaluateOutcome outcome;
                using (var log = new StreamWriter(Path.Combine(cell.Folder, "log.txt"), append: true) { AutoFlush = true })
                {
                    log.WriteLine($"# minlgan reproduce, {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC: {cell.Protocol} {cell.Detector} seeds {seedText}");
                    outcome = EvaluateCommand.Run(new EvaluateArgs
                    {
                        Protocol = cell.Protocol, Detector = cell.Detector, Seeds = seedText, Data = dataFolder, Out = cell.Folder,
                        Params = cell.Params, MaxTrain = cell.MaxTrain, MaxTest = cell.MaxTest, Budget = cell.Budget, Features = features,
                        Resume = true, RestartStale = true, DataSource = () => Load(cell.Protocol, log, ct),
                        KeepMembers = partnerAt > i,
                        SharedMembers = partnerAt >= 0 && partnerAt < i ? seed => EvaluateCheckpoint.MemberFolderOf(partnerFolder!, seed) : null,
                    }, new ConsoleIo(log, log), ct);
                }
                if (outcome.ExitCode != 0) throw new OperationCanceledException();
                if (partnerAt >= 0 && partnerAt < i) // the pair is done: the members kept for it go
                    foreach (string kept in seeds.Select(seed => EvaluateCheckpoint.MemberFolderOf(partnerFolder!, seed)).Where(Directory.Exists))
                        Directory.Delete(kept, recursive: true);
                var result = new ResultsCatalog.Run(cell.Folder, outcome.Results);
                _done[cell] = result;
                double seconds = started.Elapsed.TotalSeconds;
                if (outcome.SeedsRun > 0) { ran++; ranSeconds += seconds; }
                int left = cells.Count - i - 1;
                string eta = left == 0 ? "done" : ran == 0 ? $"{left} left" : $"{left} left, about {Minutes(ranSeconds / ran * left)} if they all run";
                io.Err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{i + 1}/{cells.Count}] {cell.Protocol} {cell.Detector}: AUC {result.AucText()} ({(outcome.SeedsRun > 0 ? $"ran {outcome.SeedsRun} seed(s) in {seconds:F0} s" : "finished earlier: read back")}); {eta}"));
            }
            if (cells.Count > 0) io.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cells: {cells.Count}, {ran} run now, {cells.Count - ran} read back; {clock.Elapsed.TotalSeconds:F0} s"));
        }

        private static string Minutes(double seconds) => seconds < 90
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F0} min");

        /// <summary>A protocol's data, read once per reproduce run (features attached) and shared by its cells.</summary>
        private ProtocolData Load(string protocol, TextWriter log, CancellationToken ct)
        {
            if (_loaded.TryGetValue(protocol, out var data)) return data;
            // One CIFAR-10 class at a time is kept: each holds all 60,000 images.
            if (protocol.StartsWith("cifar10-", StringComparison.Ordinal)) _loaded.Clear();
            var io2 = new ConsoleIo(log, log);
            var proto = Protocols.Get(protocol);
            data = FeatureStep.Apply(proto.Load(CliApp.Data(dataFolder, io2), null), features, FeatureStep.ValidateResolution(null, features), io2, ct).Data;
            _loaded[protocol] = data;
            return data;
        }

        private void Header(ReportDocument doc, string target, bool images)
        {
            string version = CliApp.Build;
            int plus = version.IndexOf('+');
            doc.Header.Add(("library", plus < 0 ? version : version[..plus]));
            doc.Header.Add(("commit", plus < 0 ? "unknown" : version[(plus + 1)..]));
            doc.Header.Add(("machine", $"{Cores()}{(CpuModel() is { } cpu ? $" ({cpu})" : "")}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}"));
            doc.Header.Add(("date", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
            doc.Header.Add(("seeds", seedText));
            doc.Header.Add(("budget", budget + (budget == "tiny" ? $" (a smoke run: at most 512 training rows and {TinyMaxTest.ToString("N0", CultureInfo.InvariantCulture)} test rows, one epoch; its numbers say nothing of the methods)" : "")));
            doc.Header.Add(("features", !images ? "none (tabular rows only; --features applies to images)"
                : features is null ? "raw pixels" : $"{features} at {ResNet18Extractor.DefaultResolution} x {ResNet18Extractor.DefaultResolution} (the default resolution)"));
            doc.Header.Add(("command", $"minlgan reproduce {target} --budget {budget} --seeds {seedText}" + (features is null ? "" : $" --features {features}") + (classes.Length == 10 ? "" : $" --classes {string.Join(",", classes)}")
                + (detectors.SequenceEqual(Detectors) ? "" : $" --detectors {string.Join(",", detectors)}")
                + (uciProtocols.SequenceEqual(UciProtocols) || !target.Split(',').Any(t => t is "table2" or "table3" or "all") ? "" : $" --protocols {string.Join(",", uciProtocols)}")));
            doc.Header.Add(("data deviations", _deviations.Count == 0 ? "none" : string.Join("; ", _deviations.Distinct())));
            var members = _done.Values.SelectMany(r => r.Results).Where(r => r.Options.ContainsKey("members")).Select(r => r.Options["members"]).Distinct().ToArray();
            if (members.Length > 0) doc.Header.Add(("ensemble members N", string.Join(", ", members)));
            doc.Header.Add(("chosen after seeing results", "the tabular defaults of the GAN family (recipe study on the holdouts of 27 data sets, docs/recipe-study.md) and the feature resolution (CIFAR-10 holdouts); no setting was chosen on test rows"));
        }

        /// <summary>
        /// The cores this run could use and, when fewer (CPU affinity, e.g. taskset), the machine's: ProcessorCount
        /// follows the affinity mask, the machine's count comes from /sys on Linux.
        /// </summary>
        internal static string Cores()
        {
            int usable = Environment.ProcessorCount;
            int? machine = MachineCores();
            return machine is { } m && m > usable
                ? $"{usable} of {m} cores available to this run (CPU affinity)"
                : $"{usable} cores";
        }

        /// <summary>
        /// The CPU's model name and whether it has AVX-512 (Linux: /proc/cpuinfo), or null: libtorch's CPU kernels follow
        /// the instruction set, so two machines can differ in the last digits of the same seed's scores.
        /// </summary>
        private static string? CpuModel()
        {
            try
            {
                var lines = File.ReadLines("/proc/cpuinfo").TakeWhile(l => l.Length > 0).ToList(); // the first CPU's block
                string? model = lines.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
                bool? avx512 = lines.FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) is { } flags ? flags.Contains(" avx512f", StringComparison.Ordinal) : null;
                return model is null ? null : model + (avx512 is null ? "" : avx512.Value ? ", AVX-512" : ", no AVX-512");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static int? MachineCores()
        {
            try
            {
                // "0-1" or "0,2-3": count the CPUs the kernel has online.
                string text = File.ReadAllText("/sys/devices/system/cpu/online").Trim();
                int n = 0;
                foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    string[] ends = part.Split('-');
                    n += ends.Length == 2 ? int.Parse(ends[1], CultureInfo.InvariantCulture) - int.Parse(ends[0], CultureInfo.InvariantCulture) + 1 : 1;
                }
                return n > 0 ? n : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
            {
                return null;
            }
        }

        private ResultsCatalog.Run? Result(IEnumerable<Cell> cells, string protocol, string detector) =>
            cells.Where(c => c.Protocol == protocol && c.Detector == detector).Select(c => _done.GetValueOrDefault(c)).FirstOrDefault();

        /// <summary>A table cell: the AUC over the seeds, then the paper's figure in parentheses when it has one.</summary>
        private static string CellText(ResultsCatalog.Run? r, int decimals, double? paper) =>
            r is null ? "-" : r.AucText(decimals, nameSingleSeed: false) + (paper is { } p ? $" ({p.ToString("F3", CultureInfo.InvariantCulture)})" : "");

        private void TableI(ReportDocument doc, List<Cell> cells)
        {
            var s = doc.Add("Table I: CIFAR-10, one class normal (test ROC AUC)");
            s.Paragraphs.Add($"Each cell: mean ± std over seeds {seedText} (population std), then the paper's figure in parentheses. {(features is null ? "Raw pixels." : $"On {features} features.")}");
            var present = detectors.Where(d => cells.Any(c => c.Detector == d)).ToArray();
            var ks = cells.Select(c => int.Parse(c.Protocol["cifar10-".Length..], CultureInfo.InvariantCulture)).Distinct().Order().ToArray();
            s.TableHeader = ["normal class", .. present];
            var csv = new List<string> { "protocol,detector,seeds,auc_mean,auc_std,paper" };
            foreach (int k in ks)
            {
                var row = new List<string> { k.ToString(CultureInfo.InvariantCulture) };
                foreach (string d in present)
                {
                    var r = Result(cells, $"cifar10-{k}", d);
                    row.Add(CellText(r, 3, PaperFigures.Cifar(k, d)));
                    if (r is not null) csv.Add(CsvRow(r, PaperFigures.Cifar(k, d)));
                }
                s.TableRows.Add([.. row]);
            }
            var mean = new List<string> { "mean" };
            foreach (string d in present)
            {
                var aucs = ks.Select(k => Result(cells, $"cifar10-{k}", d)).Where(r => r is not null).Select(r => r!.Auc.Mean).ToArray();
                // The paper's average row for all ten classes, else the mean of its figures for the classes shown.
                double? paper = PaperFigures.CifarAverage(d) is null ? null
                    : ks.Length == 10 ? PaperFigures.CifarAverage(d) : ks.Average(k => PaperFigures.Cifar(k, d)!.Value);
                mean.Add(aucs.Length == 0 ? "-" : aucs.Average().ToString("F3", CultureInfo.InvariantCulture)
                    + (paper is { } p ? $" ({p.ToString("F3", CultureInfo.InvariantCulture)})" : ""));
            }
            s.TableRows.Add([.. mean]);
            WriteTable("table1", s, csv);
        }

        private void TableII(ReportDocument doc, List<Cell> cells)
        {
            var s = doc.Add("Table II: the UCI set-ups, with the rows actually used");
            s.Paragraphs.Add($"Rows of the first seed ({seeds[0]}). Training rows are normal only; the holdout (labelled, for termination and the holdout choices) and the test rows hold both classes. A detector with a cap on training rows (ocsvm: {OcsvmMaxTrain.ToString("N0", CultureInfo.InvariantCulture)} under the cpu and paper budgets; every detector: 512 under tiny) trains on a seeded subset.");
            s.TableHeader = ["name", "data set", "normal", "anomalies", "train", "holdout", "test normal", "test anomalies"];
            var csv = new List<string> { "protocol,n_train,n_holdout,n_test_normal,n_test_anomalies" };
            foreach (string p in UciProtocols)
            {
                var r = cells.Where(c => c.Protocol == p).Select(c => _done.GetValueOrDefault(c)).Where(x => x is not null)
                    .OrderBy(x => x!.Results[0].Split.MaxTrain == 0 ? 0 : 1).FirstOrDefault();
                if (r is null) continue;
                var first = r.Results[0];
                var (set, normal, anomalies) = p switch
                {
                    "kdd-a" => ("KDD Cup 99 (10% set)", "normal", "every attack"),
                    "cov-a" => ("Covertype", "classes 1, 3, 5, 6, 7", "classes 2, 4"),
                    "cov-b" => ("Covertype", "class 2", "class 4"),
                    _ => ("Statlog Shuttle", "class 1", "classes 2-7"),
                };
                s.TableRows.Add([p.ToUpperInvariant(), set, normal, anomalies, N(first.NTrain), N(first.NHoldout), N(first.NTest - first.NTestAnomalies), N(first.NTestAnomalies)]);
                csv.Add(string.Create(CultureInfo.InvariantCulture, $"{p},{first.NTrain},{first.NHoldout},{first.NTest - first.NTestAnomalies},{first.NTestAnomalies}"));
            }
            WriteTable("table2", s, csv);

            static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
        }

        private void TableIII(ReportDocument doc, List<Cell> cells)
        {
            var s = doc.Add("Table III: UCI data (test ROC AUC)");
            s.Paragraphs.Add($"Each cell: mean ± std over seeds {seedText}, then the paper's figure in parentheses (the paper prints no EMinLGAN-2 row; knn and lof are not in the paper). Defaults of this build{(budget == "tiny" ? ", under the tiny budget" : "")}.");
            var ps = UciProtocols.Where(p => cells.Any(c => c.Protocol == p)).ToArray();
            s.TableHeader = ["detector", .. ps.Select(p => p.ToUpperInvariant())];
            var csv = new List<string> { "protocol,detector,seeds,auc_mean,auc_std,paper" };
            foreach (string d in detectors)
            {
                var row = new List<string> { d };
                foreach (string p in ps)
                {
                    var r = Result(cells, p, d);
                    row.Add(CellText(r, 4, PaperFigures.Uci(p, d)));
                    if (r is not null) csv.Add(CsvRow(r, PaperFigures.Uci(p, d)));
                }
                s.TableRows.Add([.. row]);
            }
            WriteTable("table3", s, csv);
        }

        private static string CsvRow(ResultsCatalog.Run r, double? paper)
        {
            var (m, sd) = r.Auc;
            return string.Create(CultureInfo.InvariantCulture,
                $"{r.Protocol},{r.Detector},{string.Join(' ', r.Results.Select(x => x.Seed))},{m:R},{sd:R},{(paper is { } p ? p.ToString("R", CultureInfo.InvariantCulture) : "")}");
        }

        /// <summary>NAME.md (the section's table) and NAME.csv (the numbers, full precision) in OUT.</summary>
        private void WriteTable(string name, ReportDocument.Section s, List<string> csv)
        {
            AtomicFile.WriteText(Path.Combine(outFolder, name + ".md"), w => w.Write(ReportDocument.Markdown(s, "#")), overwrite: true);
            AtomicFile.WriteText(Path.Combine(outFolder, name + ".csv"), w => { foreach (string line in csv) w.WriteLine(line); }, overwrite: true);
        }

        private void Figure1(ReportDocument doc, CancellationToken ct)
        {
            var s = doc.Add("Figure 1: G's samples without and with the minimum-likelihood term (circles, moons)");
            bool tiny = budget == "tiny";
            const double a = 2.5;
            int epochs = tiny ? 20 : 200, samples = tiny ? 300 : 1000;
            s.Paragraphs.Add(string.Create(CultureInfo.InvariantCulture,
                $"The paper's recipe (no background term, no input bound), {epochs} epochs, batch 100, lr 0.001, z of 2; a = 0 (GAN) against a = {a} (MinLGAN); red: {samples} points of the data, blue: {samples} samples of G. The table gives the median distance from a sample of G to the nearest data point: larger means G covers more of the space around the data."));
            s.TableHeader = ["seed", "circles, GAN", "circles, MinLGAN", "moons, GAN", "moons, MinLGAN"];
            foreach (int seed in seeds)
            {
                string dir = Path.Combine(outFolder, "fig1", $"seed-{seed}");
                var panels = Figure1Cached(dir, seed, a, epochs, samples, ct);
                string D(string toy, string label) => panels.First(p => p.Toy == toy && p.Label == label).MedianDistance.ToString("F4", CultureInfo.InvariantCulture);
                s.TableRows.Add([seed.ToString(CultureInfo.InvariantCulture), D("circles", "gan"), D("circles", "minlgan"), D("moons", "gan"), D("moons", "minlgan")]);
                if (seed == seeds[0])
                    foreach (var p in panels)
                        s.Images.Add((Path.Combine("fig1", $"seed-{seed}", p.Png), $"{p.Toy}, {(p.A == 0 ? "GAN (a = 0)" : $"MinLGAN (a = {p.A.ToString(CultureInfo.InvariantCulture)})")}, seed {seed}"));
            }
        }

        /// <summary>Figure 1's panels for one seed: read back when made with the same settings and build, else trained.</summary>
        private IReadOnlyList<Figure1Panel> Figure1Cached(string dir, int seed, double a, int epochs, int samples, CancellationToken ct)
        {
            string keyPath = Path.Combine(dir, "panels.json");
            string build = CliApp.Build;
            string key = string.Create(CultureInfo.InvariantCulture, $"build={build} seed={seed} a={a:R} epochs={epochs} samples={samples} noise=gaussian");
            if (File.Exists(keyPath))
            {
                try
                {
                    var kept = JsonSerializer.Deserialize<KeptPanels>(File.ReadAllBytes(keyPath), EvaluateCommand.Json);
                    if (kept is not null && kept.Key == key && kept.Panels.All(p => File.Exists(Path.Combine(dir, p.Png))))
                    {
                        io.Err.WriteLine($"fig1 seed {seed}: finished earlier: read back");
                        return kept.Panels;
                    }
                }
                catch (JsonException)
                {
                    // an unreadable record is made again
                }
            }
            using var log = new StreamWriter(Path.Combine(Directory.CreateDirectory(dir).FullName, "log.txt"), append: true) { AutoFlush = true };
            var sw = Stopwatch.StartNew();
            var panels = Figure1Command.Draw(dir, seed, a, epochs, NoiseKind.Gaussian, samples, overwrite: true, new ConsoleIo(log, log), ct);
            AtomicFile.Write(keyPath, st => JsonSerializer.Serialize(st, new KeptPanels(key, [.. panels]), EvaluateCommand.Json), overwrite: true);
            io.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fig1 seed {seed}: trained 4 panels in {sw.Elapsed.TotalSeconds:F0} s"));
            return panels;
        }

        private sealed record KeptPanels(string Key, List<Figure1Panel> Panels);

        private void Figure4(ReportDocument doc, List<Cell> cells)
        {
            var s = doc.Add("Figure 4: ROC curves of every detector, CIFAR-10 class 0 normal");
            var curves = new List<(string, Metrics.RocCurve)>();
            foreach (string d in detectors)
                if (Result(cells, "cifar10-0", d)?.Roc(seeds[0]) is { } roc) curves.Add((d, roc));
            if (curves.Count == 0)
            {
                s.Paragraphs.Add("No cifar10-0 cell ran (class 0 not among --classes, or CIFAR-10 absent).");
                return;
            }
            s.Paragraphs.Add($"Test rows of seed {seeds[0]}, from each cell's scores-{seeds[0]}.csv. {(features is null ? "Raw pixels." : $"On {features} features.")}");
            byte[] png = ReportPlots.RocOverlay(curves, $"CIFAR-10 class 0 normal: test ROC, seed {seeds[0]}");
            AtomicFile.Write(Path.Combine(outFolder, "fig4.png"), st => st.Write(png), overwrite: true);
            s.Images.Add(("fig4.png", "ROC curves of every detector, CIFAR-10 class 0 normal"));
        }

        private void Figure5(ReportDocument doc, List<Cell> cells)
        {
            var s = doc.Add("Figure 5: EMinLGAN-2's anomaly scores per CIFAR-10 class, class 0 normal");
            var scores = Result(cells, "cifar10-0", Figure5Detector)?.Scores(seeds[0]);
            if (scores is not { Classes: { } classes })
            {
                s.Paragraphs.Add($"No cifar10-0 {Figure5Detector} cell with each test image's class (class 0 not among --classes, {Figure5Detector} not among --detectors, or CIFAR-10 absent).");
                return;
            }
            var groups = classes.Distinct().Order(StringComparer.Ordinal)
                .Select(c => (c, Enumerable.Range(0, classes.Length).Where(i => classes[i] == c).Select(i => scores.Value.Scores[i]).ToArray(),
                    Normal: Enumerable.Range(0, classes.Length).Any(i => classes[i] == c && scores.Value.Labels[i] == 0)))
                .OrderBy(g => g.Normal ? 0 : 1).ThenBy(g => g.c, StringComparer.Ordinal).ToList();
            s.Paragraphs.Add($"Test rows of seed {seeds[0]} (the cell's scores-{seeds[0]}.csv, whose class column names each image's class). Box: first to third quartile, line: median, whiskers: the furthest score within 1.5 interquartile ranges. {(features is null ? "Raw pixels." : $"On {features} features.")}");
            s.TableHeader = ["class", "test images", "median score", "AUC against the normal class"];
            var normalScores = groups.Where(g => g.Normal).SelectMany(g => g.Item2).ToArray();
            foreach (var g in groups)
            {
                var sorted = g.Item2.Order().ToArray();
                double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
                string auc = g.Normal ? "-" : Metrics.Auc.Compute([.. normalScores.Select(_ => 0), .. g.Item2.Select(_ => 1)], [.. normalScores, .. g.Item2]).ToString("F3", CultureInfo.InvariantCulture);
                s.TableRows.Add([g.c + (g.Normal ? " (normal)" : ""), g.Item2.Length.ToString(CultureInfo.InvariantCulture), median.ToString("G4", CultureInfo.InvariantCulture), auc]);
            }
            byte[] png = ReportPlots.ScoreBoxes(groups.Select(g => (g.c, g.Item2, g.Normal)).ToList(), $"{Figure5Detector} scores per class, CIFAR-10 class 0 normal, seed {seeds[0]}");
            AtomicFile.Write(Path.Combine(outFolder, "fig5.png"), st => st.Write(png), overwrite: true);
            s.Images.Add(("fig5.png", $"{Figure5Detector}'s test scores per CIFAR-10 class, class 0 normal"));
        }

        /// <summary>
        /// Figures 2 and 3: each cell's results.json holds, per seed, the test AUC of the first k members (evaluate scores
        /// every prefix of the one trained ensemble); per seed the mean over the classes, then mean ± std over seeds.
        /// </summary>
        private void MembersFigure(ReportDocument doc, List<Cell> cells, string file, string detector, string heading)
        {
            var s = doc.Add(heading);
            var runs = cells.Where(c => c.Detector == detector).Select(c => _done.GetValueOrDefault(c)).Where(r => r is not null).Select(r => r!).ToList();
            var bySeed = seeds.Select(seed => runs.Select(r => r.Results.FirstOrDefault(x => x.Seed == seed)?.AucByMembers).ToList()).ToList();
            if (runs.Count == 0 || bySeed.Any(l => l.Any(x => x is null)))
            {
                s.Paragraphs.Add($"No {detector} cells with the AUC of each member count (CIFAR-10 absent, or cells made by a build that did not record it).");
                return;
            }
            // k runs to the fewest members any (class, seed) kept (the holdout may leave inverted members out).
            int n = bySeed.SelectMany(l => l).Min(x => x!.Count);
            var ks = Enumerable.Range(1, n).Select(k => (double)k).ToArray();
            var perSeed = bySeed.Select(l => ks.Select(k => l.Average(x => x![(int)k - 1])).ToArray()).ToArray();
            var mean = ks.Select((_, i) => perSeed.Average(p => p[i])).ToArray();
            var std = ks.Select((_, i) => EvaluationService.MeanStd(perSeed.Select(p => p[i]).ToArray()).Std).ToArray();
            string classText = runs.Count == 1 ? runs[0].Protocol : $"mean over {runs.Count} classes ({string.Join(", ", runs.Select(r => r.Protocol["cifar10-".Length..]))})";
            s.Paragraphs.Add($"One ensemble trained per class and seed; the ensemble of its first N members scores the test rows for each N (members in training order, after any the holdout left out as inverted). Line: {classText}, mean over seeds {seedText}; band: ± one std over the seeds. {(features is null ? "Raw pixels." : $"On {features} features.")}");
            s.TableHeader = ["N", "test AUC"];
            for (int i = 0; i < ks.Length; i++)
                s.TableRows.Add([ks[i].ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"{mean[i]:F4} ± {std[i]:F4}")]);
            byte[] png = ReportPlots.MembersCurve([(detector, ks, mean, std)],
                $"{detector}: test AUC against N ({(runs.Count == 1 ? runs[0].Protocol : $"mean over {runs.Count} classes")}, {seeds.Length} seed(s))");
            AtomicFile.Write(Path.Combine(outFolder, file + ".png"), st => st.Write(png), overwrite: true);
            s.Images.Add((file + ".png", $"{detector}: test AUC against the number of base discriminators"));
        }
    }
}
