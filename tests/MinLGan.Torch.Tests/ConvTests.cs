using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Evaluation;
using MinLGan.Metrics;
using MinLGan.Persistence;
using MinLGan.Torch.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace MinLGan.Torch.Tests;

internal static class SmallImages
{
    public static readonly ImageShape Shape = new(3, 16, 16);

    /// <summary>
    /// Normal images: smooth diagonal gradients with noise. Anomalies: a high-contrast checkerboard. 3 × side × side
    /// (<see cref="Shape"/> by default; improved-gan needs 32).
    /// </summary>
    public static Dataset Make(int normal, int anomalies, int seed, int side = 16)
    {
        var rng = new SeededRandom(seed);
        var shape = new ImageShape(3, side, side);
        int size = shape.Size;
        var v = new float[(normal + anomalies) * size];
        for (int i = 0; i < normal + anomalies; i++)
        {
            double phase = rng.NextDouble();
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < side; y++)
                    for (int x = 0; x < side; x++)
                    {
                        double value = i < normal
                            ? (x + y) / (2.0 * (side - 1)) - 0.5 + 0.3 * phase + 0.05 * rng.NextGaussian()
                            : ((x + y) % 2 == 0 ? 0.8 : -0.8);
                        v[i * size + (c * side + y) * side + x] = (float)value;
                    }
        }
        var labels = Enumerable.Repeat(0, normal).Concat(Enumerable.Repeat(1, anomalies)).ToArray();
        return new Dataset(v, normal + anomalies, ImageSet.FeatureNames(shape), labels, shape);
    }

    public static GanOptions Options(int epochs = 3) => new()
    {
        Architecture = "dcgan-small", Epochs = epochs, BatchSize = 32, LearningRate = 1e-3, Latent = 8, A = 0.01, Members = 2,
        Threads = 2, Selection = SelectionMode.Last,
    };
}

public class ConvTests
{
    [Fact]
    public void GivenDcganSmall_WhenRunForward_ThenEveryNetworkHasTheDocumentedShapes()
    {
        using var scope = NewDisposeScope();
        var shape = new ImageShape(3, 32, 32);
        var o = SmallImages.Options() with { Latent = 100 };
        lock (MinLGan.Torch.Training.TorchRandomLock.Gate)
        {
            using var d = Networks.Discriminator(shape.Size, shape, o);
            using var g = Networks.Generator(shape.Size, shape, o);
            using var e = Networks.Encoder(shape.Size, shape, o);
            var x = randn(4, shape.Size);
            Assert.Equal([4L], d.forward(x).shape);
            Assert.Equal([4L, 256 * 4 * 4], d.Features(x).shape);
            var gz = g.forward(randn(4, 100));
            Assert.Equal([4L, 3072], gz.shape);
            Assert.True(gz.abs().max().item<float>() <= 1f); // tanh output, the pixels' range
            var (mu, logVar) = e.forward(x);
            Assert.Equal([4L, 100], mu.shape);
            Assert.Equal([4L, 100], logVar.shape);
        }
    }

    [Fact]
    public void GivenImprovedGan_WhenRunForward_ThenEveryNetworkHasThePapersShapes()
    {
        using var scope = NewDisposeScope();
        var shape = new ImageShape(3, 32, 32);
        var o = SmallImages.Options() with { Architecture = "improved-gan", Latent = 100 };
        lock (MinLGan.Torch.Training.TorchRandomLock.Gate)
        {
            using var d = Networks.Discriminator(shape.Size, shape, o);
            using var g = Networks.Generator(shape.Size, shape, o);
            using var e = Networks.Encoder(shape.Size, shape, o);
            var x = randn(2, shape.Size);
            Assert.Equal([2L], d.forward(x).shape);
            Assert.Equal([2L, 192], d.Features(x).shape); // the pooled 192-d layer is f(x)
            Assert.Equal([2L, 3072], g.forward(randn(2, 100)).shape);
            Assert.Equal([2L, 100], e.forward(x).Mean.shape);
            // Weight normalisation: every conv kernel's per-channel norm equals its g (g starts at ‖v‖).
            var wn = d.modules().OfType<WeightNormConv2d>().ToList();
            Assert.Equal(10, wn.Count); // 9 convolutions and NIN layers in the body, 1 linear head
            var k = wn[0].Kernel();
            var norms = k.flatten(1).norm(1);
            var gs = wn[0].named_parameters().First(p => p.name == "g").parameter;
            Assert.True((norms - gs).abs().max().item<float>() < 1e-4f);
        }
    }

