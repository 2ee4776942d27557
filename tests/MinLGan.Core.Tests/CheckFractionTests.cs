using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Evaluation;
using MinLGan.Metrics;
using MinLGan.Preprocessing;

namespace MinLGan.Core.Tests;

/// <summary>--check-fraction: part of the holdout is kept back from selection and checks it.</summary>
public class CheckFractionTests
{
    [Fact]
    public void GivenHoldoutLabels_WhenSplitForChecking_ThenEachClassIsSplitByTheFractionDisjointlyAndBySeed()
    {
        var labels = Enumerable.Range(0, 30).Select(i => i < 20 ? 0 : 1).ToArray(); // 20 normal, 10 anomalies
        var (select, check) = ProtocolSplitter.SplitCheck(labels, 4, 0.5);
        Assert.Equal(10, check.Count(i => labels[i] == 0));
        Assert.Equal(5, check.Count(i => labels[i] == 1));
        Assert.Equal(Enumerable.Range(0, 30), select.Concat(check).Order());
        Assert.Equal(check, ProtocolSplitter.SplitCheck(labels, 4, 0.5).Check);
        Assert.NotEqual(check, ProtocolSplitter.SplitCheck(labels, 5, 0.5).Check);
        // At least one row and at most n - 1 per class; a class of one row stays on the selection side.
        var tiny = ProtocolSplitter.SplitCheck([0, 0, 0, 1], 0, 0.1);
        Assert.Single(tiny.Check);
        Assert.DoesNotContain(3, tiny.Check);
        Assert.Empty(ProtocolSplitter.SplitCheck(labels, 4, 0).Check);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(0.95)]
    public void GivenABadCheckFraction_WhenValidated_ThenItIsNamed(double fraction)
    {
        var ex = Assert.Throws<InvalidInputException>(() => new SplitOptions { CheckFraction = fraction }.Validate());
        Assert.Contains("check fraction", ex.Message);
    }

    [Fact]
    public void GivenACheckFraction_WhenEvaluated_ThenTheHoldoutAucIsOnTheSelectionRowsTheCheckAucOnTheRestAndTheTestRowsAreUnchanged()
    {
        var info = DetectorRegistry.CreateDefault().Get("iforest");
        var parameters = DetectorParameters.Parse(info.Name, info.Parameters, []);
        var data = Protocols.Get("moons").Load(DataLocator.Resolve(null), null);
        var split = new SplitOptions { HoldoutFraction = 0.2, CheckFraction = 0.5 };

        var checkedRun = Evaluator.Run(data, info, parameters, 2, ScalerKind.Standard, split);
        var plain = Evaluator.Run(data, info, parameters, 2, ScalerKind.Standard, split with { CheckFraction = 0 });

        var holdout = checkedRun.Scaled.Holdout;
        var (select, check) = ProtocolSplitter.SplitCheck(holdout.Labels!, 2, 0.5);
        var r = checkedRun.Result;
        Assert.Equal(check.Length, r.NCheck);
        Assert.True(r.NCheck > 0);
        Assert.Equal(holdout.Rows, r.NHoldout);
        Assert.Equal(Auc.Compute(holdout.Select(select).Labels!, checkedRun.Detector.Score(holdout.Select(select))), r.HoldoutAuc);
        Assert.Equal(Auc.Compute(holdout.Select(check).Labels!, checkedRun.Detector.Score(holdout.Select(check))), r.CheckAuc);
        Assert.Null(plain.Result.CheckAuc);
        Assert.Equal(0, plain.Result.NCheck);
        Assert.Equal(plain.TestScores, checkedRun.TestScores);   // iforest ignores the holdout: same model, same test rows
    }
}
