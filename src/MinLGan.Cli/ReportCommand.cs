using System.CommandLine;
using System.Globalization;

namespace MinLGan.Cli;

/// <summary>
/// <c>minlgan report --results DIR</c>: report.md and a self-contained report.html from a user's own evaluate runs
/// (every results.json under DIR): test AUC per protocol and detector (mean ± std over the seeds, with the paper's
/// figure where it has one), and one ROC plot per protocol with every detector's curve.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(ConsoleIo io)
    {
        var results = new Option<string>("--results") { Description = "folder holding evaluate output folders (each with its results.json), at any depth", Required = true };
        var outDir = new Option<string?>("--out") { Description = "where report.md, report.html and the ROC plots go (default: the --results folder)" };
        var force = CommonOptions.Force();
        var cmd = new Command("report", "report.md and a self-contained report.html (tables, ROC curves) from your own evaluate runs") { results, outDir, force };
        cmd.SetAction(parse => io.Guard(parse, _ =>
        {
            string root = parse.GetValue(results)!;
            string outFolder = parse.GetValue(outDir) ?? root;
            CommonOptions.CheckOutputPath("--out", outFolder, folder: true);
            if (!parse.GetValue(force) && new[] { "report.md", "report.html" }.Select(f => Path.Combine(outFolder, f)).FirstOrDefault(File.Exists) is string existing)
                throw new InvalidInputException($"{existing}: already exists; pass --force to replace it, or choose another --out");
            var catalog = ResultsCatalog.Scan(root);
            Directory.CreateDirectory(outFolder);
            var doc = new ReportDocument("MinLGan.NET: evaluation report");
            var runs = catalog.Runs.ToList();
            doc.Header.Add(("results", Path.GetFullPath(root)));
            doc.Header.Add(("runs", $"{runs.Count} (protocols: {string.Join(", ", runs.Select(r => r.Protocol).Distinct())})"));
            doc.Header.Add(("seeds", string.Join(", ", runs.SelectMany(r => r.Results.Select(x => x.Seed)).Distinct().Order())));
            doc.Header.Add(("date", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)));
            doc.Header.Add(("notes", string.Join("; ", runs.SelectMany(r => r.Results.SelectMany(x => x.Notes)).Distinct().DefaultIfEmpty("none"))));

            var table = doc.Add("Test ROC AUC");
            table.Paragraphs.Add("Mean ± std over each run's seeds (population std); the paper's figure in parentheses where it reports one (Table I: cifar10-K; Table III: UCI).");
            table.TableHeader = ["protocol", "detector", "seeds", "test AUC", "holdout AUC", "paper", "median fit s", "folder"];
            foreach (var r in runs)
            {
                var holdouts = r.Results.Where(x => x.HoldoutAuc is not null).Select(x => x.HoldoutAuc!.Value).ToArray();
                double? paper = r.Protocol.StartsWith("cifar10-", StringComparison.Ordinal) && int.TryParse(r.Protocol["cifar10-".Length..], CultureInfo.InvariantCulture, out int k)
                    ? PaperFigures.Cifar(k, r.Detector) : PaperFigures.Uci(r.Protocol, r.Detector);
                var fits = r.Results.Select(x => x.FitSeconds).Order().ToArray();
                double median = fits.Length % 2 == 1 ? fits[fits.Length / 2] : (fits[fits.Length / 2 - 1] + fits[fits.Length / 2]) / 2;
                table.TableRows.Add([r.Protocol, r.Detector, string.Join(",", r.Results.Select(x => x.Seed)), r.AucText(),
                    holdouts.Length == 0 ? "-" : holdouts.Average().ToString("F4", CultureInfo.InvariantCulture),
                    paper?.ToString("F3", CultureInfo.InvariantCulture) ?? "-", median.ToString("F1", CultureInfo.InvariantCulture),
                    Path.GetRelativePath(outFolder, r.Folder)]);
            }

            foreach (var group in runs.GroupBy(r => r.Protocol))
            {
                int seed = group.First().Results[0].Seed;
                var curves = group.Select(r => (r.Detector, Roc: r.Roc(seed))).Where(c => c.Roc is not null).Select(c => (c.Detector, c.Roc!)).ToList();
                var s = doc.Add($"ROC curves: {group.Key}");
                if (curves.Count == 0)
                {
                    s.Paragraphs.Add($"No scores-{seed}.csv beside the results of {group.Key}.");
                    continue;
                }
                s.Paragraphs.Add($"Test rows of seed {seed} (each run's scores-{seed}.csv).");
                string file = $"roc-{group.Key}.png";
                byte[] png = ReportPlots.RocOverlay(curves, $"{group.Key}: test ROC, seed {seed}");
                AtomicFile.Write(Path.Combine(outFolder, file), st => st.Write(png), overwrite: true);
                s.Images.Add((file, $"{group.Key}: ROC curves of {string.Join(", ", curves.Select(c => c.Item1))}, seed {seed}"));
            }
            doc.Write(outFolder);
            io.Out.WriteLine($"wrote {Path.Combine(outFolder, "report.md")} and report.html ({runs.Count} runs)");
            return 0;
        }));
        return cmd;
    }
}
