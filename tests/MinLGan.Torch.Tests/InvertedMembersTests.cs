using MinLGan.Metrics;

namespace MinLGan.Torch.Tests;

/// <summary>Ensembles leave out members whose holdout AUC is below 0.5 (inverted=drop), unless asked to keep them.</summary>
public class InvertedMembersTests
{
    // Far anomalies with the paper's D (no background term, no input bound): most members come out inverted (holdout AUCs 0.43, 0.49, 0.35, 0.88).
    private static GanOptions Options(bool drop, int members = 4) =>
        GanOptions.PaperRecipe with { Members = members, MinSteps = 300, Epochs = 5, DropInverted = drop, BackgroundKind = "gaussian" };

    [Fact]
    public void GivenSomeInvertedMembers_WhenDropped_ThenTheScoreUsesTheOthersAndBeatsKeepingThemAll()
    {
        var (train, _) = BackgroundTests.FarAnomalies(11);
        var (_, holdout) = BackgroundTests.FarAnomalies(12);
        var (_, test) = BackgroundTests.FarAnomalies(13);
        var drop = new EMinLGan1Detector(Options(drop: true), 0);
        drop.UseHoldout(holdout);
        drop.Fit(train);
        var keep = new EMinLGan1Detector(Options(drop: false), 0);
        keep.UseHoldout(holdout);
        keep.Fit(train);

        var inverted = Enumerable.Range(0, 4).Where(i => drop.MemberSelections[i].HoldoutAuc < 0.5).ToList();
        Assert.InRange(inverted.Count, 1, 3);
        Assert.Equal(inverted, drop.DroppedMembers);
        Assert.Equal((4 - inverted.Count).ToString(), drop.ModelSummary["members_used"]);
        Assert.Equal(inverted.Count.ToString(), drop.ModelSummary["members_dropped_inverted"]);
        Assert.Contains(drop.Warnings, w => w.Kind == MinLGan.Detectors.WarningKind.MembersDropped);
        Assert.Empty(keep.DroppedMembers);
        Assert.Equal("4", keep.ModelSummary["members_used"]);
        Assert.Contains(keep.Warnings, w => w.Kind == MinLGan.Detectors.WarningKind.InvertedScores);
        double aucDrop = Auc.Compute(test.Labels!, drop.Score(test)), aucKeep = Auc.Compute(test.Labels!, keep.Score(test));
        Assert.True(aucDrop > aucKeep + 0.05, $"drop {aucDrop:F3}, keep {aucKeep:F3}");
    }

    [Fact]
    public void GivenEveryMemberInverted_WhenDropped_ThenTheFitFailsWithAClearMessage()
    {
        var (train, _) = BackgroundTests.FarAnomalies(11);
        var (_, holdout) = BackgroundTests.FarAnomalies(12);
        var det = new EMinLGan1Detector(Options(drop: true, members: 1), 0);   // member 0 alone: holdout AUC 0.43
        det.UseHoldout(holdout);
        var e = Assert.Throws<InvalidInputException>(() => det.Fit(train));
        Assert.StartsWith("eminlgan1: every member's holdout AUC is below 0.5 (0.", e.Message);
        Assert.EndsWith("pass inverted=keep to average them anyway", e.Message);
    }
}
