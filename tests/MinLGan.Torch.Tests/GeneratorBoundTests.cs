using MinLGan.Detectors;
using MinLGan.Torch.Training;

namespace MinLGan.Torch.Tests;

/// <summary>g_bound: G's outputs squashed to b·tanh(x/b), the box D sees through input_bound.</summary>
public class GeneratorBoundTests
{
    private static float[] Samples(double gBound)
    {
        var (train, _, _) = Small.Planted();
        var o = Small.Options(a: 1, epochs: 3) with { Selection = SelectionMode.Last, GBound = gBound };
        return GanTrainer.TrainOne(train, null, o, seed: 5, member: 0, members: 1, null, default, generatorSamples: 200).GeneratorSamples!;
    }

    [Fact]
    public void GivenAGeneratorBound_WhenGSamples_ThenEverySampleLiesInsideIt_AndWithoutItSomeDoNot()
    {
        // Given: the planted data are z-scored-like (spread about ±2), so a bound of 0.5 must cut G's reach.
        var free = Samples(0);
        var bounded = Samples(0.5);

        // Then: unbounded, G reaches past 0.5 (so the check below can fail); bounded, it never does.
        Assert.Contains(free, v => Math.Abs(v) > 0.5f);
        Assert.All(bounded, v => Assert.True(Math.Abs(v) < 0.5f, $"sample {v} outside ±0.5"));
        Assert.Equal(bounded, Samples(0.5)); // the same seed gives the same samples
    }

    [Fact]
    public void GivenConvolutionalNetworks_WhenGBoundIsSet_ThenItDoesNotApply()
    {
        var o = new GanOptions { Architecture = "dcgan-small", GBound = 4 };
        Assert.Equal(0, o.GeneratorBound);
        Assert.Contains("g_bound", o.NotApplied.Names);
        Assert.Equal(4, (o with { Architecture = "mlp" }).GeneratorBound);
    }
}
