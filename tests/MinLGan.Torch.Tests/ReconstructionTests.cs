using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Evaluation;
using MinLGan.Metrics;
using MinLGan.Persistence;
using TorchSharp;
using static TorchSharp.torch;

namespace MinLGan.Torch.Tests;

internal static class SmallAe
{
    public static ReconstructionOptions Options(int epochs = 60) => new()
    {
        Hidden = [16, 8], Latent = 2, Epochs = epochs, BatchSize = 32, LearningRate = 3e-3, Samples = 5,
    };
}

public class AutoEncoderContractTests : MinLGan.Core.Tests.DetectorContractTests
{
    // A code as wide as the 2-D toy data would let the autoencoder learn the identity, outliers included:
    // the bottleneck must compress.
    protected override IAnomalyDetector Create(int seed) =>
        new ReconstructionDetector(false, SmallAe.Options() with { Latent = 1, Selection = SelectionMode.Last }, seed);

    protected override string? TinyDataSkipReason =>
        "the two outliers are a quarter of the 8 training rows and a squared-error autoencoder fits them too: even the best " +
        "1-d linear code (PCA) leaves errors 15.7 and 13.0 on them against 12.1 on row 2, and 200 epochs here ranked row 2 above one";
}

public class VaeContractTests : MinLGan.Core.Tests.DetectorContractTests
{
    protected override IAnomalyDetector Create(int seed) =>
        new ReconstructionDetector(true, SmallAe.Options() with { Selection = SelectionMode.Last }, seed);
}

public class ReconstructionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GivenPlantedAnomalies_WhenTrainedWithAHoldout_ThenTheyRankAboveNormalRowsAndAnEpochIsKept(bool variational)
    {
        var (train, holdout, test) = Small.Planted();
        var det = new ReconstructionDetector(variational, SmallAe.Options(), 4);
        det.UseHoldout(holdout);
        det.Fit(train);
        Assert.StartsWith("holdout-auc: epoch ", det.Selection);
        Assert.Empty(det.Warnings);
        Assert.True(Auc.Compute(test.Labels!, det.Score(test)) > 0.95, det.Selection);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GivenTheSameSeed_WhenFittedTwice_ThenScoresAreBitIdentical_AndAnotherSeedDiffers(bool variational)
    {
        var (train, _, test) = Small.Planted();
        double[] Run(int seed)
        {
            var det = new ReconstructionDetector(variational, SmallAe.Options(epochs: 3) with { Selection = SelectionMode.Last }, seed);
            det.Fit(train);
            return det.Score(test);
        }
        Assert.Equal(Run(1), Run(1));
        Assert.NotEqual(Run(1), Run(2));
    }

    [Fact]
    public void GivenExtremeInputs_WhenTheVaeScoresThem_ThenEveryScoreIsFiniteAndAboveNormalRows()
    {
        var (train, _, test) = Small.Planted();
        var det = new ReconstructionDetector(true, SmallAe.Options(epochs: 5) with { Selection = SelectionMode.Last }, 3);
        det.Fit(train);
        float[] extremes = [1e6f, -1e6f, 1e30f, -1e30f, float.MaxValue, float.MinValue, float.Epsilon, 0f];
        var values = extremes.SelectMany(a => extremes.Select(b => new[] { a, b })).SelectMany(r => r).ToArray();
        var rows = new Dataset(values, values.Length / 2, train.FeatureNames);
        var scores = det.Score(rows);
        Assert.All(scores, s => Assert.True(double.IsFinite(s), $"score {s}"));
        double normalMax = det.Score(test).Take(200).Max();
        // Rows with a coordinate of magnitude >= 1e6 are far more anomalous than any normal row.
        for (int i = 0; i < rows.Rows; i++)
            if (rows.Row(i).ToArray().Any(v => Math.Abs(v) >= 1e6f)) Assert.True(scores[i] > normalMax, $"row {i}: {scores[i]} <= {normalMax}");
    }

    [Theory]
    [InlineData("ae")]
    [InlineData("vae")]
    public void GivenAFittedModel_WhenSavedAndLoaded_ThenScoresAreBitIdentical(string name)
    {
        var (train, holdout, test) = Small.Planted();
        var registry = TorchDetectors.AddTo(DetectorRegistry.CreateDefault());
        var info = registry.Get(name);
        var p = DetectorParameters.Parse(name, info.Parameters, ["epochs=3", "batch_size=32", "latent=2", "hidden=16-8"]);
        var det = info.Create(p, 5);
        ((IUsesHoldout)det).UseHoldout(holdout);
        det.Fit(train);
        var loaded = ModelRoundTrip.SaveAndLoad(det, p, 5, train, registry);
        Assert.Equal(det.Score(test), loaded.Score(test));
        Assert.Equal(det.Threshold, loaded.Detector.Threshold);
    }

    [Fact]
    public void GivenFitAndScore_WhenDone_ThenNoTensorIsLeftAlive()
    {
        var (train, holdout, test) = Small.Planted();
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var det = new ReconstructionDetector(true, SmallAe.Options(epochs: 2), 1);
        det.UseHoldout(holdout);
        det.Fit(train);
        det.Score(test);
        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void GivenACancelledFit_WhenScored_ThenTheKeptEpochScoresAndAWarningSaysSo()
    {
        var (train, holdout, test) = Small.Planted();
        using var cts = new CancellationTokenSource();
        var det = new ReconstructionDetector(false, SmallAe.Options(epochs: 50), 1);
        det.UseHoldout(holdout);
        det.Progress = p => { if (p.Epoch == 2) cts.Cancel(); };
        det.Fit(train, cts.Token);
        Assert.Contains(det.Warnings, w => w.Kind == WarningKind.Cancelled && w.Message.Contains("cancelled after epoch 2"));
        Assert.All(det.Score(test), s => Assert.True(double.IsFinite(s)));
    }
}
