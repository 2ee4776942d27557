using FsCheck.Fluent;
using FsCheck;
using MinLGan.Evaluation;
using MinLGan.Metrics;

namespace MinLGan.Core.Tests;

public class AucTests
{
    [Fact]
    public void GivenScikitLearnCasesWithTies_WhenComputed_ThenAucAndCurveMatch()
    {
        foreach (var c in Fixtures.Get("auc").EnumerateArray())
        {
            var labels = c.GetProperty("labels").Ints();
            var scores = c.GetProperty("scores").Doubles();
            var roc = RocCurve.Compute(labels, scores);
            Assert.Equal(c.GetProperty("auc").GetDouble(), roc.Auc, 12);
            Assert.Equal(c.GetProperty("fpr").Doubles(), roc.FalsePositiveRate.ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
            Assert.Equal(c.GetProperty("tpr").Doubles(), roc.TruePositiveRate.ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
            Assert.Equal(c.GetProperty("thresholds").Doubles(), roc.Thresholds.Skip(1).ToArray());
        }
    }

    [Fact]
    public void GivenAHandExample_WhenComputed_ThenItIsThreeQuarters()
    {
        // Pairs (pos, neg): (0.35>0.1) (0.35<0.4) (0.8>0.1) (0.8>0.4) -> 3 of 4.
        Assert.Equal(0.75, Auc.Compute([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]));
    }

    [Fact]
    public void GivenAllTies_WhenComputed_ThenHalf()
    {
        Assert.Equal(0.5, Auc.Compute([0, 1, 1, 0, 1], [3, 3, 3, 3, 3]));
    }

    [Fact]
    public void GivenOneClass_WhenComputed_ThenError()
    {
        var ex = Assert.Throws<ArgumentException>(() => Auc.Compute([1, 1, 1], [0.1, 0.2, 0.3]));
        Assert.Contains("both classes", ex.Message);
        Assert.Throws<ArgumentException>(() => Auc.Compute([0, 0], [0.1, 0.2]));
    }

    [Fact]
    public void GivenNaNScore_WhenComputed_ThenError()
    {
        Assert.Throws<ArgumentException>(() => Auc.Compute([0, 1], [0.1, double.NaN]));
    }

    private static Arbitrary<(int[] Labels, double[] Scores)> Cases() =>
        Gen.Choose(2, 60).SelectMany(n =>
            Gen.ArrayOf(Gen.Choose(0, 1), n).SelectMany(ls =>
                Gen.ArrayOf(Gen.Choose(-20, 20).Select(i => i / 4.0), n).Select(ss =>
                {
                    var labels = ls.ToArray();
                    labels[0] = 0;
                    labels[1] = 1;
                    return (labels, ss);
                })))
        .ToArbitrary();

    [Fact]
    public void Property_AucIsWithinZeroAndOne() =>
        Prop.ForAll(Cases(), c => Auc.Compute(c.Labels, c.Scores) is >= 0 and <= 1).QuickCheckThrowOnFailure();

    [Fact]
    public void Property_AucIsUnchangedByIncreasingTransforms() =>
        Prop.ForAll(Cases(), c =>
        {
            double a = Auc.Compute(c.Labels, c.Scores);
            double b = Auc.Compute(c.Labels, c.Scores.Select(s => Math.Exp(s) * 3 + 1).ToArray());
            double d = Auc.Compute(c.Labels, c.Scores.Select(s => s * s * s).ToArray());
            return a == b && a == d;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Property_NegatedScoresGiveOneMinusAuc() =>
        Prop.ForAll(Cases(), c =>
            Math.Abs(Auc.Compute(c.Labels, c.Scores.Select(s => -s).ToArray()) - (1 - Auc.Compute(c.Labels, c.Scores))) < 1e-12)
        .QuickCheckThrowOnFailure();

    [Fact]
    public void Property_EqualsThePairCountingDefinition() =>
        Prop.ForAll(Cases(), c =>
        {
            double wins = 0, pairs = 0;
            for (int i = 0; i < c.Labels.Length; i++)
                for (int j = 0; j < c.Labels.Length; j++)
                    if (c.Labels[i] == 1 && c.Labels[j] == 0)
                    {
                        pairs++;
                        wins += c.Scores[i] > c.Scores[j] ? 1 : c.Scores[i] == c.Scores[j] ? 0.5 : 0;
                    }
            return Math.Abs(wins / pairs - Auc.Compute(c.Labels, c.Scores)) < 1e-12;
        }).QuickCheckThrowOnFailure();
}
