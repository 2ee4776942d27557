using System.Text.Json;
using MinLGan.Data;
using MinLGan.Imaging;
using SkiaSharp;

namespace MinLGan.Cli.Tests;

public sealed class ImageCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("minlgan-img").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private string P(string name) => Path.Combine(_dir, name);

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
        Skip.If(loc.Root is null || Cifar10Source.FindJpegArchive(loc) is null, "no CIFAR-10 JPEG copy: set MINLGAN_DATA (see README, Data)");
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
        string cat = Path.Combine(_dir, "train", "cat");
        Directory.CreateDirectory(cat);
        var jpeg = Encode(SKEncodedImageFormat.Jpeg, 8, 8, (x, y) => new SKColor(128, 128, 128));
        for (int i = 0; i < 5; i++) File.WriteAllBytes(Path.Combine(cat, $"{i}.jpg"), jpeg);
        var ok = ImageFolderReader.Read(_dir, "train", new SkiaImageDecoder());
        Assert.Equal(5, ok.Count);
        Assert.InRange(ok.Image(0)[0], 120, 136); // JPEG is lossy: near, not equal
        File.WriteAllBytes(Path.Combine(cat, "3.jpg"), jpeg[..(jpeg.Length / 3)]);
        File.WriteAllBytes(Path.Combine(cat, "2.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 0, 0]);
        var e = Assert.Throws<InvalidInputException>(() => ImageFolderReader.Read(_dir, "train", new SkiaImageDecoder()));
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
}
