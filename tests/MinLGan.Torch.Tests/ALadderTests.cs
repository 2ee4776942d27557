using MinLGan.Detectors;

namespace MinLGan.Torch.Tests;

/// <summary>a=auto: the holdout picks a from a ladder (single network), or members span it (ensembles).</summary>
public class ALadderTests
{
    private static GanOptions Auto(int members = 1) => Small.Options(members: members, epochs: 6) with { ALadder = GanOptions.AutoLadder };

    [Fact]
    public void GivenALabelledHoldout_WhenASingleMinLGanHasALadder_ThenItKeepsTheRungWithTheBestHoldoutAucAndScoresAsThatRungAlone()
    {
        var (train, holdout, test) = Small.Planted();
        var auto = new MinLGanDetector(Auto(), 0);
        auto.UseHoldout(holdout);
        auto.Fit(train);
        double chosen = auto.MemberA[0];
        Assert.Contains(chosen, GanOptions.AutoLadder);
        Assert.Contains("(chosen on the holdout: a=0.01, gaussian: ", auto.Selection);
        var fixedA = new MinLGanDetector(Small.Options(epochs: 6) with { A = chosen }, 0);
        fixedA.UseHoldout(holdout);
        fixedA.Fit(train);
        Assert.Equal(fixedA.Score(test), auto.Score(test));
        Assert.Equal(fixedA.MemberSelections[0].HoldoutAuc, auto.MemberSelections[0].HoldoutAuc);
        // The kept rung's holdout AUC is the best of the three.
        foreach (double a in GanOptions.AutoLadder.Where(a => a != chosen))
        {
            var other = new MinLGanDetector(Small.Options(epochs: 6) with { A = a }, 0);
            other.UseHoldout(holdout);
            other.Fit(train);
            Assert.True(other.MemberSelections[0].HoldoutAuc <= auto.MemberSelections[0].HoldoutAuc, $"a={a}");
        }
    }

    [Fact]
    public void GivenAnEnsembleWithALadder_WhenFitted_ThenMembersSpanTheLadder_AndWithoutAHoldoutEveryMemberUsesTheFixedA()
    {
        var (train, holdout, _) = Small.Planted();
        var ens = new EMinLGan1Detector(Auto(members: 4) with { DropInverted = false }, 0);
        ens.UseHoldout(holdout);
        ens.Fit(train);
        Assert.Equal([0.01, 0.1, 1, 0.01], ens.MemberA);
        Assert.Equal("0.01 0.1 1 0.01", ens.ModelSummary["a"]);
        var labelFree = new EMinLGan1Detector(Auto(members: 2) with { Selection = SelectionMode.Last }, 0);
        labelFree.Fit(train);
        Assert.Equal([1.0, 1.0], labelFree.MemberA);   // Small.Options fixes a = 1
    }

    [Fact]
    public void GivenNoParameters_WhenTheCliResolvesTheDefaults_ThenEnsembleMembersAreAllAtOneAcrossTheBackgroundKinds_AndMinLGanKeepsOneHundredth()
    {
        // Round 12 of docs/recipe-study.md: the ensembles' members all train at a = 1 (members alternate the two
        // background kinds on a labelled holdout, gaussian without one); a single network keeps a = 0.01.
        var ensemble = GanOptions.FromParameters(DetectorParameters.Parse("eminlgan2", GanOptions.Specs(true), []));
        Assert.Equal(1, ensemble.A);
        Assert.Empty(ensemble.ALadder);
        Assert.Equal(["a=1, gaussian", "a=1, both"], ensemble.Candidates(labelled: true).Select(c => c.CandidateName));
        Assert.Equal(["a=1, gaussian"], ensemble.Candidates(labelled: false).Select(c => c.CandidateName));
        Assert.Equal("1", GanOptions.Specs(true).Single(s => s.Name == "a").Default);
        var single = GanOptions.FromParameters(DetectorParameters.Parse("minlgan", GanOptions.Specs(false), []));
        Assert.Equal(0.01, single.A);
        Assert.Equal("0.01", GanOptions.Specs(false).Single(s => s.Name == "a").Default);
        // The ladder is still one parameter away.
        var ladder = GanOptions.FromParameters(DetectorParameters.Parse("eminlgan2", GanOptions.Specs(true), ["a=auto"]));
        Assert.Equal(GanOptions.AutoLadder, ladder.ALadder);
    }

