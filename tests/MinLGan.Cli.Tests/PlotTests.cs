using MinLGan.Data;
using MinLGan.Imaging;
using MinLGan.Preprocessing;
using SkiaSharp;

namespace MinLGan.Cli.Tests;

public sealed class PlotTests : CliTestBase
{
    private static (int Width, int Height) PngSize(string path)
    {
        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        return (bitmap.Width, bitmap.Height);
    }

    [Fact]
    public void GivenEvaluate_WhenItFinishes_ThenEachSeedHasARocAndAScorePlotThatForceProtectsAndNoPlotsSkips()
    {
        var r = Run("evaluate", "--protocol", "moons", "--seeds", "0,1", "--out", P("o"));
        Assert.True(r.Code == 0, r.Err);
        foreach (var name in new[] { "roc-0.png", "scores-0.png", "roc-1.png", "scores-1.png" })
            Assert.Equal((640, 480), PngSize(P(Path.Combine("o", name))));
        Assert.False(File.Exists(P("o/most-anomalous-0.png"))); // tabular rows: no image sheets
        Assert.Contains("plots roc-SEED.png, scores-SEED.png", r.Out);

        File.Delete(P("o/results.json"));
        File.Delete(P("o/scores-0.csv"));
        File.Delete(P("o/scores-1.csv"));
        r = Run("evaluate", "--protocol", "moons", "--seeds", "0,1", "--out", P("o"));
        Assert.Equal(2, r.Code);
        Assert.Contains("roc-0.png: already exists; pass --force", r.Err);

        r = Run("evaluate", "--protocol", "moons", "--seeds", "0", "--out", P("n"), "--no-plots");
        Assert.True(r.Code == 0, r.Err);
        Assert.Empty(Directory.GetFiles(P("n"), "*.png"));
    }

    [Fact]
    public void GivenImagesAndFlags_WhenASheetIsDrawn_ThenPixelsAreEnlargedInPlaceAndFramesSayTheLabel()
    {
        var shape = new ImageShape(3, 2, 3);
        byte[] Image(byte r) => [r, r, r, r, r, 99, /* G */ 1, 2, 3, 4, 5, 6, /* B */ 50, 50, 50, 50, 50, 50];
        var png = ImageGrid.Png(shape, [Image(10), Image(20), Image(30)], [1, 0, null], columns: 2, scale: 2);
        using var bitmap = SKBitmap.Decode(png);
        // Cells are 3·2 + 2·2 frame + 2 gap = 12 wide and 2·2 + 4 + 2 = 10 high, after a 2-pixel margin.
        Assert.Equal((2 + 2 * 12, 2 + 2 * 10), (bitmap.Width, bitmap.Height));
        Assert.Equal(new SKColor(220, 30, 30), bitmap.GetPixel(2, 2));           // anomaly: red frame
        Assert.Equal(new SKColor(30, 160, 30), bitmap.GetPixel(2 + 12, 2));      // normal: green frame
        Assert.Equal(SKColors.Gray, bitmap.GetPixel(2, 2 + 10));                 // unknown: grey frame
        // Image 0, pixel (x 2, y 1) = (R 99, G 6, B 50), enlarged 2x: screen (4 + 2·2 .. +1, 4 + 2·1 .. +1).
        Assert.Equal(new SKColor(99, 6, 50), bitmap.GetPixel(4 + 4, 4 + 2));
        Assert.Equal(new SKColor(99, 6, 50), bitmap.GetPixel(4 + 5, 4 + 3));
        Assert.Equal(new SKColor(20, 1, 50), bitmap.GetPixel(14 + 2, 4));       // image 1, pixel (0, 0)
    }

    [Fact]
    public void GivenScaledImageRows_WhenTheExtremesAreTaken_ThenTheyAreRankedAndThePixelsRestored()
    {
        var shape = new ImageShape(3, 1, 1);
        // Three 1x1 images with pixels 0, 128 and 255, stored as (x - 127.5)/128 and then z-scored.
        byte[][] pixels = [[0, 0, 0], [128, 128, 128], [255, 255, 255]];
        var values = pixels.SelectMany(p => p.Select(b => (b - 127.5f) / 128f)).ToArray();
        var rows = new Dataset(values, 3, ImageSet.FeatureNames(shape), [1, 0, 1], shape);
        var scaler = FeatureScaler.Fit(rows);
        var (images, flags) = ReportPlots.Extremes(scaler.Transform(rows), [0.5, double.NaN, -2.0], scaler, top: true, count: 2);
        Assert.Equal([[128, 128, 128], [0, 0, 0]], images);    // NaN ranks as the most anomalous, then 0.5
        Assert.Equal([0, 1], flags);
        (images, _) = ReportPlots.Extremes(rows, [0.5, double.NaN, -2.0], null, top: false, count: 5);
        Assert.Equal([[255, 255, 255], [0, 0, 0], [128, 128, 128]], images);

        // An l2 scaler cannot be undone: each row is stretched to its largest magnitude, so a dark row stays dark and a
        // dim pattern shows at full contrast. Pixels 64, 128, 255: (x - 127.5)/128 = -0.496, 0.004, 0.996.
        var pattern = new Dataset([(64 - 127.5f) / 128f, (128 - 127.5f) / 128f, (255 - 127.5f) / 128f, .. values[..3]], 2, ImageSet.FeatureNames(shape), [0, 1], shape);
        var l2 = FeatureScaler.Fit(pattern, ScalerKind.L2);
        (images, _) = ReportPlots.Extremes(l2.Transform(pattern), [1.0, 0.0], l2, top: true, count: 2);
        Assert.Equal([[64, 128, 255], [0, 0, 0]], images);
    }
}