    [Fact]
    public void GivenImprovedGan_WhenTrainedForAFewSteps_ThenEveryPartRunsAndScoresAreFinite()
    {
        // The paper's networks are too heavy for a ranking test on CPU; this checks the whole training path runs:
        // D, encoder and G steps with weight norm and batch norm, the learning-rate schedule, holdout scoring.
        var shape = new ImageShape(3, 32, 32);
        var rng = new SeededRandom(2);
        Dataset Make(int n, int[]? labels) =>
            new(Enumerable.Range(0, n * shape.Size).Select(_ => (float)Math.Clamp(0.5 * rng.NextGaussian(), -1, 1)).ToArray(), n,
                ImageSet.FeatureNames(shape), labels, shape);
        var o = SmallImages.Options(epochs: 2) with { Architecture = "improved-gan", BatchSize = 8, Latent = 16, Members = 1, LearningRateSchedule = "improved-gan", Selection = SelectionMode.Holdout };
        var det = new MinLGanDetector(o, 3);
        det.UseHoldout(Make(8, [0, 0, 0, 0, 1, 1, 1, 1]));
        det.Fit(Make(16, null));
        Assert.StartsWith("holdout-auc: epoch", det.Selection);
        Assert.All(det.Score(Make(4, null)), s => Assert.True(double.IsFinite(s)));
    }

    [Fact]
    public void GivenTabularRowsOrAnOddSize_WhenAConvArchitectureIsUsed_ThenAClearError()
    {
        var (train, _, _) = Small.Planted();
        var det = new MinLGanDetector(SmallImages.Options() with { Members = 1 }, 0);
        var e = Assert.Throws<InvalidInputException>(() => det.Fit(train));
        Assert.Contains("arch=dcgan-small needs image rows", e.Message);
        var odd = new Dataset(new float[2 * 3 * 12 * 12], 2, ImageSet.FeatureNames(new(3, 12, 12)), null, new ImageShape(3, 12, 12));
        e = Assert.Throws<InvalidInputException>(() => det.Fit(odd));
        Assert.Contains("divisible by 8", e.Message);
    }

    [Fact]
    public void GivenATinyRun_WhenDScoresAPlantedPattern_ThenItRanksAboveNormalImages_AndScoresDoNotDependOnTheBatch()
    {
        var train = SmallImages.Make(256, 0, 1).WithLabels(null);
        var test = SmallImages.Make(60, 20, 2);
        var det = new EMinLGan2Detector(SmallImages.Options(), 7);
        det.UseHoldout(SmallImages.Make(20, 5, 3));
        det.Fit(train);
        var scores = det.Score(test);
        Assert.True(Auc.Compute(test.Labels!, scores) > 0.9, $"AUC {Auc.Compute(test.Labels!, scores)}");
        // One row alone, or 70 rows (two padded batches), give the same bits as the 80-row call.
        Assert.Equal(scores[5], det.Score(test.Select([5]))[0]);
        Assert.Equal(scores.Take(70), det.Score(test.Select(Enumerable.Range(0, 70).ToArray())));
        // results.json lists every parameter; the model says which of them the convolutional networks ignore.
        Assert.Equal("background, background_scale, background_kind, input_bound, min_steps, checkpoints, d_average, g_bound (mlp networks only)", det.ModelSummary["not_applied"]);
        Assert.False(det.ModelSummary.ContainsKey("background_kind"));
    }

    [Fact]
    public void GivenTabularOptions_WhenAskedWhatIsNotApplied_ThenNothingWithTheBackgroundAndItsScaleAndKindWithout()
    {
        Assert.Empty(new GanOptions().NotApplied.Names);
        Assert.Equal("", new GanOptions().NotApplied.Reason);
        Assert.Equal(["background_scale", "background_kind"], GanOptions.PaperRecipe.NotApplied.Names);
        Assert.Equal("background=0", GanOptions.PaperRecipe.NotApplied.Reason);
    }

