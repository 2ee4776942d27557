namespace MinLGan.Torch.Tests;

/// <summary>checkpoints: how many times a fit scores the holdout, and which epochs it can keep.</summary>
public class CheckpointTests
{
    [Fact]
    public void GivenACheckpointCap_WhenTheIntervalIsComputed_ThenStretchedFitsAreSpacedAndShortFitsEvaluateEveryEpoch()
    {
        var o = new GanOptions();
        Assert.Equal(50, o.Checkpoints);                                  // the default
        Assert.Equal(40, o.EvalIntervalFor(150));                                     // 150 rows: 2000 one-step epochs, every 40th scored
        Assert.Equal(2, (o with { Epochs = 53, MinSteps = 0 }).EvalIntervalFor(150)); // rounds up, so never more than 50 evaluations
        Assert.Equal(1, o.EvalIntervalFor(100_000));                                  // large data: 20 epochs, every epoch as before
        Assert.Equal(5, (o with { EvalEvery = 5 }).EvalIntervalFor(100_000));
        Assert.Equal(3, (o with { EvalEvery = 3, Checkpoints = 0 }).EvalIntervalFor(150));       // 0 = no cap
        Assert.Equal(1, (o with { Architecture = "dcgan-small", Epochs = 2000 }).EvalIntervalFor(150)); // images: every epoch
        Assert.Equal(1, (GanOptions.PaperRecipe with { Epochs = 2000 }).EvalIntervalFor(150));    // the paper: every epoch
    }

    [Theory]
    [InlineData(0, new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 })]
    [InlineData(4, new[] { 3, 6, 9, 12 })]
    [InlineData(5, new[] { 3, 6, 9, 12 })]   // ceil(12 / 5) = 3: at most five, here four
    public void GivenCheckpoints_WhenAMinLGanFits_ThenTheHoldoutIsScoredOnlyAtTheSpacedEpochsAndTheKeptEpochIsOneOfThem(int checkpoints, int[] expected)
    {
        var (train, holdout, _) = Small.Planted();
        var det = new MinLGanDetector(Small.Options(epochs: 12) with { Checkpoints = checkpoints }, 0);
        var scored = new List<int>();
        det.Progress = p => { if (p.HoldoutAuc is not null) scored.Add(p.Epoch); };
        det.UseHoldout(holdout);
        det.Fit(train);
        Assert.Equal(expected, scored);
        Assert.Contains(det.MemberSelections[0].Epoch, expected);
    }
}
