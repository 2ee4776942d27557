using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Evaluation;
using MinLGan.Metrics;
using MinLGan.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace MinLGan.Torch.Tests;

/// <summary>Small, fast settings shared by the GAN tests.</summary>
internal static class Small
{
    /// <summary>
    /// Exactly <paramref name="epochs"/> epochs (min_steps 0, for speed) and one background kind (gaussian: one
    /// candidate, so a fit trains each member once); the background term itself is on, as by default.
    /// </summary>
    public static GanOptions Options(double a = 1, int members = 1, int epochs = 40) => new()
    {
        A = a, Epochs = epochs, BatchSize = 32, LearningRate = 1e-3, Members = members, MinSteps = 0, BackgroundKind = "gaussian",
    };

    /// <summary>A 2-D Gaussian blob (normal) and a test/holdout set with a planted far cluster of anomalies.</summary>
    public static (Dataset Train, Dataset Holdout, Dataset Test) Planted(int seed = 3)
    {
        var rng = new SeededRandom(seed);
        Dataset Make(int normal, int anomalies)
        {
            var v = new List<float>();
            for (int i = 0; i < normal; i++) { v.Add((float)rng.NextGaussian()); v.Add((float)rng.NextGaussian()); }
            for (int i = 0; i < anomalies; i++) { v.Add((float)(4 + 0.3 * rng.NextGaussian())); v.Add((float)(-4 + 0.3 * rng.NextGaussian())); }
            var labels = Enumerable.Repeat(0, normal).Concat(Enumerable.Repeat(1, anomalies)).ToArray();
            return new Dataset(v.ToArray(), normal + anomalies, ["x1", "x2"], labels);
        }
        var train = Make(640, 0);
        return (train.WithLabels(null), Make(40, 10), Make(200, 30));
    }
}

/// <summary>Saves a fitted detector as a model file and loads it back (the persistence tests share this).</summary>
internal static class ModelRoundTrip
{
    public static AnomalyModel SaveAndLoad(IAnomalyDetector det, DetectorParameters p, int seed, Dataset train, DetectorRegistry registry,
        InputSpec? input = null)
    {
        var model = new AnomalyModel(p, seed, train.FeatureNames, null, input ?? new InputSpec("csv", null, []), null, det);
        string path = Path.Combine(Path.GetTempPath(), $"minlgan-{Guid.NewGuid():N}.minlgan");
        try
        {
            ModelFile.Save(path, model, registry);
            return ModelFile.Load(path, registry);
        }
        finally { File.Delete(path); }
    }
}

public class GanContractTests : MinLGan.Core.Tests.DetectorContractTests
{
    protected override IAnomalyDetector Create(int seed) => new MinLGanDetector(Small.Options() with { Selection = SelectionMode.Last }, seed);

    protected override string? TinyDataSkipReason => Reason;

    internal const string Reason =
        "a discriminator trained on 8 rows learns them all as normal, the two outliers included: 400 steps on this set did not rank them first";
}

public class EnsembleContractTests : MinLGan.Core.Tests.DetectorContractTests
{
    protected override IAnomalyDetector Create(int seed) =>
        new EMinLGan1Detector(Small.Options(members: 2) with { Selection = SelectionMode.Last }, seed);

    protected override string? TinyDataSkipReason => GanContractTests.Reason;
}

public class GanLossTests
{
    [Fact]
    public void GivenConfidentCorrectLogits_WhenDLossIsComputed_ThenItIsSmallAndWrongLogitsCostMore()
    {
        using var scope = NewDisposeScope();
        var good = GanLosses.Discriminator(tensor(new float[] { 8, 9 }), tensor(new float[] { -8, -9 })).item<float>();
        var bad = GanLosses.Discriminator(tensor(new float[] { -8, -9 }), tensor(new float[] { 8, 9 })).item<float>();
        Assert.InRange(good, 0, 1e-3);
        Assert.True(bad > 15);
        // log 2 each when D cannot tell: softplus(0) = ln 2.
        Assert.Equal(2 * Math.Log(2), GanLosses.Discriminator(zeros(3), zeros(3)).item<float>(), 5);
    }

