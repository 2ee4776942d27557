namespace MinLGan.Torch.Tests;

/// <summary>checkpoints: how many times a fit scores the holdout, and which epochs it can keep.</summary>
public class CheckpointTests
{
    [Fact]
    public void GivenACheckpointCap_WhenTheIntervalIsComputed_ThenStretchedFitsAreSpacedAndShortFitsEvaluateEveryEpoch()
    {
        var o = new GanOptions { Checkpoints = 50 };
        Assert.Equal(40, o.EvalIntervalFor(2000));   // one step per epoch on small data: every 40th step
        Assert.Equal(2, o.EvalIntervalFor(53));      // rounds up, so never more than 50 evaluations
        Assert.Equal(1, o.EvalIntervalFor(20));      // large data: every epoch, as before
        Assert.Equal(5, (o with { EvalEvery = 5 }).EvalIntervalFor(20));
        Assert.Equal(3, new GanOptions { EvalEvery = 3 }.EvalIntervalFor(2000)); // 0 = no cap
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
