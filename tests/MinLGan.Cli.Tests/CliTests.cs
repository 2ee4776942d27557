using System.Globalization;
using System.Text.Json;
using MinLGan.Evaluation;
using MinLGan.Metrics;

namespace MinLGan.Cli.Tests;

public sealed class CliTests : CliTestBase
{

    private string WriteCsv(string name, int normal = 300, int anomalies = 30, bool label = true)
    {
        var rng = new SeededRandom(1);
        var lines = new List<string> { label ? "x,y,kind" : "x,y" };
        for (int i = 0; i < normal + anomalies; i++)
        {
            bool a = i >= normal;
            double x = rng.NextGaussian() + (a ? 6 : 0), y = rng.NextGaussian();
            string row = string.Create(CultureInfo.InvariantCulture, $"{x},{y}");
            lines.Add(label ? $"{row},{(a ? "bad" : "ok")}" : row);
        }
        File.WriteAllLines(P(name), lines);
        return P(name);
    }

    [Fact]
    public void GivenMoons_WhenEvaluated_ThenTableResultsAndScoresAgree()
    {
        var (code, stdout, err) = Run("evaluate", "--protocol", "moons", "--seeds", "0,1", "--out", P("out"), "--export-split", P("split"));
        Assert.True(code == 0, err);
        Assert.Contains("mean ± std over 2 seed(s)", stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(P("out/results.json")));
        var runs = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        foreach (var r in runs)
        {
            int seed = r.GetProperty("seed").GetInt32();
            Assert.Equal("moons", r.GetProperty("protocol").GetString());
            Assert.Equal("iforest", r.GetProperty("detector").GetString());
            Assert.Equal("100", r.GetProperty("options").GetProperty("trees").GetString());
            Assert.True(r.GetProperty("fit_seconds").GetDouble() >= 0);
            var lines = File.ReadAllLines(P($"out/scores-{seed}.csv"));
            Assert.Equal("label,score", lines[0]);
            Assert.Equal(r.GetProperty("n_test").GetInt32(), lines.Length - 1);
            var labels = lines.Skip(1).Select(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)).ToArray();
            var scores = lines.Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(r.GetProperty("auc").GetDouble(), Auc.Compute(labels, scores));
            var test = File.ReadAllLines(P($"split/seed-{seed}/test.csv"));
            Assert.Equal("x1,x2,label", test[0]);
            Assert.Equal(labels, test.Skip(1).Select(l => int.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture)));
            Assert.Equal(r.GetProperty("n_train").GetInt32(), File.ReadAllLines(P($"split/seed-{seed}/train.csv")).Length - 1);
        }
    }

    [Fact]
    public void GivenExistingResults_WhenEvaluatedWithoutForce_ThenExit2AndTheFileIsUntouched()
    {
        Directory.CreateDirectory(P("out"));
        File.WriteAllText(P("out/results.json"), "mine");
        var (code, _, err) = Run("evaluate", "--protocol", "circles", "--out", P("out"));
        Assert.Equal(2, code);
        AssertOneLineError(err, "already exists");
        Assert.Equal("mine", File.ReadAllText(P("out/results.json")));
        Assert.Equal(0, Run("evaluate", "--protocol", "circles", "--out", P("out"), "--force").Code);
        Assert.NotEqual("mine", File.ReadAllText(P("out/results.json")));
    }

    [Theory]
    [InlineData("unknown protocol", "evaluate", "--protocol", "shu-z")]
    [InlineData("unknown detector", "evaluate", "--protocol", "moons", "--detector", "deep-svdd-9000")]
    [InlineData("trees=0: iforest expects an integer in [1, 10000]", "evaluate", "--protocol", "moons", "--param", "trees=0")]
    [InlineData("unknown parameter for iforest", "evaluate", "--protocol", "moons", "--param", "depth=3")]
    [InlineData("expected NAME=VALUE", "evaluate", "--protocol", "moons", "--param", "trees")]
    [InlineData("--seeds 0,x", "evaluate", "--protocol", "moons", "--seeds", "0,x")]
    [InlineData("--scaler robust", "evaluate", "--protocol", "moons", "--scaler", "robust")]
    [InlineData("--protocol csv needs --input", "evaluate", "--protocol", "csv")]
    [InlineData("--protocol is required", "evaluate")]
    [InlineData("--max-train 1: expected 0 (all rows) or at least 2", "evaluate", "--protocol", "moons", "--max-train", "1")]
    [InlineData("--check-fraction 2: expected a number in [0, 0.9]", "evaluate", "--protocol", "moons", "--check-fraction", "2")]
    [InlineData("gamma=wide: ocsvm expects scale, auto or a number in (0, inf]", "evaluate", "--protocol", "moons", "--detector", "ocsvm", "--param", "gamma=wide")]
    [InlineData("nu=0: ocsvm expects a number in (0, 1]", "evaluate", "--protocol", "moons", "--detector", "ocsvm", "--param", "nu=0")]
    [InlineData("file not found", "score", "--model", "/nonexistent/m", "--input", "/nonexistent/x.csv", "--output", "/tmp/never.csv")]
    public void GivenABadOption_WhenRun_ThenOneLineAndExit2(string message, params string[] args)
    {
        var (code, _, err) = Run([.. args, "--out", P("o")]);
        if (args[0] == "score") (code, _, err) = Run(args);
        Assert.Equal(2, code);
        AssertOneLineError(err, message);
    }

    [Fact]
    public void GivenAnUnknownOption_WhenParsed_ThenExit2()
    {
        var (code, _, err) = Run("evaluate", "--protocol", "moons", "--frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("--frobnicate", err);
    }

    [Fact]
    public void GivenVerbose_WhenAnInputIsBad_ThenTheStackTraceIsShown()
    {
        var (code, _, err) = Run("evaluate", "--protocol", "nope", "--verbose");
        Assert.Equal(2, code);
        Assert.Contains("   at ", err);
    }

    [Fact]
    public void GivenACsv_WhenEvaluatedWithTheCsvProtocol_ThenAucIsHigh()
    {
        string csv = WriteCsv("d.csv");
        var (code, stdout, err) = Run("evaluate", "--protocol", "csv", "--input", csv, "--label-column", "kind", "--normal-label", "ok", "--out", P("out"));
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(File.ReadAllText(P("out/results.json")));
        Assert.True(doc.RootElement[0].GetProperty("auc").GetDouble() > 0.95, stdout);
    }

    [Fact]
    public void GivenACsvWithoutTheLabelColumn_WhenEvaluated_ThenExit2NamingTheColumn()
    {
        string csv = WriteCsv("d.csv", label: false);
        var (code, _, err) = Run("evaluate", "--protocol", "csv", "--input", csv, "--label-column", "kind", "--normal-label", "ok", "--out", P("out"));
        Assert.Equal(2, code);
        AssertOneLineError(err, "field kind: label column not found");
        Assert.False(Directory.Exists(P("out")));
    }

    [Fact]
    public void GivenAnAbsentNormalLabel_WhenEvaluated_ThenTheMessageListsTheValues()
    {
        string csv = WriteCsv("d.csv");
        var (code, _, err) = Run("evaluate", "--protocol", "csv", "--input", csv, "--label-column", "kind", "--normal-label", "fine", "--out", P("out"));
        Assert.Equal(2, code);
        AssertOneLineError(err, "values there: bad, ok");
    }

    [Fact]
    public void GivenTrainOnCsv_WhenScored_ThenScoresLabelsAndPredictionsAreWritten()
    {
        string csv = WriteCsv("d.csv");
        var (code, stdout, err) = Run("train", "--input", csv, "--label-column", "kind", "--normal-label", "ok", "--model", P("m.minlgan"), "--seed", "4");
        Assert.True(code == 0, err);
        Assert.Contains("training on 300 normal rows", stdout);
        Assert.Contains("30 rows with another kind left out", stdout);

        (code, stdout, err) = Run("score", "--model", P("m.minlgan"), "--input", csv, "--output", P("scores.csv"));
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(P("scores.csv"));
        Assert.Equal("kind,score,predicted", lines[0]);
        Assert.Equal(331, lines.Length);
        var labels = lines.Skip(1).Select(l => l.Split(',')[0] == "bad" ? 1 : 0).ToArray();
        var scores = lines.Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        Assert.True(Auc.Compute(labels, scores) > 0.95);

        // Same seed, same data: the same model bytes' scores.
        Assert.Equal(0, Run("train", "--input", csv, "--label-column", "kind", "--normal-label", "ok", "--model", P("m2.minlgan"), "--seed", "4").Code);
        Assert.Equal(0, Run("score", "--model", P("m2.minlgan"), "--input", csv, "--output", P("scores2.csv")).Code);
        Assert.Equal(lines, File.ReadAllLines(P("scores2.csv")));
    }

    [Fact]
    public void GivenATrainedModel_WhenExported_ThenOnnxRuntimeScoresTheFileAsScoreDoes()
    {
        string csv = WriteCsv("d.csv");
        Assert.Equal(0, Run("train", "--input", csv, "--label-column", "kind", "--normal-label", "ok", "--model", P("m.minlgan"), "--seed", "4", "--detector", "iforest").Code);
        var (code, stdout, err) = Run("export", "--model", P("m.minlgan"), "--onnx", P("m.onnx"));
        Assert.True(code == 0, err);
        Assert.Contains("input 'input' float[N, 2], outputs 'score' float[N], 'is_anomaly' bool[N]", stdout);
        Assert.Contains("checked with ONNX Runtime on 256 made-up rows", stdout);
        Assert.Equal(0, Run("score", "--model", P("m.minlgan"), "--input", csv, "--output", P("s.csv")).Code);

        var lines = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')).ToArray();
        var rows = new MinLGan.Data.Dataset(lines.SelectMany(f => f.Take(2).Select(v => float.Parse(v, CultureInfo.InvariantCulture))).ToArray(), lines.Length, ["x", "y"]);
        var (scores, anomalies) = MinLGan.Export.OnnxScoreRunner.Run(File.ReadAllBytes(P("m.onnx")), rows);
        var expected = File.ReadAllLines(P("s.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        double largest = expected.Max(e => Math.Abs(double.Parse(e[1], CultureInfo.InvariantCulture)));
        for (int i = 0; i < rows.Rows; i++)
        {
            Assert.True(Math.Abs(scores[i] - double.Parse(expected[i][1], CultureInfo.InvariantCulture)) <= 1e-5 * largest, $"row {i}");
            Assert.Equal(expected[i][2] == "1", anomalies[i]);
        }

        // An existing file is kept unless --force.
        var before = File.ReadAllBytes(P("m.onnx"));
        (code, _, err) = Run("export", "--model", P("m.minlgan"), "--onnx", P("m.onnx"));
        Assert.Equal(2, code);
        AssertOneLineError(err, "already exists; pass --force");
        Assert.Equal(before, File.ReadAllBytes(P("m.onnx")));
        Assert.Equal(0, Run("export", "--model", P("m.minlgan"), "--onnx", P("m.onnx"), "--force").Code);
        // A file that is not a model: one line, nothing written.
        (code, _, err) = Run("export", "--model", csv, "--onnx", P("k.onnx"));
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", err);
        Assert.Contains("d.csv", err);
        Assert.False(File.Exists(P("k.onnx")));
    }

    [Fact]
    public void GivenAModel_WhenScoringAFileWithOtherFeatures_ThenExit2()
    {
        string csv = WriteCsv("d.csv");
        Assert.Equal(0, Run("train", "--input", csv, "--label-column", "kind", "--normal-label", "ok", "--model", P("m.minlgan"), "--seed", "1").Code);
        File.WriteAllLines(P("three.csv"), ["x,y,z,kind", "1,2,3,ok"]);
        var (code, _, err) = Run("score", "--model", P("m.minlgan"), "--input", P("three.csv"), "--output", P("s.csv"));
        Assert.Equal(2, code);
        AssertOneLineError(err, "expected 2 feature columns");
        Assert.False(File.Exists(P("s.csv")));
    }

    [Fact]
    public void GivenATamperedModel_WhenScoring_ThenExit2()
    {
        string csv = WriteCsv("d.csv");
        Assert.Equal(0, Run("train", "--input", csv, "--label-column", "kind", "--normal-label", "ok", "--model", P("m.minlgan"), "--seed", "1").Code);
        var bytes = File.ReadAllBytes(P("m.minlgan"));
        bytes[bytes.Length / 2] ^= 0xff;
        File.WriteAllBytes(P("m.minlgan"), bytes);
        var (code, _, err) = Run("score", "--model", P("m.minlgan"), "--input", csv, "--output", P("s.csv"));
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", err);
        Assert.Contains("m.minlgan", err);
    }

    [Fact]
    public void GivenAnExistingOutput_WhenScoring_ThenItIsNotOverwritten_AndInputAsOutputIsRefused()
    {
        string csv = WriteCsv("d.csv");
        Assert.Equal(0, Run("train", "--input", csv, "--label-column", "kind", "--normal-label", "ok", "--model", P("m.minlgan"), "--seed", "1").Code);
        File.WriteAllText(P("s.csv"), "keep");
        var (code, _, err) = Run("score", "--model", P("m.minlgan"), "--input", csv, "--output", P("s.csv"));
        Assert.Equal(2, code);
        Assert.Equal("keep", File.ReadAllText(P("s.csv")));
        (code, _, err) = Run("score", "--model", P("m.minlgan"), "--input", csv, "--output", csv, "--force");
        Assert.Equal(2, code);
        AssertOneLineError(err, "is the input file");
        // Training onto an existing model file is refused too.
        (code, _, err) = Run("train", "--input", csv, "--label-column", "kind", "--normal-label", "ok", "--model", P("m.minlgan"));
        Assert.Equal(2, code);
        AssertOneLineError(err, "already exists");
    }

    [Fact]
    public void GivenMinLGanWithAGrid_WhenEvaluated_ThenTheHoldoutChoosesAndResultsRecordTheSelection()
    {
        var (code, _, err) = Run("evaluate", "--protocol", "moons", "--detector", "minlgan", "--seeds", "3", "--out", P("out"),
            "--param", "epochs=2", "--param", "batch_size=64", "--param", "min_steps=0", "--param", "background_kind=gaussian", "--grid", "a=0.01,0.1");
        Assert.True(code == 0, err);
        Assert.Contains("seed 3 member 1/1 epoch 2/2", err); // plain progress lines when not on a terminal
        Assert.Contains("seed 3: a=0.01 holdout AUC", err);
        using var doc = JsonDocument.Parse(File.ReadAllText(P("out/results.json")));
        var r = doc.RootElement[0];
        Assert.StartsWith("holdout-auc: epoch", r.GetProperty("selection").GetString());
        var grid = r.GetProperty("grid").EnumerateArray().ToList();
        Assert.Equal(2, grid.Count);
        double best = grid.Max(g => g.GetProperty("holdout_auc").GetDouble());
        Assert.Equal(best, r.GetProperty("holdout_auc").GetDouble());
    }

    [Fact]
    public void GivenALabelledCsv_WhenADetectorThatChoosesOnAHoldoutIsTrained_ThenTheSavedModelScoresTheTestRowsAsEvaluateDid()
    {
        string csv = WriteCsv("d.csv");
        var (code, stdout, err) = Run("train", "--input", csv, "--label-column", "kind", "--normal-label", "ok", "--detector", "ae",
            "--param", "epochs=3", "--model", P("ae.minlgan"), "--seed", "5");
        Assert.True(code == 0, err);
        Assert.Contains("training on 240 normal rows of " + csv + " (seed 5, train fraction 0.8); ae chooses on a labelled holdout of 5 normal and 5 anomalous rows", stdout);
        Assert.Contains("the other 80 rows are not used", stdout);
        Assert.Contains("selection: holdout-auc", stdout);
        (code, _, err) = Run("evaluate", "--protocol", "csv", "--input", csv, "--label-column", "kind", "--normal-label", "ok", "--detector", "ae",
            "--param", "epochs=3", "--seeds", "5", "--no-plots", "--out", P("ev"));
        Assert.True(code == 0, err);
        Assert.Equal(0, Run("score", "--model", P("ae.minlgan"), "--input", csv, "--output", P("all.csv")).Code);
        // evaluate's test rows, in file order, are the split's test indices: the saved model gives them the same scores.
        var flags = Enumerable.Range(0, 330).Select(i => i >= 300 ? 1 : 0).ToArray();
        var (_, _, test) = ProtocolSplitter.Split(flags, 5, new SplitOptions());
        static double[] Scores(string path) =>
            File.ReadAllLines(path).Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        var all = Scores(P("all.csv"));
        var evaluated = Scores(P("ev/scores-5.csv"));
        Assert.Equal(test.Length, evaluated.Length);
        Assert.All(Enumerable.Range(0, test.Length), k => Assert.Equal(evaluated[k], all[test[k]], 5));

        // --holdout-fraction 0: every normal row, no holdout (label-free), as before.
        (code, stdout, err) = Run("train", "--input", csv, "--label-column", "kind", "--normal-label", "ok", "--detector", "ae",
            "--param", "epochs=3", "--model", P("ae0.minlgan"), "--seed", "5", "--holdout-fraction", "0");
        Assert.True(code == 0, err);
        Assert.Contains("training on 300 normal rows", stdout);
        Assert.Contains("selection: last-epoch", stdout);
    }

    [Fact]
    public void GivenAnEnsembleTrainedOnACsv_WhenSavedAndScored_ThenScoresEqualAFreshScoreOfTheSameModel()
    {
        string csv = WriteCsv("d.csv");
        var (code, stdout, err) = Run("train", "--input", csv, "--label-column", "kind", "--normal-label", "ok", "--detector", "eminlgan2",
            "--param", "members=2", "--param", "epochs=3", "--param", "batch_size=64", "--param", "min_steps=0", "--model", P("e.minlgan"), "--seed", "2");
        Assert.True(code == 0, err);
        // The CSV's anomalies give a labelled holdout, split as evaluate --protocol csv splits the rows.
        Assert.Contains("eminlgan2 chooses on a labelled holdout of", stdout);
        Assert.Contains("selection: holdout-auc", stdout);
        Assert.Equal(0, Run("score", "--model", P("e.minlgan"), "--input", csv, "--output", P("s1.csv")).Code);
        Assert.Equal(0, Run("score", "--model", P("e.minlgan"), "--input", csv, "--output", P("s2.csv")).Code);
        Assert.Equal(File.ReadAllLines(P("s1.csv")), File.ReadAllLines(P("s2.csv")));
        Assert.Equal(331, File.ReadAllLines(P("s1.csv")).Length);
    }

    [Fact]
    public void GivenOcsvmWithMaxTrain_WhenEvaluated_ThenTheSubsetIsUsedAndRecorded()
    {
        var (code, stdout, err) = Run("evaluate", "--protocol", "moons", "--detector", "ocsvm", "--seeds", "1", "--max-train", "300",
            "--param", "nu=0.1", "--param", "gamma=2", "--out", P("out"));
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(File.ReadAllText(P("out/results.json")));
        var r = doc.RootElement[0];
        Assert.Equal(300, r.GetProperty("n_train").GetInt32());
        Assert.Equal(300, r.GetProperty("split").GetProperty("max_train").GetInt32());
        Assert.Equal("2", r.GetProperty("options").GetProperty("gamma").GetString());
        Assert.True(r.GetProperty("auc").GetDouble() > 0.9, stdout);
    }

    [Fact]
    public void GivenACheckFraction_WhenEvaluated_ThenResultsRecordTheCheckAucAndTheSummarySaysIt()
    {
        var (code, stdout, err) = Run("evaluate", "--protocol", "moons", "--seeds", "1", "--holdout-fraction", "0.2", "--check-fraction", "0.5",
            "--no-plots", "--out", P("out"));
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(File.ReadAllText(P("out/results.json")));
        var r = doc.RootElement[0];
        Assert.True(r.GetProperty("n_check").GetInt32() > 0);
        Assert.Equal(0.5, r.GetProperty("split").GetProperty("check_fraction").GetDouble());
        double check = r.GetProperty("check_auc").GetDouble();
        Assert.InRange(check, 0.5, 1.0);
        Assert.Contains($"check AUC {check.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)}", stdout);
    }

    [Theory]
    [InlineData("ocsvm", "nu=0.1")]
    [InlineData("ae", "epochs=5")]
    [InlineData("vae", "epochs=5")]
    public void GivenABaselineTrainedOnACsvWithMaxTrain_WhenSavedAndScored_ThenScoresAreWrittenAndRepeatable(string detector, string param)
    {
        string csv = WriteCsv("d.csv");
        var (code, stdout, err) = Run("train", "--input", csv, "--label-column", "kind", "--normal-label", "ok", "--detector", detector,
            "--param", param, "--max-train", "200", "--model", P("b.minlgan"), "--seed", "2");
        Assert.True(code == 0, err);
        // ocsvm trains on every normal row (a seeded subset here); ae and vae choose an epoch on a labelled holdout.
        Assert.Contains(detector == "ocsvm" ? "using a seeded random 200 of them (at most 200 training rows)" : "training on 200 normal rows", stdout);
        Assert.Equal(0, Run("score", "--model", P("b.minlgan"), "--input", csv, "--output", P("s1.csv")).Code);
        Assert.Equal(0, Run("score", "--model", P("b.minlgan"), "--input", csv, "--output", P("s2.csv")).Code);
        var lines = File.ReadAllLines(P("s1.csv"));
        Assert.Equal(lines, File.ReadAllLines(P("s2.csv")));
        var labels = lines.Skip(1).Select(l => l.Split(',')[0] == "bad" ? 1 : 0).ToArray();
        var scores = lines.Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        Assert.True(Auc.Compute(labels, scores) > 0.9, $"{detector}: AUC {Auc.Compute(labels, scores)}");
    }

    [Theory]
    [InlineData("iforest")]
    [InlineData("knn")]
    [InlineData("lof")]
    [InlineData("ocsvm")]
    [InlineData("ae", "epochs=3")]
    [InlineData("vae", "epochs=3")]
    [InlineData("minlgan", "epochs=2", "batch_size=64", "min_steps=0")]
    [InlineData("eminlgan2", "members=2", "epochs=2", "batch_size=64", "min_steps=0")]
    public void GivenASavedModel_WhenScoredInBatchesOfSevenRows_ThenTheOutputEqualsOneBatchAndTheRateIsPrinted(string detector, params string[] parameters)
    {
        string csv = WriteCsv("d.csv");
        var train = new List<string> { "train", "--input", csv, "--label-column", "kind", "--normal-label", "ok", "--detector", detector, "--model", P("m.minlgan"), "--seed", "3" };
        foreach (var p in parameters) train.AddRange(["--param", p]);
        var (code, _, err) = Run(train.ToArray());
        Assert.True(code == 0, err);
        (code, var whole, err) = Run("score", "--model", P("m.minlgan"), "--input", csv, "--output", P("whole.csv"));
        Assert.True(code == 0, err);
        Assert.Matches(@"^scored 330 rows with \S+ in [0-9.]+ s \([0-9]+ rows/s\); [0-9]+ above the threshold; wrote ", whole);
        (code, _, err) = Run("score", "--model", P("m.minlgan"), "--input", csv, "--output", P("batched.csv"), "--batch-rows", "7");
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(P("whole.csv")), File.ReadAllBytes(P("batched.csv"))); // 48 batches, the last of 1 row
        Assert.Equal(331, File.ReadAllLines(P("batched.csv")).Length);
    }

    [Fact]
    public void GivenABadRowAfterManyBatches_WhenScored_ThenExit2NamesTheLineAndTheOldOutputIsKept()
    {
        string csv = WriteCsv("d.csv");
        Assert.Equal(0, Run("train", "--input", csv, "--label-column", "kind", "--normal-label", "ok", "--model", P("m.minlgan"), "--detector", "iforest", "--seed", "1").Code);
        var lines = File.ReadAllLines(csv).ToList();
        lines[300] = "1.5,oops,ok"; // line 301 of the file, after 29 batches of 10 rows were scored and written
        File.WriteAllLines(P("bad.csv"), lines);
        File.WriteAllText(P("s.csv"), "keep");
        var (code, _, err) = Run("score", "--model", P("m.minlgan"), "--input", P("bad.csv"), "--output", P("s.csv"), "--batch-rows", "10", "--force");
        Assert.Equal(2, code);
        AssertOneLineError(err, $"{P("bad.csv")}:301: field y: 'oops' is not a number");
        Assert.Equal("keep", File.ReadAllText(P("s.csv")));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(P("s.csv"))!, "*s.csv*")); // no temporary file left
        (code, _, err) = Run("score", "--model", P("m.minlgan"), "--input", csv, "--output", P("s2.csv"), "--batch-rows", "0");
        Assert.Equal(2, code);
        AssertOneLineError(err, "--batch-rows 0: expected a whole number of rows, at least 1");
    }

    [Fact]
    public void GivenTheListCommands_WhenRun_ThenProtocolsAndParametersAreShown()
    {
        var (code, stdout, _) = Run("datasets");
        Assert.Equal(0, code);
        foreach (var p in new[] { "shu-a", "kdd-a", "cov-a", "cov-b", "csv", "circles", "moons" }) Assert.Contains(p, stdout);
        (code, stdout, _) = Run("detectors");
        Assert.Equal(0, code);
        Assert.Contains("contamination", stdout);
        Assert.Contains("(0, 0.5]", stdout);
        foreach (var d in new[] { "ocsvm", "ae", "vae" }) Assert.Contains(d, stdout);
    }
}

public sealed class Figure1Tests : CliTestBase
{
    [Fact]
    public void GivenFigure1_WhenRun_ThenEachPanelHasACsvOfDataAndSamplesAndAPng()
    {
        var (code, stdout, err) = Run("figure1", "--out", P("fig"), "--epochs", "3", "--samples", "60");
        Assert.True(code == 0, err);
        foreach (var toy in new[] { "circles", "moons" })
            foreach (var kind in new[] { "gan", "minlgan" })
            {
                var lines = File.ReadAllLines(P(Path.Combine("fig", $"{toy}-{kind}.csv")));
                Assert.Equal("x1,x2,source", lines[0]);
                Assert.Equal(60, lines.Count(l => l.EndsWith(",data")));
                Assert.Equal(60, lines.Count(l => l.EndsWith(",generator")));
                var png = File.ReadAllBytes(P(Path.Combine("fig", $"{toy}-{kind}.png")));
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            }
        Assert.Contains("median distance from G(z) to the nearest data point", stdout);
    }
}
