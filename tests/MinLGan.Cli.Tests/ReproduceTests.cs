using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MinLGan.Data;
using MinLGan.Evaluation;
using SkiaSharp;

namespace MinLGan.Cli.Tests;

/// <summary><c>minlgan reproduce</c> and <c>minlgan report</c>: files, numbers equal to the cells', reuse, the page in a browser.</summary>
[Collection(CacheEnvironment.Name)]
public sealed class ReproduceTests : CliTestBase
{
    private static void SkipWithoutData()
    {
        var loc = DataLocator.Resolve(null);
        Skip.If(loc.Root is null, "no data folder: set MINLGAN_DATA (see docs/data.md)");
        foreach (string p in new[] { "shu-a", "kdd-a", "cov-b", "cifar10-0" })
            Skip.If(Protocols.Get(p).Locate(loc).Any(f => f.Path is null), $"{p}'s data is absent: set MINLGAN_DATA (see docs/data.md)");
    }

    /// <summary>The (protocol, detector) → mean AUC of every results.json under <paramref name="cells"/>.</summary>
    private static Dictionary<(string, string), double> CellMeans(string cells) =>
        Directory.EnumerateFiles(cells, "results.json", SearchOption.AllDirectories).Select(f =>
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(f));
            var seeds = doc.RootElement.EnumerateArray().ToArray();
            return (Key: (seeds[0].GetProperty("protocol").GetString()!, seeds[0].GetProperty("detector").GetString()!),
                Mean: seeds.Average(s => s.GetProperty("auc").GetDouble()));
        }).ToDictionary(x => x.Key, x => x.Mean);

    private static List<string[]> Csv(string path) =>
        File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToList();

    private static void AssertPng(string path, int minWidth)
    {
        using var bitmap = SKBitmap.Decode(path);
        Assert.True(bitmap is not null, $"{path}: not a PNG");
        Assert.True(bitmap.Width >= minWidth, $"{path}: {bitmap.Width} pixels wide");
        Assert.True(Enumerable.Range(0, 200).Select(i => bitmap.GetPixel(i * 7 % bitmap.Width, i * 13 % bitmap.Height)).Distinct().Count() > 1, $"{path}: blank");
    }

    [SkippableFact]
    public void GivenAllUnderTheTinyBudget_WhenReproduced_ThenEveryTableAndFigureIsWritten_TheTablesEqualTheCells_AndARerunTrainsNothing()
    {
        SkipWithoutData();
        var r = Run("reproduce", "all", "--budget", "tiny", "--seeds", "0,1", "--classes", "0", "--detectors", "iforest,minlgan", "--out", P("r"));
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("cells: 10, 10 run now, 0 read back", r.Err); // 3 UCI x 2, cifar10-0 x 2, and Figures 2, 3 and 5's ensembles
        foreach (string f in new[] { "report.md", "report.html", "table1.md", "table1.csv", "table2.md", "table2.csv", "table3.md", "table3.csv" })
            Assert.True(File.Exists(P(Path.Combine("r", f))), f);
        AssertPng(P("r/fig4.png"), 600);
        AssertPng(P("r/fig5.png"), 600);
        AssertPng(P("r/fig2.png"), 600);
        AssertPng(P("r/fig3.png"), 600);
        Assert.Equal("label,score,class", File.ReadLines(P("r/cells/cifar10-0/eminlgan2/scores-0.csv")).First());
        foreach (int seed in new[] { 0, 1 })
            foreach (string panel in new[] { "circles-gan", "circles-minlgan", "moons-gan", "moons-minlgan" })
                AssertPng(P($"r/fig1/seed-{seed}/{panel}.png"), 500);

        // The tables' numbers are the cells' results.json, each cell an ordinary evaluate folder.
        var means = CellMeans(P("r/cells"));
        Assert.Equal(10, means.Count);
        var rows = Csv(P("r/table3.csv")).Concat(Csv(P("r/table1.csv"))).ToList();
        Assert.Equal(8, rows.Count);
        foreach (var row in rows)
        {
            Assert.Equal("0 1", row[2]);
            Assert.Equal(means[(row[0], row[1])], double.Parse(row[3], CultureInfo.InvariantCulture));
        }
        Assert.Equal("0.991", Csv(P("r/table3.csv")).Single(x => x[0] == "kdd-a" && x[1] == "iforest")[5]); // the paper's figure beside it
        string table3 = File.ReadAllText(P("r/table3.md"));
        Assert.Contains(means[("shu-a", "minlgan")].ToString("F4", CultureInfo.InvariantCulture), table3);
        var table2 = Csv(P("r/table2.csv"));
        Assert.Equal(["kdd-a", "cov-b", "shu-a"], table2.Select(x => x[0]));
        Assert.All(table2, x => Assert.Equal("512", x[1]));
        Assert.All(table2, x => Assert.Equal(1000, int.Parse(x[3], CultureInfo.InvariantCulture) + int.Parse(x[4], CultureInfo.InvariantCulture)));
        string report = File.ReadAllText(P("r/report.md"));
        Assert.Contains("JPEG-degraded", report);
        Assert.Contains("COV-B has 10 attributes", report);
        Assert.Contains("- **features**: raw pixels\n", report); // CIFAR-10 cells ran: the header names what the images were
        Assert.Matches(@"- \*\*machine\*\*: \d+ (of \d+ )?cores", report);
        if (File.Exists("/proc/cpuinfo")) Assert.Matches(@"- \*\*machine\*\*: [^\n]* cores[^\n]* \([^)]+, (no )?AVX-512\), ", report); // the CPU model: kernels follow it
        Assert.Contains("![ROC curves of every detector", report);
        Assert.Contains("| airplane (normal) | ", report); // Figure 5's table: the normal class first
        Assert.Contains("| truck | ", report);
        // Figure 3's table: N = 1 ... the members kept, the last N's AUC equal to the cell's (one class, two seeds).
        using (var doc = JsonDocument.Parse(File.ReadAllText(P("r/cells/cifar10-0/eminlgan2/results.json"))))
        {
            var bySeed = doc.RootElement.EnumerateArray().Select(x => x.GetProperty("auc_by_members").EnumerateArray().Select(a => a.GetDouble()).ToArray()).ToArray();
            Assert.All(doc.RootElement.EnumerateArray(), x => Assert.Equal(x.GetProperty("auc").GetDouble(), x.GetProperty("auc_by_members").EnumerateArray().Last().GetDouble()));
            double first = bySeed.Average(a => a[0]);
            Assert.Contains($"| 1 | {first.ToString("F4", CultureInfo.InvariantCulture)} ± ", report[report.IndexOf("Figure 3", StringComparison.Ordinal)..]);
        }

        // EMinLGAN-1's cell (Figure 2) trained the members; EMinLGAN-2's (Figure 3) read them, then the kept ones went.
        string e2log = File.ReadAllText(P("r/cells/cifar10-0/eminlgan2/log.txt"));
        foreach (int seed in new[] { 0, 1 })
            Assert.Contains($"note: seed {seed}: members 0, 1 from {Path.Combine(P("r/cells/cifar10-0/eminlgan1"), "checkpoints", $"seed-{seed}-members")}: trained by another run", e2log);
        Assert.DoesNotContain("read instead of trained", File.ReadAllText(P("r/cells/cifar10-0/eminlgan1/log.txt")));
        Assert.Empty(Directory.GetDirectories(P("r/cells/cifar10-0/eminlgan1/checkpoints"), "seed-*-members"));
        Assert.Contains("EMinLGAN-1 and EMinLGAN-2 train the same members", report);
        string Selection(string cell, int seed)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(P($"r/cells/cifar10-0/{cell}/results.json")));
            return doc.RootElement.EnumerateArray().Single(x => x.GetProperty("seed").GetInt32() == seed).GetProperty("selection").GetString()!;
        }
        Assert.Equal(Selection("eminlgan1", 0), Selection("eminlgan2", 0)); // the same members: epochs and holdout AUCs
        Assert.Equal(Selection("eminlgan1", 1), Selection("eminlgan2", 1));
        Assert.NotEqual(Selection("eminlgan1", 0), Selection("eminlgan1", 1));

        // Again: every cell is read back, nothing trains, and the tables are the same bytes.
        var before = new[] { "table3.md", "table3.csv" }.Select(f => File.ReadAllBytes(P(Path.Combine("r", f)))).ToArray();
        var stamp = File.GetLastWriteTimeUtc(P("r/cells/shu-a/minlgan/scores-0.csv"));
        r = Run("reproduce", "table3", "--budget", "tiny", "--seeds", "0,1", "--detectors", "iforest,minlgan", "--out", P("r"));
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("cells: 6, 0 run now, 6 read back", r.Err);
        Assert.Equal(before[0], File.ReadAllBytes(P("r/table3.md")));
        Assert.Equal(before[1], File.ReadAllBytes(P("r/table3.csv")));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(P("r/cells/shu-a/minlgan/scores-0.csv")));

        // Several targets at once: only their sections, from the same cells (nothing trains), in one report.
        r = Run("reproduce", "table1,fig4", "--budget", "tiny", "--seeds", "0,1", "--classes", "0", "--detectors", "iforest,minlgan", "--out", P("r"));
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("cells: 2, 0 run now, 2 read back", r.Err);
        string two = File.ReadAllText(P("r/report.md"));
        Assert.Contains("Table I: CIFAR-10, one class normal", two);
        Assert.Contains("Figure 4: ROC curves of every detector", two);
        Assert.DoesNotContain("Table III: UCI data", two);
        Assert.Contains("minlgan reproduce table1,fig4 --budget tiny --seeds 0,1 --classes 0 --detectors iforest,minlgan", two);

        // Another setting (a third seed) reuses the finished seeds and runs only the new one; --protocols keeps to some set-ups.
        r = Run("reproduce", "table3", "--budget", "tiny", "--seeds", "0,1,2", "--detectors", "iforest", "--protocols", "shu-a,kdd-a", "--out", P("r"));
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("cells: 2, 2 run now", r.Err);
        Assert.Contains("2 of 3 seeds finished", File.ReadAllText(P("r/cells/shu-a/iforest/log.txt")));
        Assert.DoesNotContain("2 of 3 seeds finished", File.ReadAllText(P("r/cells/cov-b/iforest/log.txt"))); // not run again
        Assert.Equal(["KDD-A", "SHU-A"], Csv(P("r/table3.csv")).Select(c => c[0].ToUpperInvariant()).Order());
        Assert.Contains("--protocols kdd-a,shu-a", File.ReadAllText(P("r/report.md"))); // the paper's order, in the header's command
        Assert.Contains("- **features**: none (tabular rows only", File.ReadAllText(P("r/report.md"))); // no images in Table III
    }

    [Fact]
    public void GivenFigure1UnderTheTinyBudget_WhenReproducedTwice_ThenItsPanelsAreReadBackTheSecondTime()
    {
        var r = Run("reproduce", "fig1", "--budget", "tiny", "--seeds", "3", "--out", P("f"));
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("fig1 seed 3: trained 4 panels", r.Err);
        AssertPng(P("f/fig1/seed-3/moons-minlgan.png"), 500);
        string md = File.ReadAllText(P("f/report.md"));
        Assert.Contains("| 3 |", md);
        Assert.Contains("fig1/seed-3/circles-gan.png", md);
        r = Run("reproduce", "fig1", "--budget", "tiny", "--seeds", "3", "--out", P("f"));
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("fig1 seed 3: finished earlier: read back", r.Err);
        Assert.Equal(md.Split('\n').Where(l => l.StartsWith("| 3 |", StringComparison.Ordinal)), File.ReadAllText(P("f/report.md")).Split('\n').Where(l => l.StartsWith("| 3 |", StringComparison.Ordinal)));

        // A folder that is not reproduce's own is refused, and what is in it stays.
        Directory.CreateDirectory(P("mine"));
        File.WriteAllText(P("mine/report.md"), "my notes");
        r = Run("reproduce", "fig1", "--budget", "tiny", "--seeds", "3", "--out", P("mine"));
        Assert.Equal(2, r.Code);
        AssertOneLineError(r.Err, "mine: exists and is not a reproduce folder");
        Assert.Equal("my notes", File.ReadAllText(P("mine/report.md")));
    }

    [Theory]
    [InlineData("table9", "reproduce table9: expected one of table1, table2, table3, fig1, fig2, fig3, fig4, fig5, all")]
    [InlineData("table1,fig9", "reproduce table1,fig9: fig9 is not one of table1, table2, table3, fig1, fig2, fig3, fig4, fig5, all")]
    [InlineData("--classes", "--classes: 12 is not a CIFAR-10 class")]
    [InlineData("--detectors", "nope: unknown detector; expected one of")]
    [InlineData("--budget", "--budget huge: expected one of tiny, cpu, paper")]
    [InlineData("--protocols", "--protocols: cifar10-0 is not a UCI set-up of Tables II and III (expected some of kdd-a, cov-a, cov-b, shu-a)")]
    public void GivenABadArgument_WhenReproduced_ThenOneLineAndExitCode2(string what, string message)
    {
        string[] args = what switch
        {
            "--classes" => ["reproduce", "table1", "--classes", "0,12", "--out", P("x")],
            "--detectors" => ["reproduce", "table3", "--detectors", "iforest,nope", "--out", P("x")],
            "--budget" => ["reproduce", "table3", "--budget", "huge", "--out", P("x")],
            "--protocols" => ["reproduce", "table3", "--protocols", "shu-a,cifar10-0", "--out", P("x")],
            _ => ["reproduce", what, "--out", P("x")],
        };
        var r = Run(args);
        Assert.Equal(2, r.Code);
        AssertOneLineError(r.Err, message);
        Assert.False(Directory.Exists(P("x/cells")));
    }

    /// <summary>Two evaluate runs on moons and one on circles, under RUNS.</summary>
    private void ThreeRuns()
    {
        foreach (var (p, d) in new[] { ("moons", "iforest"), ("moons", "knn"), ("circles", "iforest") })
        {
            var r = Run("evaluate", "--protocol", p, "--detector", d, "--seeds", "0,1", "--no-plots", "--out", P($"runs/{p}-{d}"));
            Assert.True(r.Code == 0, r.Err);
        }
    }

    [Fact]
    public void GivenEvaluateRuns_WhenReported_ThenATableOfEveryRunAndAnRocPlotPerProtocol_AndAnExistingReportNeedsForce()
    {
        ThreeRuns();
        var r = Run("report", "--results", P("runs"), "--out", P("rep"));
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("(3 runs)", r.Out);
        string md = File.ReadAllText(P("rep/report.md"));
        foreach (var (key, mean) in CellMeans(P("runs")))
            Assert.Contains($"| {key.Item1} | {key.Item2} | 0,1 | {mean.ToString("F4", CultureInfo.InvariantCulture)} ± ", md);
        AssertPng(P("rep/roc-moons.png"), 600);
        AssertPng(P("rep/roc-circles.png"), 600);
        string html = File.ReadAllText(P("rep/report.html"));
        Assert.Equal(2, html.Split("src=\"data:image/png;base64,").Length - 1);
        // Self-contained: nothing is fetched (no links, scripts, style sheets or images from elsewhere).
        foreach (string outside in new[] { "src=\"http", "href=", "<script", "<link", "url(", "@import" })
            Assert.DoesNotContain(outside, html);

        r = Run("report", "--results", P("runs"), "--out", P("rep"));
        Assert.Equal(2, r.Code);
        AssertOneLineError(r.Err, "report.md: already exists; pass --force");
        Assert.Equal(0, Run("report", "--results", P("runs"), "--out", P("rep"), "--force").Code);

        r = Run("report", "--results", P("nothing-here"));
        Assert.Equal(2, r.Code);
        AssertOneLineError(r.Err, "nothing-here: no such folder");
        File.WriteAllText(P("runs/moons-knn/results.json"), "{\"protocol\": 1");
        r = Run("report", "--results", P("runs"), "--out", P("rep2"));
        Assert.Equal(2, r.Code);
        AssertOneLineError(r.Err, $"{P("runs/moons-knn/results.json")}: not an evaluate results.json");
    }

    private const string Chromium = "/usr/bin/chromium";

    private static string RunChromium(string userData, params string[] args)
    {
        var psi = new ProcessStartInfo(Chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={userData}" }.Concat(args))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.ErrorDataReceived += (_, _) => { }; // drained (Chromium logs D-Bus complaints), not kept
        p.BeginErrorReadLine();
        string stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(120_000), "chromium did not finish in 2 minutes");
        return stdout;
    }

    [SkippableFact]
    public void GivenAReport_WhenOpenedInHeadlessChromium_ThenItRendersItsTablesAndImages()
    {
        Skip.IfNot(File.Exists(Chromium), "no Chromium at /usr/bin/chromium (apt-get install chromium; .ci/run installs it when it can)");
        ThreeRuns();
        Assert.Equal(0, Run("report", "--results", P("runs"), "--out", P("rep")).Code);
        string url = new Uri(P("rep/report.html")).AbsoluteUri;

        string dom = RunChromium(P("chrome-dom"), "--dump-dom", url);
        Assert.Contains("<table>", dom);
        Assert.Equal(4, dom.Split("<tr>").Length - 1); // header and three runs
        Assert.Equal(2, dom.Split("<img ").Length - 1);
        Assert.Contains("moons", dom);

        RunChromium(P("chrome-shot"), "--window-size=1100,1400", $"--screenshot={P("shot.png")}", url);
        using var shot = SKBitmap.Decode(P("shot.png"));
        Assert.NotNull(shot);
        Assert.Equal((1100, 1400), (shot.Width, shot.Height));
        // Rendered, not blank: many distinct colours (the ROC curves' lines) and dark text pixels.
        var colours = new HashSet<SKColor>();
        int dark = 0;
        for (int y = 0; y < shot.Height; y += 3)
            for (int x = 0; x < shot.Width; x += 3)
            {
                var c = shot.GetPixel(x, y);
                colours.Add(c);
                if (c.Red < 80 && c.Green < 80 && c.Blue < 80) dark++;
            }
        Assert.True(colours.Count > 50, $"{colours.Count} colours: the page looks blank");
        Assert.True(dark > 500, $"{dark} dark pixels: no text rendered");
    }
}