    [Fact]
    public void GivenAConvEnsemble_WhenSavedAndLoaded_ThenScoresAreBitIdentical()
    {
        var train = SmallImages.Make(128, 0, 1).WithLabels(null);
        var test = SmallImages.Make(20, 5, 2);
        var registry = TorchDetectors.AddTo(DetectorRegistry.CreateDefault());
        var info = registry.Get("eminlgan2");
        var p = DetectorParameters.Parse("eminlgan2", info.Parameters,
            ["arch=dcgan-small", "members=2", "epochs=1", "batch_size=32", "latent=8", "selection=last", "threads=2"]);
        var det = info.Create(p, 5);
        det.Fit(train);
        var loaded = ModelRoundTrip.SaveAndLoad(det, p, 5, train, registry, new InputSpec("cifar10", "class", ["cat"]));
        Assert.Equal(det.Score(test), loaded.Score(test));
    }

    [Fact]
    public void GivenAConvFitAndScore_WhenDone_ThenNoTensorIsLeftAlive()
    {
        var train = SmallImages.Make(64, 0, 1).WithLabels(null);
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var det = new MinLGanDetector(SmallImages.Options(epochs: 1) with { Members = 1, Selection = SelectionMode.Holdout }, 1);
        det.UseHoldout(SmallImages.Make(10, 5, 3));
        det.Fit(train);
        det.Score(SmallImages.Make(10, 5, 4));
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}

public class BudgetTests
{
    [Fact]
    public void GivenImprovedGansSchedule_WhenAskedPerEpoch_ThenTheLearningRateHoldsForTwoThirdsThenFallsLinearly()
    {
        var o = new GanOptions { Epochs = 1200, LearningRateSchedule = "improved-gan" };
        Assert.Equal(1.0, o.LearningRateFactor(1));
        Assert.Equal(1.0, o.LearningRateFactor(801)); // improved-gan's epoch index 800: min(3 - 800/400, 1)
        Assert.Equal(0.5, o.LearningRateFactor(1001), 12);
        Assert.Equal(3 - 1199 / 400.0, o.LearningRateFactor(1200), 12);
        Assert.Equal(1.0, (o with { LearningRateSchedule = "constant" }).LearningRateFactor(1200));
    }
}

/// <summary>The contract on images: the convolutional presets (dcgan-small; improved-gan on 32x32).</summary>
public abstract class ConvContractTests : MinLGan.Core.Tests.DetectorContractTests
{
    protected abstract int Side { get; }

    /// <summary>Smooth gradients (normal) and checkerboards (anomalies); d = 4 gives 3 channels, other widths 1 channel.</summary>
    protected override (Dataset Train, Dataset Test) Blobs(int seed = 7, int d = 4)
    {
        var shape = new ImageShape(d == 4 ? 3 : 1, Side, Side);
        var rng = new SeededRandom(seed);
        Dataset Make(int normal, int anomalies)
        {
            var v = new float[(normal + anomalies) * shape.Size];
            for (int i = 0; i < normal + anomalies; i++)
            {
                double phase = rng.NextDouble();
                for (int k = 0; k < shape.Size; k++)
                {
                    int x = k % Side, y = k / Side % Side;
                    v[i * shape.Size + k] = (float)(i < normal ? (x + y) / (2.0 * Side) - 0.5 + 0.3 * phase + 0.05 * rng.NextGaussian() : ((x + y) % 2 == 0 ? 0.8 : -0.8));
                }
            }
            var labels = anomalies == 0 ? null : Enumerable.Repeat(0, normal).Concat(Enumerable.Repeat(1, anomalies)).ToArray();
            return new Dataset(v, normal + anomalies, ImageSet.FeatureNames(shape), labels, shape);
        }
        return (Make(96, 0), Make(24, 8));
    }

    protected override string? TinyDataSkipReason => "the 8-point check is tabular (2 columns); the image networks need images";
}

public class DcganSmallContractTests : ConvContractTests
{
    protected override int Side => 16;

    protected override IAnomalyDetector Create(int seed) => new MinLGanDetector(SmallImages.Options(epochs: 2) with { Members = 1 }, seed);
}

public class ImprovedGanContractTests : ConvContractTests
{
    protected override int Side => 32;

    protected override IAnomalyDetector Create(int seed) =>
        new EMinLGan2Detector(SmallImages.Options(epochs: 1) with { Architecture = "improved-gan", Members = 2 }, seed);
}
