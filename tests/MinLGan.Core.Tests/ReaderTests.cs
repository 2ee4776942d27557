using System.Text.Json;
using System.IO.Compression;
using MinLGan.Data;

namespace MinLGan.Core.Tests;

public class ReaderTests
{
    private const string ShuttleRows = "50 21 77 0 28 0 27 48 22 2\n55 0 92 0 0 26 36 92 56 4\n53 0 82 0 52 -5 29 30 2 1\n";

    private static string KddRow(string service, string label) =>
        $"0,tcp,{service},SF,181,5450,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,8,8,0.00,0.00,0.00,0.00,1.00,0.00,0.00,9,9,1.00,0.00,0.11,0.00,0.00,0.00,0.00,0.00,{label}";

    private static void Gzip(string path, string text, int? cut = null)
    {
        using (var fs = File.Create(path))
        using (var gz = new GZipStream(fs, CompressionLevel.Optimal))
        using (var w = new StreamWriter(gz))
            w.Write(text);
        if (cut is int c)
        {
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..(bytes.Length - c)]);
        }
    }

    [Fact]
    public void GivenShuttleRowsPlainAndGzip_WhenRead_ThenValuesAndClassesArePooled()
    {
        using var dir = new TempDir();
        string trn = dir.Write("shuttle.trn", ShuttleRows);
        string tst = dir.File("shuttle.tst.gz");
        Gzip(tst, "37 0 79 0 12 0 42 67 26 1\n");
        var t = ShuttleReader.Read(trn, tst);
        Assert.Equal(4, t.Features.Rows);
        Assert.Equal(9, t.Features.Columns);
        Assert.Equal(["2", "4", "1", "1"], t.Classes!);
        Assert.Equal(-5f, t.Features.Row(2)[5]);
        Assert.Equal(37f, t.Features.Row(3)[0]);
    }

    [Fact]
    public void GivenARaggedShuttleRow_WhenRead_ThenTheMessageNamesFileAndLine()
    {
        using var dir = new TempDir();
        string p = dir.Write("shuttle.trn", ShuttleRows + "1 2 3\n");
        var ex = Assert.Throws<DataFormatException>(() => ShuttleReader.Read(p));
        Assert.Equal(4, ex.Line);
        Assert.Contains($"{p}:4", ex.Message);
        Assert.Contains("expected 10", ex.Message);
    }

    [Theory]
    [InlineData("50 21 abc 0 28 0 27 48 22 2", "a3", "'abc' is not a number")]
    [InlineData("50 21 NaN 0 28 0 27 48 22 2", "a3", "not a finite number")]
    [InlineData("50 21 Infinity 0 28 0 27 48 22 2", "a3", "not a finite number")]
    [InlineData("50 21 1e999 0 28 0 27 48 22 2", "a3", "not a finite number")]
    [InlineData("50 21 77 0 28 0 27 48 22 9", "class", "not a class 1..7")]
    public void GivenABadShuttleField_WhenRead_ThenTheMessageNamesTheField(string row, string field, string problem)
    {
        using var dir = new TempDir();
        string p = dir.Write("shuttle.trn", ShuttleRows + row + "\n");
        var ex = Assert.Throws<DataFormatException>(() => ShuttleReader.Read(p));
        Assert.Equal(field, ex.Field);
        Assert.Equal(4, ex.Line);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void GivenATruncatedGzip_WhenRead_ThenItIsReportedAsTruncated()
    {
        using var dir = new TempDir();
        string p = dir.File("shuttle.trn.gz");
        string many = string.Concat(Enumerable.Repeat(ShuttleRows, 2000));
        Gzip(p, many, cut: 200);
        var ex = Assert.Throws<DataFormatException>(() => ShuttleReader.Read(p));
        Assert.Contains("truncated", ex.Message);
        Assert.Contains(p, ex.Message);
    }

    [Fact]
    public void GivenAGzipCutInsideItsHeader_WhenRead_ThenItIsReportedAsTruncated()
    {
        using var dir = new TempDir();
        string p = dir.File("shuttle.trn.gz");
        File.WriteAllBytes(p, [0x1f, 0x8b, 8, 0, 0, 0]);
        Assert.Contains("truncated", Assert.Throws<DataFormatException>(() => ShuttleReader.Read(p)).Message);
    }

    [Fact]
    public void GivenAnEmptyFile_WhenRead_ThenNoDataRows()
    {
        using var dir = new TempDir();
        Assert.Contains("no data rows", Assert.Throws<DataFormatException>(() => ShuttleReader.Read(dir.Write("shuttle.trn", ""))).Message);
        Assert.Contains("empty", Assert.Throws<DataFormatException>(() => CsvReader.Read(dir.Write("e.csv", ""), "y")).Message);
        Assert.Contains("header only", Assert.Throws<DataFormatException>(() => CsvReader.Read(dir.Write("h.csv", "a,b,y\n"), "y")).Message);
    }

    [Fact]
    public void GivenAMissingFile_WhenRead_ThenAClearError()
    {
        var ex = Assert.Throws<InvalidInputException>(() => ShuttleReader.Read("/nonexistent/shuttle.trn"));
        Assert.Contains("file not found", ex.Message);
    }

    [Fact]
    public void GivenKddRows_WhenEncodedFromTrainingRows_ThenUnseenCategoriesAreZeroAndCounted()
    {
        using var dir = new TempDir();
        string p = dir.Write("kddcup.data_10_percent",
            string.Join("\n", KddRow("http", "normal."), KddRow("smtp", "normal."), KddRow("ftp", "smurf."), KddRow("http", "neptune.")) + "\n");
        var raw = Kdd99Reader.ReadRaw(p);
        Assert.Equal(["normal", "normal", "smurf", "neptune"], raw.Labels);
        var enc = Kdd99Encoding.Fit(raw, [0, 1]);
        Assert.Contains("service=http", enc.FeatureNames);
        Assert.Contains("service=smtp", enc.FeatureNames);
        Assert.DoesNotContain("service=ftp", enc.FeatureNames);
        Assert.Equal(38 + 1 + 2 + 1, enc.FeatureNames.Count); // tcp; http, smtp; SF
        var d = enc.Encode(raw, [0, 1, 2, 3], null, out int unseen, out var values);
        Assert.Equal(1, unseen);
        Assert.Equal(["service=ftp"], values);
        int http = enc.FeatureNames.ToList().IndexOf("service=http"), smtp = enc.FeatureNames.ToList().IndexOf("service=smtp");
        Assert.Equal(0f, d.Row(2)[http]);
        Assert.Equal(0f, d.Row(2)[smtp]);
        Assert.Equal(1f, d.Row(3)[http]);
        // The names carry the vocabulary: a saved model rebuilds the same encoding.
        Assert.Equal(enc.FeatureNames, Kdd99Encoding.FromFeatureNames(enc.FeatureNames).FeatureNames);
    }

    [Fact]
    public void GivenAKddLabelWithoutDot_WhenRead_ThenTheLabelFieldIsNamed()
    {
        using var dir = new TempDir();
        string p = dir.Write("corrected", KddRow("http", "normal.") + "\n" + KddRow("http", "normal") + "\n");
        var ex = Assert.Throws<DataFormatException>(() => Kdd99Reader.ReadRaw(p));
        Assert.Equal("label", ex.Field);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void GivenTheOddsCoverFile_WhenRead_ThenTheVariantIsReported()
    {
        using var dir = new TempDir();
        string header = string.Join(',', CovertypeReader.QuantitativeNames) + ",Cover_Type\n";
        string p = dir.Write("cover.csv", header + "2596,51,3,258,0,510,221,232,148,6279,2\n2590,56,2,212,-6,390,220,235,151,6225,4\n");
        var (t, variant) = CovertypeReader.Read(p);
        Assert.Equal(CovertypeVariant.Odds10, variant);
        Assert.Equal(10, t.Features.Columns);
        Assert.Equal(["2", "4"], t.Classes!);
        Assert.Contains(t.Notes, n => n.Contains("10 quantitative attributes"));
    }

    [Fact]
    public void GivenACsvWithALabelColumn_WhenRead_ThenOtherColumnsAreFeatures()
    {
        using var dir = new TempDir();
        string p = dir.Write("d.csv", "a,kind,b\n1,ok,2\n3,bad,4.5\n");
        var t = CsvReader.Read(p, "kind");
        Assert.Equal(["a", "b"], t.Features.FeatureNames);
        Assert.Equal(["ok", "bad"], t.Classes!);
        Assert.Equal(4.5f, t.Features.Row(1)[1]);
    }

    [Fact]
    public void GivenQuotedFields_WhenRead_ThenLabelsEqualPythonsCsvModule_AndABomIsDropped()
    {
        // Fixtures/make_csv_fixtures.py: the same lines read by Python's csv module.
        var f = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "csv_fixtures.json"))).RootElement;
        var lines = f.GetProperty("lines").EnumerateArray().Select(e => e.GetString()!).ToArray();
        using var dir = new TempDir();
        string p = dir.Write("q.csv", "\uFEFFx,\"kind\"\r\n" + string.Join("\r\n", lines) + "\r\n");
        var t = CsvReader.Read(p, "kind");
        Assert.Equal(["x"], t.Features.FeatureNames); // the byte order mark is not part of the first name
        Assert.Equal(f.GetProperty("labels").EnumerateArray().Select(e => e.GetString()!).ToArray(), t.Classes!);
        Assert.Equal(f.GetProperty("values").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray(), t.Features.Values.ToArray());
    }

    [Theory]
    [InlineData("1,\"open", 2, "field 2: a quoted field is not closed")]
    [InlineData("1,\"ok\" x", 2, "field 2: text after the closing quote")]
    public void GivenABadlyQuotedField_WhenRead_ThenLineAndFieldAreNamed(string row, int field, string message)
    {
        using var dir = new TempDir();
        string p = dir.Write("q.csv", "x,kind\n0,ok\n" + row + "\n");
        var ex = Assert.Throws<DataFormatException>(() => CsvReader.Read(p, "kind"));
        Assert.Equal(3, ex.Line);
        Assert.Contains(message, ex.Message);
        Assert.Contains($"field {field}", ex.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(13)]
    [InlineData(100)]
    public void GivenACsv_WhenReadInBatches_ThenBatchesJoinToTheWholeRead_AndBlankLinesDoNotCount(int batch)
    {
        using var dir = new TempDir();
        var lines = new List<string> { "\uFEFFb,kind,a" };
        for (int i = 0; i < 13; i++) lines.Add(i == 5 ? "" : $"{i}.5,{(i % 3 == 0 ? "x" : "y")},{-i}");
        string p = dir.Write("b.csv", string.Join("\r\n", lines) + "\r\n");
        var whole = CsvReader.Read(p, "kind", ["a", "b"]);
        Assert.Equal(12, whole.Features.Rows);
        var batches = CsvReader.ReadBatches(p, "kind", ["a", "b"], batch).ToList();
        Assert.Equal(Enumerable.Range(0, (12 + batch - 1) / batch).Select(k => Math.Min(batch, 12 - k * batch)).ToArray(), batches.Select(b => b.Features.Rows).ToArray());
        Assert.All(batches, b => Assert.Equal(["a", "b"], b.Features.FeatureNames));
        Assert.Equal(whole.Features.Values.ToArray(), batches.SelectMany(b => b.Features.Values.ToArray()).ToArray());
        Assert.Equal(whole.Classes, batches.SelectMany(b => b.Classes!).ToArray());
    }

    [Fact]
    public void GivenABadLineAfterTwoBatches_WhenReadInBatches_ThenTwoBatchesArriveBeforeTheErrorNamesTheLine()
    {
        using var dir = new TempDir();
        string p = dir.Write("late.csv", "x,y\n1,2\n3,4\n5,6\n7,8\n9,nine\n");
        var seen = new List<int>();
        var e = Assert.Throws<DataFormatException>(() => { foreach (var b in CsvReader.ReadBatches(p, null, null, 2)) seen.Add(b.Features.Rows); });
        Assert.Equal([2, 2], seen);
        Assert.Equal($"{p}:6: field y: 'nine' is not a number", e.Message);
        Assert.Contains("header only", Assert.Throws<DataFormatException>(() => CsvReader.ReadBatches(dir.Write("h.csv", "a,b\n\n"), null, null, 5).ToList()).Message);
    }

    [Fact]
    public void GivenACsvWithoutTheLabelColumn_WhenRead_ThenTheMessageListsTheHeader()
    {
        using var dir = new TempDir();
        string p = dir.Write("d.csv", "a,b\n1,2\n");
        var ex = Assert.Throws<DataFormatException>(() => CsvReader.Read(p, "label"));
        Assert.Equal("label", ex.Field);
        Assert.Contains("a, b", ex.Message);
    }

    [Fact]
    public void GivenARaggedCsvRow_WhenRead_ThenFileAndLineAreNamed()
    {
        using var dir = new TempDir();
        string p = dir.Write("d.csv", "a,b,y\n1,2,0\n1,2\n");
        var ex = Assert.Throws<DataFormatException>(() => CsvReader.Read(p, "y"));
        Assert.Equal(3, ex.Line);
        Assert.Contains("expected 3 fields", ex.Message);
    }

    [Fact]
    public void GivenExpectedFeatures_WhenTheCsvHasADifferentCount_ThenAClearError()
    {
        using var dir = new TempDir();
        string p = dir.Write("d.csv", "a,b,c\n1,2,3\n");
        var ex = Assert.Throws<DataFormatException>(() => CsvReader.Read(p, null, ["a", "b"]));
        Assert.Contains("expected 2 feature columns", ex.Message);
        var reordered = CsvReader.Read(dir.Write("r.csv", "b,a\n2,1\n"), null, ["a", "b"]);
        Assert.Equal([1f, 2f], reordered.Features.Row(0).ToArray());
    }

    [Fact]
    public void GivenMakeMoonsAndMakeCircles_WhenNoiseless_ThenPointsMatchScikitLearn()
    {
        var m = Fixtures.Get("moons");
        var (moons, mc) = ToyDatasets.Moons(m.GetProperty("n").GetInt32(), 0, 0, shuffle: false);
        AssertPoints(m.GetProperty("x").Matrix(), moons);
        Assert.Equal(m.GetProperty("y").Ints(), mc);
        var c = Fixtures.Get("circles");
        var (circles, cc) = ToyDatasets.Circles(c.GetProperty("n").GetInt32(), 0, c.GetProperty("factor").GetDouble(), 0, shuffle: false);
        AssertPoints(c.GetProperty("x").Matrix(), circles);
        Assert.Equal(c.GetProperty("y").Ints(), cc);
    }

    [Fact]
    public void GivenASeed_WhenToysAreGenerated_ThenTheSameSeedGivesTheSamePoints()
    {
        Assert.Equal(ToyDatasets.Moons(200, 0.1, 5).Points.Values.ToArray(), ToyDatasets.Moons(200, 0.1, 5).Points.Values.ToArray());
        Assert.NotEqual(ToyDatasets.Moons(200, 0.1, 5).Points.Values.ToArray(), ToyDatasets.Moons(200, 0.1, 6).Points.Values.ToArray());
    }

    private static void AssertPoints(double[][] expected, Dataset actual)
    {
        Assert.Equal(expected.Length, actual.Rows);
        for (int i = 0; i < expected.Length; i++)
            for (int j = 0; j < 2; j++)
                Assert.True(Math.Abs(expected[i][j] - actual.Row(i)[j]) < 1e-6, $"point {i}, coordinate {j}");
    }
}
