using System.IO.Compression;
using System.Text.Json.Nodes;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Evaluation;
using MinLGan.Persistence;
using MinLGan.Preprocessing;

namespace MinLGan.Core.Tests;

public class PersistenceTests
{
    private static readonly DetectorRegistry Registry = DetectorRegistry.CreateDefault();

    private static (AnomalyModel Model, Dataset Raw) Trained(ScalerKind scaling = ScalerKind.Standard)
    {
        var rng = new SeededRandom(4);
        var names = new[] { "a", "b", "c" };
        var raw = new Dataset(Enumerable.Range(0, 600).Select(_ => (float)(rng.NextGaussian() * 3 + 10)).ToArray(), 200, names);
        var info = Registry.Get("iforest");
        var p = DetectorParameters.Parse("iforest", info.Parameters, ["trees=50"]);
        var scaler = FeatureScaler.Fit(raw, scaling);
        var det = info.Create(p, 9);
        det.Fit(scaler.Transform(raw));
        return (new AnomalyModel(p, 9, names, scaler, new InputSpec("csv", null, []), null, det), raw);
    }

    [Theory]
    [InlineData(ScalerKind.Auto, "auto")]
    [InlineData(ScalerKind.L2, "l2")]
    public void GivenAModelWithTheAutoOrL2Scaler_WhenSavedAndLoaded_ThenTheScalerAndScoresAreIdentical(ScalerKind kind, string name)
    {
        using var dir = new TempDir();
        var (model, raw) = Trained(kind);
        string path = dir.File("m.minlgan");
        ModelFile.Save(path, model, Registry);
        var loaded = ModelFile.Load(path, Registry);
        Assert.Equal(name, loaded.Scaler!.Name);
        Assert.Equal(kind, loaded.Scaler.Kind);
        Assert.Equal(model.Scaler!.Scale, loaded.Scaler.Scale);
        Assert.Equal(model.Score(raw), loaded.Score(raw));
    }

    [Fact]
    public void GivenASavedModel_WhenLoaded_ThenScoresThresholdAndManifestFieldsAreIdentical()
    {
        using var dir = new TempDir();
        var (model, raw) = Trained();
        string path = dir.File("m.minlgan");
        ModelFile.Save(path, model, Registry);
        var loaded = ModelFile.Load(path, Registry);
        Assert.Equal(model.Score(raw), loaded.Score(raw));
        Assert.Equal(model.Detector.Threshold, loaded.Detector.Threshold);
        Assert.Equal(9, loaded.Seed);
        Assert.Equal(model.FeatureNames, loaded.FeatureNames);
        Assert.Equal(model.Scaler!.Offset, loaded.Scaler!.Offset);
        Assert.Equal("50", loaded.Parameters.Values["trees"]);

        using var zip = ZipFile.OpenRead(path);
        var manifest = JsonNode.Parse(zip.GetEntry("manifest.json")!.Open())!;
        Assert.Equal(ModelFile.CurrentVersion, (int)manifest["format_version"]!);
        Assert.Equal("iforest", (string)manifest["detector"]!);
        Assert.Equal(64, ((string)manifest["payloads"]![0]!["sha256"]!).Length);
    }

    [Fact]
    public void GivenAnExistingFile_WhenSavedWithoutOverwrite_ThenItRefusesAndKeepsTheFile()
    {
        using var dir = new TempDir();
        string path = dir.Write("m.minlgan", "precious");
        var ex = Assert.Throws<InvalidInputException>(() => ModelFile.Save(path, Trained().Model, Registry));
        Assert.Contains("already exists", ex.Message);
        Assert.Equal("precious", File.ReadAllText(path));
    }

    [Fact]
    public void GivenATamperedPayload_WhenLoaded_ThenTheChecksumFails()
    {
        using var dir = new TempDir();
        string path = dir.File("m.minlgan");
        ModelFile.Save(path, Trained().Model, Registry);
        Rewrite(path, "payload/iforest.bin", bytes => { bytes[^3] ^= 0x40; return bytes; });
        var ex = Assert.Throws<InvalidInputException>(() => ModelFile.Load(path, Registry));
        Assert.Contains("sha256", ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Theory]
    [InlineData("format_version", "99", "format version 99")]
    [InlineData("detector", "\"nope\"", "unknown detector")]
    [InlineData("options", "{\"trees\":\"0\"}", "trees=0")]
    [InlineData("scaler_offset", "[1.0]", "scaler statistics")]
    public void GivenATamperedManifest_WhenLoaded_ThenAClearError(string field, string json, string expected)
    {
        using var dir = new TempDir();
        string path = dir.File("m.minlgan");
        ModelFile.Save(path, Trained().Model, Registry);
        Rewrite(path, "manifest.json", bytes =>
        {
            var node = JsonNode.Parse(bytes)!;
            node[field] = JsonNode.Parse(json);
            return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
        });
        var ex = Assert.Throws<InvalidInputException>(() => ModelFile.Load(path, Registry));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void GivenAnExtraEntry_WhenLoaded_ThenItIsRejected()
    {
        using var dir = new TempDir();
        string path = dir.File("m.minlgan");
        ModelFile.Save(path, Trained().Model, Registry);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
            using (var w = new StreamWriter(zip.CreateEntry("payload/evil.dll").Open())) w.Write("MZ");
        Assert.Contains("unexpected entry", Assert.Throws<InvalidInputException>(() => ModelFile.Load(path, Registry)).Message);
    }

    [Fact]
    public void GivenGarbageOrATruncatedFile_WhenLoaded_ThenAClearError()
    {
        using var dir = new TempDir();
        string garbage = dir.Write("g.minlgan", "not a model at all");
        Assert.Contains("not a MinLGan model file", Assert.Throws<InvalidInputException>(() => ModelFile.Load(garbage, Registry)).Message);
        string path = dir.File("m.minlgan");
        ModelFile.Save(path, Trained().Model, Registry);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Throws<InvalidInputException>(() => ModelFile.Load(path, Registry));
    }

    [Fact]
    public void GivenAModel_WhenScoringRowsWithOtherFeatures_ThenAClearError()
    {
        var (model, _) = Trained();
        var wrong = new Dataset(new float[4], 2, ["a", "b"]);
        Assert.Contains("expects 3 features", Assert.Throws<InvalidInputException>(() => model.Score(wrong)).Message);
    }

    private static void Rewrite(string path, string entryName, Func<byte[], byte[]> change)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry(entryName)!;
        byte[] bytes;
        using (var ms = new MemoryStream())
        {
            using (var s = entry.Open()) s.CopyTo(ms);
            bytes = ms.ToArray();
        }
        entry.Delete();
        using var w = zip.CreateEntry(entryName).Open();
        w.Write(change(bytes));
    }
}