    [Fact]
    public void GivenGaussianAndLaplaceNoise_WhenLogLikelihoodIsComputed_ThenShapesAndValuesAreRight()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        var r = zeros(2, 3);
        var g = GanLosses.LogLikelihood(x, r, NoiseKind.Gaussian, 1.0, Reduction.Sum);
        Assert.Equal([2L], g.shape);
        double c = 0.5 * Math.Log(2 * Math.PI);
        Assert.Equal(-0.5 * (1 + 4 + 9) - 3 * c, g[0].item<float>(), 4);
        var l = GanLosses.LogLikelihood(x, r, NoiseKind.Laplace, 2.0, Reduction.Mean);
        Assert.Equal(-(4 + 5 + 6) / 2.0 / 3 - Math.Log(4), l[1].item<float>(), 4);
        // Moving the reconstruction away from x lowers the likelihood: the G step's regulariser pushes G(z) away.
        Assert.True(GanLosses.LogLikelihood(x, r - 5, NoiseKind.Gaussian, 1.0, Reduction.Sum)[0].item<float>() < g[0].item<float>());
    }

    [Fact]
    public void GivenTheStandardNormal_WhenKlIsComputed_ThenZero_AndPositiveOtherwise()
    {
        using var scope = NewDisposeScope();
        var kl0 = GanLosses.KlToStandardNormal(zeros(4, 3), zeros(4, 3));
        Assert.Equal([4L], kl0.shape);
        Assert.Equal(0f, kl0.abs().max().item<float>());
        Assert.True(GanLosses.KlToStandardNormal(ones(1, 3), zeros(1, 3)).item<float>() > 0);
    }

    [Fact]
    public void GivenEqualFeatureMeans_WhenFeatureMatching_ThenNearZero_AndTheGeneratorLossAddsAWeightedLikelihood()
    {
        using var scope = NewDisposeScope();
        var f = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        Assert.InRange(GanLosses.FeatureMatching(f, f.flip(0)).item<float>(), 0, 1e-5);
        var fm = tensor(0.5f);
        var ll = tensor(new float[] { -2, -4 });
        Assert.Equal(0.5 + 0.1 * -3, GanLosses.Generator(fm, ll, 0.1).item<float>(), 5);
        Assert.Equal(0.5, GanLosses.Generator(fm, ll, 0).item<float>(), 5);
    }
}

public class GanDetectorTests
{
    [Fact]
    public void GivenAPlantedOutlierCluster_WhenMinLGanIsTrained_ThenDSeparatesIt()
    {
        var (train, holdout, test) = Small.Planted();
        var det = new MinLGanDetector(Small.Options(), 0);
        det.UseHoldout(holdout);
        det.Fit(train);
        double auc = Auc.Compute(test.Labels!, det.Score(test));
        Assert.True(auc > 0.9, $"AUC {auc}; selection {det.Selection}");
        Assert.StartsWith("holdout-auc: epoch", det.Selection);
    }

