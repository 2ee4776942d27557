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
    [InlineData(0.0, 0.0)]
    [InlineData(1.0, 0.0)]
    [InlineData(1.0, 2.0)]
    [InlineData(1.0, 2.0, 0.9)] // and D's weights averaged over the steps (d_average): element-wise, so per member
    [InlineData(1.0, 2.0, 0, 1.5)] // and G's outputs bounded (g_bound)
    public void GivenStackedMembers_WhenTrained_ThenEachEqualsTheSameMemberTrainedAlone(double a, double inputBound, double average = 0, double gBound = 0)
    {
        // Given: two members' seeds, a few steps with and without the encoder (a = 0 is the plain GAN), with and without D's input bound.
        var (train, _, _) = Small.Planted();
        var o = Small.Options(a: a, members: 2, epochs: 2) with { Selection = SelectionMode.Last, InputBound = inputBound, DAverage = average, GBound = gBound };

        // When: each trains alone, and both train as one stacked network.
        var alone = Seeds.Select((s, i) => GanTrainer.TrainOne(train, null, o, s, i, 2, null, default).Outcome).ToArray();
        var stacked = GanTrainer.TrainStacked(train, null, o, Seeds, null, default).Select(t => t.Outcome).ToArray();

        // Then: member by member the kept D is the same up to rounding (bmm vs addmm), after the same epochs.
        for (int m = 0; m < 2; m++)
        {
            Assert.Equal(alone[m].KeptEpoch, stacked[m].KeptEpoch);
            Assert.Equal(2, stacked[m].EpochsRun);
            float diff = MaxDifference(alone[m].Weights, stacked[m].Weights);
            // tanh in the bounded input amplifies bmm's rounding a little: 1.1e-4 measured at bound 2, against > 1e-2 between members.
            Assert.True(diff < 5e-4f, $"member {m}: max |w_alone - w_stacked| = {diff}");
        }
        // And the two members differ from each other (the check above can fail).
        Assert.True(MaxDifference(alone[0].Weights, alone[1].Weights) > 1e-2f);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(3.0)]
    public void GivenSavedDWeights_WhenTheManagedScorerScoresRows_ThenItMatchesTheModuleIncludingTheInputBound(double inputBound)
    {
        // Given: a D with (or without) its input bound, and rows with some values far outside the bound. Its
        // initialisation draws from libtorch's global generator: under the lock every fit takes, or a fit running in
        // parallel in another test class would draw different numbers (that made CI's determinism checks flaky).
        var o = new GanOptions { InputBound = inputBound };
        Modules.Discriminator d;
        lock (TorchRandomLock.Gate)
        {
            random.manual_seed(7);
            d = new Modules.Discriminator(5, o);
        }
        using var _ = d;
        d.eval();
        var rng = new SeededRandom(3);
        var values = Enumerable.Range(0, 40 * 5).Select(i => (float)(rng.NextGaussian() * (i % 7 == 0 ? 50 : 1))).ToArray();
        var rows = new MinLGan.Data.Dataset(values, 40, Enumerable.Range(0, 5).Select(j => $"x{j}").ToArray());

        // When: the module and the managed scorer (what fitted detectors score with) compute D(x).
        double[] managed = new MlpScorer(WeightSet.Capture(d), o.Activation, inputBound).Logits(rows);
        float[] module;
        using (no_grad())
        using (var x = tensor(values, [40, 5]))
        using (var y = d.forward(x))
            module = y.data<float>().ToArray();

        // Then: they agree to float rounding, and the bound changes the far rows' logits (the check can fail).
        for (int r = 0; r < 40; r++) Assert.True(Math.Abs(managed[r] - module[r]) < 1e-4 * (1 + Math.Abs(module[r])), $"row {r}: {managed[r]} vs {module[r]}");
        if (inputBound > 0)
        {
            double[] unbounded = new MlpScorer(WeightSet.Capture(d), o.Activation).Logits(rows);
            Assert.True(Enumerable.Range(0, 40).Max(r => Math.Abs(unbounded[r] - managed[r])) > 1e-2);
        }
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
