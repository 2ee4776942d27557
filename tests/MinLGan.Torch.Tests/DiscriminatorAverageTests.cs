using MinLGan.Detectors;
using MinLGan.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MinLGan.Torch.Tests;

/// <summary>d_average: D's weights averaged over the steps (an exponential moving average, bias-corrected).</summary>
public class DiscriminatorAverageTests
{
    private static void Set(TorchSharp.Modules.Parameter p, float[] values)
    {
        using var _ = no_grad();
        using var t = tensor(values, p.shape);
        p.copy_(t);
    }

    private static float[] Values(TorchSharp.Modules.Parameter p) => p.detach().contiguous().data<float>().ToArray();

    [Fact]
    public void GivenThreeSteps_WhenTheAverageIsRead_ThenItIsTheBiasCorrectedWeightedMeanAndTheLiveWeightsComeBack()
    {
        using var scope = NewDisposeScope();
        using var layer = nn.Linear(2, 1);
        var weight = layer.weight!;
        var average = new DiscriminatorAverage(layer.parameters().ToArray(), 0.5);
        float[][] steps = [[1, 2], [3, 4], [5, 8]];
        foreach (var w in steps)
        {
            Set(weight, w);
            average.Update();
        }

        // s3 = 0.125 w1 + 0.25 w2 + 0.5 w3, divided by 1 - 0.5^3.
        float[] expected = [.. Enumerable.Range(0, 2).Select(i => (float)((0.125 * steps[0][i] + 0.25 * steps[1][i] + 0.5 * steps[2][i]) / 0.875))];
        var read = average.WithAverage(() => Values(weight));
        Assert.Equal(3, average.Steps);
        for (int i = 0; i < 2; i++) Assert.Equal(expected[i], read[i], 5);
        Assert.Equal(steps[2], Values(weight)); // the live weights, put back

        // Saved and loaded into a fresh average of the same shapes: the same reading.
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) average.Save(w);
        stream.Position = 0;
        var loaded = new DiscriminatorAverage(layer.parameters().ToArray(), 0.5);
        using (var r = new BinaryReader(stream)) loaded.Load(r);
        Assert.Equal(read, loaded.WithAverage(() => Values(weight)));
    }

    [Fact]
    public void GivenAnAverage_WhenAMinLGanFits_ThenItsScoresDifferFromTheLiveD_AndRepeatForTheSameSeed()
    {
        var (train, holdout, test) = Small.Planted();
        double[] Scores(double decay)
        {
            var det = new MinLGanDetector(Small.Options(epochs: 6) with { DAverage = decay }, 4);
            det.UseHoldout(holdout);
            det.Fit(train);
            return det.Score(test);
        }
        var live = Scores(0);
        var averaged = Scores(0.9);
        Assert.NotEqual(live, averaged);
        Assert.Equal(averaged, Scores(0.9)); // and the same seed gives the same scores
        Assert.True(Metrics.Auc.Compute(test.Labels!, averaged) > 0.9, "the planted cluster is still found");
    }

    [Fact]
    public void GivenAMinLGanWithAnAverageStoppedAfterEpoch4_WhenFitAgain_ThenItEqualsAnUninterruptedFitBitForBit()
    {
        var (again, whole, resumed, _) = MemberCheckpointTests.StopAndContinue(
            () => new MinLGanDetector(Small.Options(epochs: 9) with { DAverage = 0.9 }, 3), member: 0, stopAt: 4);
        Assert.Equal("its training from epoch 4", resumed);
        Assert.Equal(whole, again);
    }
}
