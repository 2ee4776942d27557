using MinLGan.Torch.Training;
using static TorchSharp.torch;

namespace MinLGan.Torch.Tests;

/// <summary>The one MinLGAN step and epoch runner, solo and stacked.</summary>
public class TrainingStepTests
{
    private static readonly long[] Seeds = [SeedStreams.EnsembleMember(5, 0), SeedStreams.EnsembleMember(5, 1)];

    private static float MaxDifference(WeightSet a, WeightSet b)
    {
        float worst = 0;
        foreach (var (la, lb) in a.LinearLayers().Zip(b.LinearLayers()))
        {
            Assert.Equal((la.In, la.Out), (lb.In, lb.Out));
            for (int i = 0; i < la.W.Length; i++) worst = Math.Max(worst, Math.Abs(la.W[i] - lb.W[i]));
            for (int i = 0; i < la.B.Length; i++) worst = Math.Max(worst, Math.Abs(la.B[i] - lb.B[i]));
        }
        return worst;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void GivenStackedMembers_WhenTrained_ThenEachEqualsTheSameMemberTrainedAlone(double a)
    {
        // Given: two members' seeds, a few steps with and without the encoder (a = 0 is the plain GAN).
        var (train, _, _) = Small.Planted();
        var o = Small.Options(a: a, members: 2, epochs: 2) with { Selection = SelectionMode.Last };

        // When: each trains alone, and both train as one stacked network.
        var alone = Seeds.Select((s, i) => GanTrainer.TrainOne(train, null, o, s, i, 2, null, default).Outcome).ToArray();
        var stacked = GanTrainer.TrainStacked(train, null, o, Seeds, null, default).Select(t => t.Outcome).ToArray();

        // Then: member by member the kept D is the same up to rounding (bmm vs addmm), after the same epochs.
        for (int m = 0; m < 2; m++)
        {
            Assert.Equal(alone[m].KeptEpoch, stacked[m].KeptEpoch);
            Assert.Equal(2, stacked[m].EpochsRun);
            float diff = MaxDifference(alone[m].Weights, stacked[m].Weights);
            Assert.True(diff < 1e-4f, $"member {m}: max |w_alone - w_stacked| = {diff}");
        }
        // And the two members differ from each other (the check above can fail).
        Assert.True(MaxDifference(alone[0].Weights, alone[1].Weights) > 1e-2f);
    }

    [Fact]
    public void GivenOneMemberTensors_WhenTheLossesReduce_ThenAStackOfThatMemberGivesTheSameValues()
    {
        using var scope = NewDisposeScope();
        // A generator of its own: the default one belongs to trainings running in parallel tests.
        using var g = new Generator(1);
        var x = randn([8, 3], generator: g);
        var r = randn([8, 3], generator: g);
        var mu = randn([8, 2], generator: g);
        var lv = randn([8, 2], generator: g);
        var one = GanLosses.Elbo(x, r, mu, lv, NoiseKind.Gaussian, 1.0, Reduction.Mean).mean([-1]).item<float>();
        var two = GanLosses.Elbo(stack([x, x]), stack([r, r]), stack([mu, mu]), stack([lv, lv]), NoiseKind.Gaussian, 1.0, Reduction.Mean).mean([-1]);
        Assert.Equal([2L], two.shape);
        Assert.Equal(one, two[0].item<float>(), 6);
        var fm = GanLosses.FeatureMatching(x, r).item<float>();
        var fm2 = GanLosses.FeatureMatching(stack([x, x]), stack([r, r]));
        Assert.Equal(fm, fm2[1].item<float>(), 6);
    }
}
