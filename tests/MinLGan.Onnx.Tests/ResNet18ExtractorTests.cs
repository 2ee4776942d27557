using System.Text.Json;
using MinLGan.Data;
using MinLGan.Features;

namespace MinLGan.Onnx.Tests;

/// <summary>
/// The extractor against a reference evaluation of the same two ONNX graphs made without ONNX Runtime (PyTorch, float64,
/// node by node: Fixtures/make_resnet18_fixture.py).
/// </summary>
public sealed class ResNet18ExtractorTests : IClassFixture<ResNet18ExtractorTests.Shared>
{
    public sealed class Shared : IDisposable
    {
        public ResNet18Extractor Extractor { get; } = new(new ResNet18Options { Threads = 2, Resolution = ResNet18Extractor.NativeResolution });
        public JsonElement Fixture { get; } = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "resnet18_fixture.json"))).RootElement;
        public void Dispose() => Extractor.Dispose();
    }

    private readonly Shared _s;

    public ResNet18ExtractorTests(Shared s) => _s = s;

    /// <summary>The fixture script's image: value(c, y, x) = (37c + 11y + 5x + (xy mod 7)·13) mod 256.</summary>
    public static byte[] Pattern(int size)
    {
        var b = new byte[3 * size * size];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                    b[(c * size + y) * size + x] = (byte)((37 * c + 11 * y + 5 * x + (x * y) % 7 * 13) % 256);
        return b;
    }

    private double[] Expected(string name) => _s.Fixture.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(expected[i] - actual[i]);
            if (d > worst) (worst, at) = (d, i);
        }
        Assert.True(worst <= tolerance, $"largest difference {worst:G3} at feature {at} (expected {expected[Math.Max(at, 0)]}, got {actual[Math.Max(at, 0)]})");
    }

    [Fact]
    public void GivenTheShippedGraphs_WhenLoaded_ThenTheirHashesAreTheFixtures()
    {
        Assert.Equal(_s.Fixture.GetProperty("resnet18_sha256").GetString(), _s.Extractor.WeightsSha256);
        Assert.Equal(_s.Fixture.GetProperty("preprocess_sha256").GetString(), _s.Extractor.PreprocessSha256);
        Assert.Contains(_s.Extractor.WeightsSha256, _s.Extractor.Identity);
    }

    [Fact]
    public void GivenA224Image_WhenEmbedded_ThenTheFeaturesEqualTheReferenceEvaluationTo1e4()
    {
        var planes = Pattern(224).Select(v => (float)v).ToArray();
        AssertClose(Expected("direct"), _s.Extractor.EmbedPlanes(planes), 1e-4);
    }

    [Fact]
    public void GivenA32x32Image_WhenExtracted_ThenItIsResizedBilinearlyAndEqualsTheReferenceTo1e4()
    {
        var shape = new ImageShape(3, 32, 32);
        var planes = new float[3 * 224 * 224];
        ImageResize.ToRgbPlanes(Pattern(32), shape, 224, 224, planes);
        var corner = new float[3 * 16];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 4; y++)
                for (int x = 0; x < 4; x++)
                    corner[c * 16 + y * 4 + x] = planes[(c * 224 + y) * 224 + x];
        AssertClose(Expected("cifar_resized_224"), corner, 1e-3);

        var set = new ImageSet([.. Pattern(32), .. Pattern(32)], shape, [0, 0], ["a"]);
        var features = _s.Extractor.Extract(set, null, CancellationToken.None);
        Assert.Equal(2 * 512, features.Length);
        AssertClose(Expected("cifar"), features.AsSpan(0, 512), 1e-4);
        AssertClose(Expected("cifar"), features.AsSpan(512, 512), 1e-4);
    }

    [Fact]
    public void GivenTheRewrittenGraphAndThisCodesPreprocessingAt224_WhenEmbedded_ThenTheyEqualTheShippedGraphs()
    {
        using var rewritten = new ResNet18Extractor(new ResNet18Options { Threads = 1, Resolution = ResNet18Extractor.NativeResolution, RewriteAtNative = true });
        var planes = Pattern(224).Select(v => (float)v).ToArray();
        var shipped = _s.Extractor.EmbedPlanes(planes);
        AssertClose(shipped.Select(v => (double)v).ToArray(), rewritten.EmbedPlanes(planes), 1e-5);
        Assert.Equal(_s.Extractor.Identity, rewritten.Identity);
    }

    [Fact]
    public void GivenResolution128_WhenA32x32ImageIsExtracted_ThenItEqualsTheReferenceEvaluationAt128To1e4_AndTheCacheKeyDiffers()
    {
        using var at128 = new ResNet18Extractor(new ResNet18Options { Threads = 1, Resolution = 128 });
        var set = new ImageSet(Pattern(32), new ImageShape(3, 32, 32), [0], ["a"]);
        var features = at128.Extract(set, null, CancellationToken.None);
        AssertClose(Expected("cifar_128"), features, 1e-4);
        Assert.NotEqual(_s.Extractor.Identity, at128.Identity);
        Assert.Contains("input=128x128", at128.Identity);
        Assert.Equal("128", at128.Facts["resolution"]);
        Assert.NotEqual(FeatureCache.Key(_s.Extractor, set), FeatureCache.Key(at128, set));
    }

    [Theory]
    [InlineData(112)]
    [InlineData(32)]
    [InlineData(256)]
    public void GivenAResolutionNotOffered_WhenLoaded_ThenTheMessageListsTheOffered(int resolution)
    {
        var e = Assert.Throws<InvalidInputException>(() => new ResNet18Extractor(new ResNet18Options { Resolution = resolution }));
        Assert.Contains($"resolution {resolution}: expected one of 64, 96, 128, 160, 192, 224", e.Message);
    }

    [Fact]
    public void GivenOneThreadOrTwo_WhenExtracted_ThenTheFeaturesAreIdentical()
    {
        var shape = new ImageShape(3, 8, 8);
        var rng = new Random(7);
        var pixels = new byte[5 * shape.Size];
        rng.NextBytes(pixels);
        var set = new ImageSet(pixels, shape, [0, 1, 0, 1, 0], ["a", "b"]);
        using var one = new ResNet18Extractor(new ResNet18Options { Threads = 1, Resolution = ResNet18Extractor.NativeResolution });
        var a = one.Extract(set, null, CancellationToken.None);
        var b = _s.Extractor.Extract(set, null, CancellationToken.None);
        Assert.Equal(a, b);
        Assert.NotEqual(a.AsSpan(0, 512).ToArray(), a.AsSpan(512, 512).ToArray());
    }

    [Fact]
    public void GivenAGreyImage_WhenExtracted_ThenItEqualsTheSameImageInThreeEqualPlanes()
    {
        var grey = Pattern(16).AsSpan(0, 256).ToArray();
        var rgb = new byte[3 * 256];
        for (int c = 0; c < 3; c++) grey.CopyTo(rgb, c * 256);
        var g = _s.Extractor.Extract(new ImageSet(grey, new ImageShape(1, 16, 16), [0], ["a"]), null, CancellationToken.None);
        var c3 = _s.Extractor.Extract(new ImageSet(rgb, new ImageShape(3, 16, 16), [0], ["a"]), null, CancellationToken.None);
        Assert.Equal(c3, g);
    }

    [Fact]
    public void GivenAFolderWithoutTheGraphs_WhenLoaded_ThenTheMessageNamesTheMissingFile()
    {
        string dir = Path.Combine(Path.GetTempPath(), "minlgan-no-graphs-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<InvalidInputException>(() => new ResNet18Extractor(new ResNet18Options { ModelDirectory = dir }));
        Assert.Contains(Path.Combine(dir, "ResNet18Onnx", "ResNet18.onnx"), e.Message);
        Assert.Contains("not found", e.Message);
    }
}