    [Fact]
    public void GivenNoMemberTraining_WhenResolved_ThenMlpMembersTrainBatchedAndConvolutionalOrScheduledOnesSequentially()
    {
        // Round 13 of docs/recipe-study.md: member_training=auto stacks the members where the stack can run.
        var ensemble = GanOptions.FromParameters(DetectorParameters.Parse("eminlgan2", GanOptions.Specs(true), []));
        Assert.Equal("auto", ensemble.MemberTraining);
        Assert.Equal("auto", GanOptions.Specs(true).Single(s => s.Name == "member_training").Default);
        Assert.True(ensemble.BatchedMembers);
        Assert.False((ensemble with { Architecture = "dcgan-small" }).BatchedMembers);
        Assert.False((ensemble with { LearningRateSchedule = "improved-gan" }).BatchedMembers);
        (ensemble with { Architecture = "dcgan-small" }).Validate(); // auto never asks for what cannot run
        var sequential = GanOptions.FromParameters(DetectorParameters.Parse("eminlgan2", GanOptions.Specs(true), ["member_training=sequential"]));
        Assert.False(sequential.BatchedMembers);
        // An explicit batched that cannot run is refused, not quietly changed.
        var e = Assert.Throws<InvalidInputException>(() => (ensemble with { MemberTraining = "batched", Architecture = "dcgan-small" }).Validate());
        Assert.Contains("member_training=batched needs arch=mlp", e.Message);
    }

    [Fact]
    public void GivenBackgroundKindAuto_WhenCandidatesAreListed_ThenGaussianAndBothWithALabelledHoldoutAndGaussianWithout()
    {
        var o = new GanOptions { Background = 1, BackgroundKind = "auto", ALadder = [0.01, 1] };
        Assert.Equal(["a=0.01, gaussian", "a=0.01, both", "a=1, gaussian", "a=1, both"], o.Candidates(labelled: true).Select(c => c.CandidateName));
        Assert.Equal(["a=0.01, gaussian"], o.Candidates(labelled: false).Select(c => c.CandidateName));
        Assert.All(o.Candidates(true), c => Assert.Empty(c.ALadder));
        // Without the background term the kinds are the same network: one candidate per a, not one per kind.
        Assert.Equal(["a=0.01", "a=1"], (o with { Background = 0 }).Candidates(labelled: true).Select(c => c.CandidateName));
        var (train, holdout, _) = Small.Planted();
        var det = new MinLGanDetector(Small.Options(epochs: 3) with { Background = 1, BackgroundKind = "auto" }, 0);
        det.UseHoldout(holdout);
        det.Fit(train);
        Assert.Contains("(chosen on the holdout: a=1, gaussian: ", det.Selection);
        Assert.Contains("; a=1, both: ", det.Selection);
        Assert.Contains(det.MemberOptions[0].BackgroundKind, GanOptions.AutoBackgroundKinds);
    }

    [Fact]
    public void GivenTheParameterText_WhenAIsAuto_ThenTheOptionsCarryTheLadderAndTheGanRefusesIt()
    {
        var p = DetectorParameters.Parse("minlgan", GanOptions.Specs(false), ["a=auto"]);
        var o = GanOptions.FromParameters(p);
        Assert.Equal(GanOptions.AutoLadder, o.ALadder);
        Assert.Equal(GanOptions.Defaults.A, o.A);
        Assert.Throws<InvalidInputException>(() => DetectorParameters.Parse("gan", GanOptions.PlainGanSpecs(), ["a=auto"]));
        Assert.Throws<InvalidInputException>(() => new GanDetector(new GanOptions { A = 0, ALadder = GanOptions.AutoLadder }, 0));
    }
}