    [Fact]
    public void GivenTheSameSeed_WhenTrainedTwice_ThenScoresAreBitIdentical()
    {
        var (train, holdout, test) = Small.Planted();
        double[] Run()
        {
            var det = new EMinLGan2Detector(Small.Options(members: 2, epochs: 5), 42);
            det.UseHoldout(holdout);
            det.Fit(train);
            return det.Score(test);
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void GivenAnEnsemble_WhenItsMemberPrefixesAreScored_ThenTheLastIsTheScoreAndEachIsItsMembersCombined()
    {
        var (train, holdout, test) = Small.Planted();
        var det = new EMinLGan2Detector(Small.Options(members: 3, epochs: 4) with { DropInverted = false }, 7);
        det.UseHoldout(holdout);
        det.Fit(train);
        var prefixes = det.ScoreMemberPrefixes(test);
        Assert.Equal(3, det.MembersUsed);
        Assert.Equal(3, prefixes.Count);
        Assert.Equal(det.Score(test), prefixes[2]);
        Assert.NotEqual(prefixes[1], prefixes[2]);
        Assert.NotEqual(prefixes[0], prefixes[1]);
        Assert.All(prefixes, p => Assert.Equal(test.Rows, p.Length));
        var one = new EMinLGan1Detector(Small.Options(members: 2, epochs: 2) with { DropInverted = false }, 7);
        one.UseHoldout(holdout);
        one.Fit(train);
        var p1 = one.ScoreMemberPrefixes(test);
        Assert.Equal(one.Score(test), p1[1]);
        Assert.NotEqual(p1[0], p1[1]);
        Assert.Empty(det.ScoreMemberPrefixes(test.Select([]))[0]);
    }

    [Fact]
    public void GivenBatchedMembers_WhenTrained_ThenTheyAreDeterministicSeparateThePlantedClusterAndKeepTheirOwnEpochs()
    {
        var (train, holdout, test) = Small.Planted();
        (double[] Scores, EMinLGan2Detector Det) Run()
        {
            var det = new EMinLGan2Detector(Small.Options(members: 3, epochs: 10) with { MemberTraining = "batched" }, 42);
            det.UseHoldout(holdout);
            det.Fit(train);
            return (det.Score(test), det);
        }
        var (a, detA) = Run();
        var (b, _) = Run();
        Assert.Equal(a, b);
        Assert.True(Auc.Compute(test.Labels!, a) > 0.9, detA.Selection);
        Assert.Equal(3, detA.MemberSelections.Count);
        Assert.All(detA.MemberSelections, s => Assert.InRange(s.Epoch, 1, 10));
    }

    [Fact]
    public void GivenHandMadeLogits_WhenScaledForEminlgan2_ThenMinMapsToZeroAndMaxToOne()
    {
        Assert.Equal(0.0, ScaledMeanOfLogits.Scaled(-2, -2, 6));
        Assert.Equal(1.0, ScaledMeanOfLogits.Scaled(6, -2, 6));
        Assert.Equal(0.25, ScaledMeanOfLogits.Scaled(0, -2, 6));
        Assert.Equal(1.5, ScaledMeanOfLogits.Scaled(3.5, 2, 2)); // m = n: denominator 1, no division by zero
    }

    [Fact]
    public void GivenAnEnsemble_WhenSavedAndLoaded_ThenScoresAreBitIdentical()
    {
        var (train, holdout, test) = Small.Planted();
        var registry = TorchDetectors.AddTo(DetectorRegistry.CreateDefault());
        var info = registry.Get("eminlgan2");
        var p = DetectorParameters.Parse("eminlgan2", info.Parameters,
            ["members=2", "epochs=4", "batch_size=32", "latent=4", "d_hidden=16-8", "g_hidden=8-16", "lr=0.001"]);
        var det = (GanFamilyDetector)info.Create(p, 5);
        det.UseHoldout(holdout);
        det.Fit(train);
        var loaded = ModelRoundTrip.SaveAndLoad(det, p, 5, train, registry);
        Assert.Equal(det.Score(test), loaded.Score(test));
        Assert.Equal(det.Threshold, loaded.Detector.Threshold);
    }

    [Fact]
    public void GivenFitAndScore_WhenDone_ThenNoTensorIsLeftAlive()
    {
        var (train, holdout, test) = Small.Planted();
        var stats = DisposeScopeManager.Statistics;
        long before = stats.ThreadTotalLiveCount;
        // 3 epochs leave both members inverted on the planted cluster (holdout AUC 0.05 and 0.00): keep them, this test is about tensors.
        var det = new EMinLGan2Detector(Small.Options(members: 2, epochs: 3) with { DropInverted = false }, 1);
        det.UseHoldout(holdout);
        det.Fit(train);
        det.Score(test);
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Theory]
    [InlineData("a=-1", "a=-1")]
    [InlineData("members=0", "members=0")]
    [InlineData("noise=cauchy", "noise=cauchy")]
    [InlineData("d_hidden=12-x", "d_hidden=12-x")]
    public void GivenBadOptions_WhenParsed_ThenTheMessageNamesThem(string param, string expected)
    {
        var info = TorchDetectors.AddTo(DetectorRegistry.CreateDefault()).Get("eminlgan2");
        var ex = Assert.Throws<InvalidInputException>(() => DetectorParameters.Parse("eminlgan2", info.Parameters, [param]));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void GivenAPositiveA_WhenTheGanIsAsked_ThenItIsRefused()
    {
        var info = TorchDetectors.AddTo(DetectorRegistry.CreateDefault()).Get("gan");
        Assert.Throws<InvalidInputException>(() => DetectorParameters.Parse("gan", info.Parameters, ["a=0.1"]));
        Assert.Throws<InvalidInputException>(() => new GanDetector(new GanOptions { A = 0.1 }, 0));
    }

    [Fact]
    public void GivenNoHoldout_WhenSelectionIsLast_ThenTheLastEpochIsKeptLabelFree()
    {
        var (train, _, test) = Small.Planted();
        var det = new MinLGanDetector(Small.Options(epochs: 4) with { Selection = SelectionMode.Last }, 0);
        det.Fit(train);
        Assert.Equal("last-epoch: epoch 4", det.Selection);
        Assert.Empty(det.Warnings);
        Assert.Equal(test.Rows, det.Score(test).Length);
    }

    [Fact]
    public void GivenValuesWhoseSquaresOverflow_WhenALossBecomesInfinite_ThenTrainingStopsWithAMessageAndKeepsAFiniteModel()
    {
        var (train, holdout, test) = Small.Planted();
        // 1e25 is a finite float, but (x - G(z))^2 overflows float32: the encoder loss becomes infinite at once.
        var v = train.Values.ToArray();
        for (int i = 0; i < v.Length; i += 2) v[i] *= 1e25f;
        var det = new MinLGanDetector(Small.Options(epochs: 5) with { Reduction = Reduction.Sum }, 0);
        det.UseHoldout(holdout);
        det.Fit(train.WithValues(v));
        Assert.Contains(det.Warnings, w => w.Kind == WarningKind.NonFiniteLoss && w.Message.Contains("became") && w.Message.Contains("kept epoch 0"));
        Assert.All(det.Score(test), s => Assert.True(double.IsFinite(s)));
    }
}

public class PlainGanContractTests : MinLGan.Core.Tests.DetectorContractTests
{
    protected override IAnomalyDetector Create(int seed) => new GanDetector(Small.Options(a: 0) with { Selection = SelectionMode.Last }, seed);

    protected override string? TinyDataSkipReason => GanContractTests.Reason;

    // Under the paper's recipe (background=0) this check failed: the last-epoch D ranked the far cluster as MORE normal,
    // AUC 0.23 at seed 0 (D unbounded away from the data). The default background term (issue 12) makes it pass.
}

public class ScaledEnsembleContractTests : MinLGan.Core.Tests.DetectorContractTests
{
    protected override IAnomalyDetector Create(int seed) =>
        new EMinLGan2Detector(Small.Options(members: 2) with { Selection = SelectionMode.Last }, seed);

    protected override string? TinyDataSkipReason => GanContractTests.Reason;
}

public class StackedEnsembleContractTests : MinLGan.Core.Tests.DetectorContractTests
{
    protected override IAnomalyDetector Create(int seed) =>
        new EMinLGan2Detector(Small.Options(members: 2) with { Selection = SelectionMode.Last, MemberTraining = "batched" }, seed);

    protected override string? TinyDataSkipReason => GanContractTests.Reason;
}
