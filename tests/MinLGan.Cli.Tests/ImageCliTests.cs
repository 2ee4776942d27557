using System.Text.Json;
using MinLGan.Data;
using MinLGan.Evaluation;
using MinLGan.Features;
using MinLGan.Imaging;
using MinLGan.Metrics;
using MinLGan.Torch;
using SkiaSharp;

namespace MinLGan.Cli.Tests;

[Collection(CacheEnvironment.Name)]
public sealed class ImageCliTests : CliTestBase
{
    private static byte[] Encode(SKEncodedImageFormat format, int w, int h, Func<int, int, SKColor> pixel)
    {
        using var bitmap = new SKBitmap(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) bitmap.SetPixel(x, y, pixel(x, y));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 95);
        return data.ToArray();
    }

    [SkippableFact]
    public void GivenTheJpegCopy_WhenCifar10ThreeIsEvaluated_ThenTheSplitIsThePapersAndResultsSayJpegDegraded()
    {
        var loc = DataLocator.Resolve(null);
        Skip.If(loc.Root is null || Cifar10Source.FindJpegArchive(loc) is null, "no CIFAR-10 JPEG copy: set MINLGAN_DATA (see docs/data.md)");
        // First run on a machine: extracted and decoded into the cache (about 15 s); later runs read the cache.
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(["evaluate", "--protocol", "cifar10-3", "--detector", "iforest", "--seeds", "0", "--out", P("out")], o, e);
        Assert.True(code == 0, e.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllText(P("out/results.json")));
        var r = doc.RootElement[0];
        Assert.Equal(5000, r.GetProperty("n_train").GetInt32());
        Assert.Equal(10000, r.GetProperty("n_holdout").GetInt32() + r.GetProperty("n_test").GetInt32());
        Assert.Equal(9000 - 450, r.GetProperty("n_test_anomalies").GetInt32()); // 5% of each class is holdout
        Assert.Contains(r.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("JPEG-degraded CIFAR-10"));
    }

    [Fact]
    public void GivenAPng_WhenDecodedWithSkia_ThenPixelsAreExactRgb()
    {
        var png = Encode(SKEncodedImageFormat.Png, 3, 2, (x, y) => new SKColor((byte)(10 * x), (byte)(100 + y), 200));
        var d = new SkiaImageDecoder().Decode(png, null)!;
        Assert.Equal((3, 2), (d.Width, d.Height));
        Assert.Equal(new byte[] { 0, 100, 200, 10, 100, 200, 20, 100, 200, 0, 101, 200, 10, 101, 200, 20, 101, 200 }, d.Rgb);
        var resized = new SkiaImageDecoder().Decode(png, (6, 4))!;
        Assert.Equal(6 * 4 * 3, resized.Rgb.Length);
        Assert.Null(new SkiaImageDecoder().Decode([1, 2, 3, 4, 5], null));
    }

    [Fact]
    public void GivenAJpegFolderWithACorruptFile_WhenRead_ThenTheMessageNamesTheFile()
    {
        string cat = P(Path.Combine("train", "cat"));
        Directory.CreateDirectory(cat);
        var jpeg = Encode(SKEncodedImageFormat.Jpeg, 8, 8, (x, y) => new SKColor(128, 128, 128));
        for (int i = 0; i < 5; i++) File.WriteAllBytes(Path.Combine(cat, $"{i}.jpg"), jpeg);
        var ok = ImageFolderReader.Read(P(""), "train", new SkiaImageDecoder());
        Assert.Equal(5, ok.Count);
        Assert.InRange(ok.Image(0)[0], 120, 136); // JPEG is lossy: near, not equal
        File.WriteAllBytes(Path.Combine(cat, "3.jpg"), jpeg[..(jpeg.Length / 3)]);
        File.WriteAllBytes(Path.Combine(cat, "2.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 0, 0]);
        var e = Assert.Throws<InvalidInputException>(() => ImageFolderReader.Read(P(""), "train", new SkiaImageDecoder()));
        Assert.Contains(Path.Combine("train", "cat", "2.jpg") + ": does not decode", e.Message);
    }

    [Fact]
    public void GivenCifarBinaryBatches_WhenEvaluated_ThenTheProtocolRunsAndIsNotLabelledDegraded()
    {
        string batches = P("cifar-10-batches-bin");
        Directory.CreateDirectory(batches);
        var rng = new SeededRandom(5);
        ImageSet Make(int count)
        {
            // Class 3 images are dark, the others bright: an easy one-class problem.
            var classes = Enumerable.Range(0, count).Select(i => i % 10).ToArray();
            var pixels = new byte[count * 3072];
            for (int i = 0; i < count; i++)
                for (int k = 0; k < 3072; k++) pixels[i * 3072 + k] = (byte)((classes[i] == 3 ? 40 : 170) + rng.NextInt(60));
            return new ImageSet(pixels, Cifar10BinaryReader.Shape, classes, Cifar10BinaryReader.ClassNames);
        }
        for (int b = 1; b <= 5; b++) Cifar10BinaryReader.Write(Path.Combine(batches, $"data_batch_{b}.bin"), Make(40), false);
        Cifar10BinaryReader.Write(Path.Combine(batches, "test_batch.bin"), Make(200), false);
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(["evaluate", "--protocol", "cifar10-3", "--detector", "iforest", "--seeds", "0", "--data", batches, "--out", P("out")], o, e);
        Assert.True(code == 0, e.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllText(P("out/results.json")));
        var r = doc.RootElement[0];
        Assert.Equal(20, r.GetProperty("n_train").GetInt32());
        Assert.Equal("none", r.GetProperty("scaler").GetString()); // pixels are already (x - 127.5) / 128
        Assert.DoesNotContain(r.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("JPEG"));
        Assert.True(r.GetProperty("auc").GetDouble() > 0.99);
        // A model trained on the protocol scores a batch file directly.
        code = CliApp.Run(["train", "--protocol", "cifar10-3", "--detector", "iforest", "--seed", "0", "--data", batches, "--model", P("m.minlgan")], o, e);
        Assert.True(code == 0, e.ToString());
        code = CliApp.Run(["score", "--model", P("m.minlgan"), "--input", Path.Combine(batches, "test_batch.bin"), "--output", P("s.csv")], o, e);
        Assert.True(code == 0, e.ToString());
        var lines = File.ReadAllLines(P("s.csv"));
        Assert.Equal("class,score,predicted", lines[0]);
        Assert.Equal(201, lines.Length);
    }
    /// <summary>PNGs of size×size: "good" images dark with noise, the others bright; an easy one-class problem.</summary>
    private void WritePngs(string folder, int count, int size, bool dark, int seed)
    {
        Directory.CreateDirectory(folder);
        var rng = new SeededRandom(seed);
        for (int i = 0; i < count; i++)
        {
            var png = Encode(SKEncodedImageFormat.Png, size, size, (x, y) =>
            {
                byte v = (byte)((dark ? 30 : 180) + rng.NextInt(50));
                return new SKColor(v, (byte)(v / 2), (byte)(255 - v));
            });
            File.WriteAllBytes(Path.Combine(folder, $"{i:D3}.png"), png);
        }
    }

    /// <summary>ROOT/train/good, ROOT/test/good (dark) and ROOT/test/DEFECT (bright) PNGs of 8x8; returns ROOT.</summary>
    private string WriteSplitFolder(string name, int train, int testEach, string defect)
    {
        string root = P(name);
        WritePngs(Path.Combine(root, "train", "good"), train, 8, dark: true, seed: 1);
        WritePngs(Path.Combine(root, "test", "good"), testEach, 8, dark: true, seed: 2);
        WritePngs(Path.Combine(root, "test", defect), testEach, 8, dark: false, seed: 3);
        return root;
    }

    [Fact]
    public void GivenAnImageFolder_WhenEvaluatedTrainedAndScored_ThenTheAucIsHighAndAFolderScoresWithItsLabels()
    {
        string root = WriteSplitFolder("parts", 40, 20, "defect");
        var r = Run("evaluate", "--protocol", "images", "--input", root, "--normal-label", "good", "--detector", "iforest", "--seeds", "0", "--out", P("out"));
        Assert.True(r.Code == 0, r.Err);
        using (var doc = JsonDocument.Parse(File.ReadAllText(P("out/results.json"))))
        {
            var res = doc.RootElement[0];
            Assert.Equal("images", res.GetProperty("protocol").GetString());
            Assert.Equal(40, res.GetProperty("n_train").GetInt32());
            Assert.Equal("none", res.GetProperty("scaler").GetString());
            Assert.True(res.GetProperty("auc").GetDouble() > 0.99);
            Assert.Contains(res.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("normal: good"));
        }
        // Image protocols also get sheets of the test images ranked highest and lowest.
        foreach (var sheet in new[] { "most-anomalous-0.png", "most-normal-0.png" })
        {
            using var bitmap = SKBitmap.Decode(P(Path.Combine("out", sheet)));
            Assert.True(bitmap is { Width: > 0, Height: > 0 }, sheet);
        }

        // Trained on the folder, the model scores a folder of class folders (labels kept) or of loose 16x16 files
        // with --resize 8x8.
        r = Run("train", "--protocol", "images", "--input", root, "--normal-label", "good", "--detector", "iforest", "--seed", "0", "--model", P("m.minlgan"));
        Assert.True(r.Code == 0, r.Err);
        r = Run("score", "--model", P("m.minlgan"), "--input", Path.Combine(root, "test"), "--output", P("s.csv"));
        Assert.True(r.Code == 0, r.Err);
        var lines = File.ReadAllLines(P("s.csv"));
        Assert.Equal("class,score,predicted", lines[0]);
        Assert.Equal(41, lines.Length);
        Assert.All(lines.Skip(1).Where(l => l.StartsWith("defect,")), l => Assert.EndsWith(",1", l));
        // In batches of 3 images (14 batches across the two class folders): the same file, and the folder's note once.
        r = Run("score", "--model", P("m.minlgan"), "--input", Path.Combine(root, "test"), "--output", P("s3.csv"), "--batch-rows", "3");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal(File.ReadAllBytes(P("s.csv")), File.ReadAllBytes(P("s3.csv")));
        Assert.Single(r.Err.Split('\n'), l => l.Contains("40 images in classes defect, good"));

        WritePngs(P("new"), 5, 16, dark: false, seed: 4);
        r = Run("score", "--model", P("m.minlgan"), "--input", P("new"), "--output", P("n.csv"));
        Assert.Equal(2, r.Code);
        Assert.Equal($"error: {P("new")}: images are 16x16, the model expects 8x8; resize them to 8x8", r.Err.Trim());
        Assert.False(File.Exists(P("n.csv")));
        r = Run("score", "--model", P("m.minlgan"), "--input", P("new"), "--output", P("n.csv"), "--resize", "8x8");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal("score,predicted", File.ReadAllLines(P("n.csv"))[0]);
        Assert.Equal(6, File.ReadAllLines(P("n.csv")).Length);
    }

    [Theory]
    [InlineData("--protocol images needs --normal-label CLASS", "evaluate", "--protocol", "images", "--input", "ROOT")]
    [InlineData("--label-column is not used with --protocol images", "evaluate", "--protocol", "images", "--input", "ROOT", "--normal-label", "good", "--label-column", "y")]
    [InlineData("--resize 32: expected WIDTHxHEIGHT in pixels", "evaluate", "--protocol", "images", "--input", "ROOT", "--normal-label", "good", "--resize", "32")]
    [InlineData("--resize is only used with --protocol images", "evaluate", "--protocol", "moons", "--resize", "8x8")]
    [InlineData("normal class dent is not a class folder there; class folders: good", "evaluate", "--protocol", "images", "--input", "ROOT", "--normal-label", "dent")]
    [InlineData("ROOT/missing: folder not found", "evaluate", "--protocol", "images", "--input", "ROOT/missing", "--normal-label", "good")]
    public void GivenABadImageFolderOption_WhenRun_ThenOneLineAndExit2(string message, params string[] args)
    {
        string root = P("r");
        WritePngs(Path.Combine(root, "train", "good"), 3, 8, dark: true, seed: 1);
        WritePngs(Path.Combine(root, "test", "good"), 3, 8, dark: true, seed: 2);
        var r = Run([.. args.Select(a => a.Replace("ROOT", root)), "--out", P("o")]);
        Assert.Equal(2, r.Code);
        AssertOneLineError(r.Err, message.Replace("ROOT", root));
    }
    [Fact]
    public void GivenAnImageFolderOf16PixelImages_WhenMinLganRunsOnTheTinyBudget_ThenTheConvolutionalNetworksTakeThatSize()
    {
        // CIFAR-10 is 32x32; dcgan-small halves three times, so any size divisible by 8 must work.
        string root = P("small");
        WritePngs(Path.Combine(root, "good"), 48, 16, dark: true, seed: 1);
        WritePngs(Path.Combine(root, "defect"), 12, 16, dark: false, seed: 2);
        var r = Run("evaluate", "--protocol", "images", "--input", root, "--normal-label", "good", "--detector", "minlgan", "--budget", "tiny", "--seeds", "0", "--out", P("out"));
        Assert.True(r.Code == 0, r.Err);
        using var doc = JsonDocument.Parse(File.ReadAllText(P("out/results.json")));
        var res = doc.RootElement[0];
        Assert.Equal("dcgan-small", res.GetProperty("options").GetProperty("arch").GetString());
        Assert.Equal("tiny", res.GetProperty("budget").GetString());
        Assert.Equal(38, res.GetProperty("n_train").GetInt32()); // round(0.8 · 48)
        Assert.Equal(res.GetProperty("n_test").GetInt32() + 1, File.ReadAllLines(P("out/scores-0.csv")).Length);

        // The generator sheet: 64 samples G(z) of 16x16, enlarged 4x (cells 64 + 2·2 frame + 2 gap), 16 per row.
        using (var sheet = SKBitmap.Decode(P("out/generator-0.png")))
            Assert.Equal((2 + 16 * 70, 2 + 4 * 70), (sheet.Width, sheet.Height));
        // Drawing G's samples comes after training: the scores are the same without plots.
        r = Run("evaluate", "--protocol", "images", "--input", root, "--normal-label", "good", "--detector", "minlgan", "--budget", "tiny", "--seeds", "0", "--out", P("bare"), "--no-plots");
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal(File.ReadAllText(P("out/scores-0.csv")), File.ReadAllText(P("bare/scores-0.csv")));
        Assert.False(File.Exists(P("bare/generator-0.png")));
    }
    [Fact]
    public void GivenTheReadmeLibraryExample_WhenRunOnAFolder_ThenMinLganFitsOnTheNormalImagesAndScoresEveryTestImage()
    {
        string root = WriteSplitFolder("parts", 32, 10, "dent");
        // docs/library.md, MinLGAN on an image folder, with a smaller budget.
        var data = DataLocator.Resolve(null).WithReaders(new SkiaImageDecoder(), log: null);
        var images = Protocols.Get("images").Load(data, new InputArguments(root, null, ["good"]));
        var split = images.Split(0, new SplitOptions());
        var options = new GanOptions { Architecture = "dcgan-small", Epochs = 2, BatchSize = 16, Latent = 8 };
        var minlgan = new MinLGanDetector(options, seed: 0);
        minlgan.UseHoldout(split.Holdout);
        minlgan.Fit(split.Train);
        var scores = minlgan.Score(split.Test);
        Assert.Equal([0, 1], split.Test.Labels!.Distinct().Order()); // both classes: the README's AUC line is defined
        _ = Auc.Compute(split.Test.Labels!, scores);
        Assert.Equal(32, split.Train.Rows);
        Assert.Equal(20, split.Holdout.Rows + split.Test.Rows);
        Assert.Equal(split.Test.Rows, scores.Length);
        Assert.All(scores, s => Assert.True(double.IsFinite(s)));
        Assert.StartsWith("holdout-auc", minlgan.Selection); // the test pool gave the holdout both classes
    }

    /// <summary>Runs <paramref name="body"/> with the feature cache in this test's folder (MINLGAN_CACHE), then restores it.</summary>
    private void WithOwnCache(Action body)
    {
        string? before = Environment.GetEnvironmentVariable("MINLGAN_CACHE");
        Environment.SetEnvironmentVariable("MINLGAN_CACHE", P("cache"));
        try
        {
            body();
        }
        finally
        {
            Environment.SetEnvironmentVariable("MINLGAN_CACHE", before);
        }
    }

    [Fact]
    public void GivenAnImageFolder_WhenEvaluatedWithResnet18Features_ThenTheRowsAreEmbeddingsAndTheSecondRunReadsTheCache()
    {
        string root = WriteSplitFolder("feat", 20, 10, "defect");
        WithOwnCache(() =>
        {
            var r = Run("evaluate", "--protocol", "images", "--input", root, "--normal-label", "good", "--detector", "knn", "--features", "resnet18", "--seeds", "0", "--out", P("out"));
            Assert.True(r.Code == 0, r.Err);
            Assert.Equal(2, r.Err.Split("resnet18 extracted for 20 images").Length - 1); // train and test folders: 20 images each
            using (var doc = JsonDocument.Parse(File.ReadAllText(P("out/results.json"))))
            {
                var res = doc.RootElement[0];
                Assert.Equal("l2", res.GetProperty("scaler").GetString()); // embeddings default to unit length
                Assert.Contains(res.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("weights_sha256="));
                Assert.True(res.GetProperty("auc").GetDouble() > 0.9, res.GetProperty("auc").ToString()); // dark vs bright
            }
            Assert.False(File.Exists(P("out/most-anomalous-0.png"))); // image sheets need pixels; the rows are features
            Assert.Equal(2, Directory.GetFiles(P(Path.Combine("cache", "features")), "*.f32").Length);

            var again = Run("evaluate", "--protocol", "images", "--input", root, "--normal-label", "good", "--detector", "knn", "--features", "resnet18", "--seeds", "0", "--out", P("out2"));
            Assert.True(again.Code == 0, again.Err);
            Assert.DoesNotContain("extracted", again.Err);
            Assert.Contains("read from the cache", again.Err);
            Assert.Equal(File.ReadAllText(P("out/scores-0.csv")), File.ReadAllText(P("out2/scores-0.csv")));
        });
    }

    [Fact]
    public void GivenAModelTrainedOnResnet18Features_WhenANewFolderIsScored_ThenTheSameExtractorIsAppliedAndOtherWeightsAreRefused()
    {
        string root = WriteSplitFolder("feat-train", 20, 4, "defect");
        WritePngs(P(Path.Combine("new", "good")), 3, 12, dark: true, seed: 8);   // another size: the extractor resizes
        WritePngs(P(Path.Combine("new", "defect")), 3, 12, dark: false, seed: 9);
        WithOwnCache(() =>
        {
            var t = Run("train", "--protocol", "images", "--input", root, "--normal-label", "good", "--detector", "knn", "--features", "resnet18", "--seed", "0", "--model", P("m.minlgan"));
            Assert.True(t.Code == 0, t.Err);
            Assert.Equal(ResNet18Extractor.DefaultResolution.ToString(System.Globalization.CultureInfo.InvariantCulture), ManifestFeatures(P("m.minlgan"))["resolution"]);
            var s = Run("score", "--model", P("m.minlgan"), "--input", P("new"), "--output", P("s.csv"));
            Assert.True(s.Code == 0, s.Err);
            Assert.Contains($"features: resnet18 at {ResNet18Extractor.DefaultResolution}x{ResNet18Extractor.DefaultResolution} extracted", s.Err);
            var lines = File.ReadAllLines(P("s.csv"));
            Assert.Equal("class,score,predicted", lines[0]);
            Assert.Equal(7, lines.Length);
            var byClass = lines.Skip(1).Select(l => l.Split(',')).GroupBy(f => f[0]).ToDictionary(g => g.Key, g => g.Select(f => double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            Assert.True(byClass["defect"].Min() > byClass["good"].Max(), string.Join("\n", lines));

            // The same model file with another weights hash in its manifest: scoring refuses, in one line.
            string sha = ManifestFeatures(P("m.minlgan"))["weights_sha256"];
            EditManifest(P("m.minlgan"), text => text.Replace(sha, new string('0', 64)));
            var refused = Run("score", "--model", P("m.minlgan"), "--input", P("new"), "--output", P("s2.csv"));
            Assert.Equal(2, refused.Code);
            AssertOneLineError(refused.Err, "trained on resnet18 features from weights with sha256 " + new string('0', 64));
            Assert.False(File.Exists(P("s2.csv")));
        });
    }

    [Fact]
    public void GivenFeatures_WhenAGanEnsembleIsEvaluated_ThenTheFeatureRecipeIsNotedAndRecorded_AndABudgetIsRefused()
    {
        string root = WriteSplitFolder("fgan", 20, 10, "defect");
        WithOwnCache(() =>
        {
            var r = Run("evaluate", "--protocol", "images", "--input", root, "--normal-label", "good", "--detector", "eminlgan2", "--features", "resnet18",
                "--param", "members=2", "--param", "min_steps=20", "--seeds", "0", "--out", P("out"), "--no-plots");
            Assert.True(r.Code == 0, r.Err);
            string note = $"note: --features resnet18: eminlgan2 defaults background_kind=gaussian threads=2 min_steps={Budgets.FeatureMinSteps} member_training=batched a=auto";
            Assert.Equal(2, r.Err.Split(note).Length); // once
            using var doc = JsonDocument.Parse(File.ReadAllText(P("out/results.json")));
            var res = doc.RootElement[0];
            var options = res.GetProperty("options");
            Assert.Equal("batched", options.GetProperty("member_training").GetString());
            Assert.Equal("gaussian", options.GetProperty("background_kind").GetString());
            Assert.Equal("20", options.GetProperty("min_steps").GetString()); // the user's --param wins
            Assert.Equal("l2", res.GetProperty("scaler").GetString());
            var budget = Run("evaluate", "--protocol", "images", "--input", root, "--normal-label", "good", "--detector", "eminlgan2", "--features", "resnet18",
                "--budget", "tiny", "--seeds", "0", "--out", P("out2"));
            Assert.Equal(2, budget.Code);
            AssertOneLineError(budget.Err, "--budget tiny sets the convolutional networks for pixels; with --features resnet18");
        });
    }

    [Fact]
    public void GivenFeatureResolution64_WhenTrainedAndScored_ThenTheModelRecordsItAndScoringUsesIt()
    {
        string root = WriteSplitFolder("fres", 20, 10, "defect");
        WritePngs(P(Path.Combine("new64", "good")), 2, 12, dark: true, seed: 3);
        WritePngs(P(Path.Combine("new64", "defect")), 2, 12, dark: false, seed: 4);
        WithOwnCache(() =>
        {
            var t = Run("train", "--protocol", "images", "--input", root, "--normal-label", "good", "--detector", "knn", "--features", "resnet18",
                "--feature-resolution", "64", "--seed", "0", "--model", P("m64.minlgan"));
            Assert.True(t.Code == 0, t.Err);
            var f = ManifestFeatures(P("m64.minlgan"));
            Assert.Equal("64", f["resolution"]);
            Assert.Contains("global average pool", f["graph"]);
            var s = Run("score", "--model", P("m64.minlgan"), "--input", P("new64"), "--output", P("s64.csv"));
            Assert.True(s.Code == 0, s.Err);
            Assert.Contains("features: resnet18 at 64x64 extracted for each batch of images", s.Err);
            var lines = File.ReadAllLines(P("s64.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
            double Score(string[] f) => double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(lines.Where(f => f[0] == "defect").Min(Score) > lines.Where(f => f[0] == "good").Max(Score), string.Join("\n", lines.Select(l => string.Join(",", l))));
        });
    }

    [Fact]
    public void GivenAModelFromBeforeFeatureResolution_WhenScored_ThenItsFeaturesAreMadeAt224()
    {
        // Model files written before --feature-resolution have no "resolution" fact; they were all made at 224, the
        // default then. The default is now 128, so such a file must still be scored at 224.
        string root = WriteSplitFolder("fold", 20, 4, "defect");
        WithOwnCache(() =>
        {
            var t = Run("train", "--protocol", "images", "--input", root, "--normal-label", "good", "--detector", "knn", "--features", "resnet18",
                "--feature-resolution", "224", "--seed", "0", "--model", P("old.minlgan"));
            Assert.True(t.Code == 0, t.Err);
            var before = Run("score", "--model", P("old.minlgan"), "--input", Path.Combine(root, "test"), "--output", P("before.csv"));
            Assert.True(before.Code == 0, before.Err);
            EditManifest(P("old.minlgan"), text =>
            {
                var manifest = System.Text.Json.Nodes.JsonNode.Parse(text)!;
                Assert.True(manifest["features"]!.AsObject().Remove("resolution"));
                return manifest.ToJsonString();
            });
            Assert.False(ManifestFeatures(P("old.minlgan")).ContainsKey("resolution"));
            var after = Run("score", "--model", P("old.minlgan"), "--input", Path.Combine(root, "test"), "--output", P("after.csv"));
            Assert.True(after.Code == 0, after.Err);
            Assert.Contains("features: resnet18 at 224x224 extracted", after.Err);
            Assert.Equal(File.ReadAllText(P("before.csv")), File.ReadAllText(P("after.csv")));
        });
    }

    [Fact]
    public void GivenFeaturesOnATabularProtocolOrAnUnknownExtractor_WhenEvaluated_ThenAOneLineErrorSaysWhatIsExpected()
    {
        var tabular = Run("evaluate", "--protocol", "moons", "--detector", "knn", "--features", "resnet18", "--out", P("o1"));
        Assert.Equal(2, tabular.Code);
        AssertOneLineError(tabular.Err, "--features resnet18 is for image protocols");
        var unknown = Run("evaluate", "--protocol", "images", "--input", P("x"), "--normal-label", "good", "--detector", "knn", "--features", "vgg16", "--out", P("o2"));
        Assert.Equal(2, unknown.Code);
        AssertOneLineError(unknown.Err, "--features vgg16: expected one of raw, resnet18");
    }
}
