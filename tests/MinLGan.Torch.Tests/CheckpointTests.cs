namespace MinLGan.Torch.Tests;

/// <summary>checkpoints: how many times a fit scores the holdout, and which epochs it can keep.</summary>
public class CheckpointTests
{
    [Fact]
    public void GivenACheckpointCap_WhenTheIntervalIsComputed_ThenStretchedFitsAreSpacedAndShortFitsEvaluateEveryEpoch()
    {
        var o = new GanOptions();
        Assert.Equal(50, o.Checkpoints);                                  // the default
        Assert.Equal(40, (o with { Epochs = 2000 }).EvalInterval);       // one step per epoch on small data: every 40th step
        Assert.Equal(2, (o with { Epochs = 53 }).EvalInterval);          // rounds up, so never more than 50 evaluations
        Assert.Equal(1, (o with { Epochs = 20 }).EvalInterval);          // large data: every epoch, as before
        Assert.Equal(5, (o with { Epochs = 20, EvalEvery = 5 }).EvalInterval);
        Assert.Equal(3, (o with { Epochs = 2000, EvalEvery = 3, Checkpoints = 0 }).EvalInterval); // 0 = no cap
        Assert.Equal(1, (o with { Epochs = 2000, Architecture = "dcgan-small" }).EvalInterval);   // images: every epoch
        Assert.Equal(1, (GanOptions.PaperRecipe with { Epochs = 2000 }).EvalInterval);           // the paper: every epoch
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
