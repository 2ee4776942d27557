using MinLGan.Data;

namespace MinLGan.Core.Tests;

public class SyntheticHoldoutTests
{
    // Row i is (i, 100 + i, 1000 + i): every value names its row, so a shuffled row shows which rows it came from.
    private static Dataset Rows(int n) =>
        new(Enumerable.Range(0, n).SelectMany(i => new float[] { i, 100 + i, 1000 + i }).ToArray(), n, ["a", "b", "c"]);

    [Fact]
    public void GivenTrainingRows_WhenSplit_ThenAFifthIsHeldBackAsNormalAndItsColumnShuffledCopiesAreTheAnomalies()
    {
        var train = Rows(100);
        var (fit, holdout) = SyntheticHoldout.Split(train, new SeededRandom(7), kinds: "dependency");
        Assert.Equal(80, fit.Rows);
        Assert.Equal(40, holdout.Rows);
        Assert.Equal(Enumerable.Repeat(0, 20).Concat(Enumerable.Repeat(1, 20)), holdout.Labels!);
        var held = Enumerable.Range(0, 20).Select(i => (int)holdout.Row(i)[0]).ToArray();
        var fitIds = Enumerable.Range(0, 80).Select(i => (int)fit.Row(i)[0]).ToArray();
        // The held-back rows are whole training rows, and none of them is trained on.
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(new float[] { held[i], 100 + held[i], 1000 + held[i] }, holdout.Row(i).ToArray()));
        Assert.Empty(held.Intersect(fitIds));
        Assert.Equal(Enumerable.Range(0, 100), held.Concat(fitIds).Order());
        // Each column of the anomalies holds exactly the held-back rows' values of that column, in another order...
        for (int j = 0; j < 3; j++)
        {
            int column = j;
            var normal = Enumerable.Range(0, 20).Select(i => holdout.Row(i)[column]).Order();
            var shuffled = Enumerable.Range(20, 20).Select(i => holdout.Row(i)[column]).Order();
            Assert.Equal(normal, shuffled);
        }
        // ...and the columns are shuffled independently: most anomalies mix values of different rows.
        int mixed = Enumerable.Range(20, 20).Count(i => holdout.Row(i)[1] - 100 != holdout.Row(i)[0] || holdout.Row(i)[2] - 1000 != holdout.Row(i)[0]);
        Assert.True(mixed >= 15, $"only {mixed} of 20 anomalies mix rows");
    }

    [Theory]
    [InlineData("local")]
    [InlineData("both")]
    public void GivenLocalAnomalies_WhenSplit_ThenEachIsItsRowsDeviationFromTheColumnMeansStretchedByRootFive(string kinds)
    {
        var train = Rows(100);
        var (_, holdout) = SyntheticHoldout.Split(train, new SeededRandom(7), kinds: kinds);
        var means = Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, 20).Average(i => (double)holdout.Row(i)[j])).ToArray();
        for (int i = 0; i < 20; i++)
        {
            bool local = kinds == "local" || i % 2 == 1;
            var anomaly = holdout.Row(20 + i).ToArray();
            if (local)
                for (int j = 0; j < 3; j++)
                    Assert.Equal(means[j] + Math.Sqrt(5) * (holdout.Row(i)[j] - means[j]), anomaly[j], 3);
            else   // "both": the even anomalies are the dependency kind, values of the held-back rows
                for (int j = 0; j < 3; j++)
                    Assert.Contains(anomaly[j], Enumerable.Range(0, 20).Select(r => holdout.Row(r)[j]));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticHoldout.Split(train, new SeededRandom(7), kinds: "global"));
    }

    [Fact]
    public void GivenASeed_WhenSplitTwice_ThenTheSameRowsAndShufflesAndAnotherSeedGivesOthers()
    {
        var train = Rows(60);
        var a = SyntheticHoldout.Split(train, new SeededRandom(3));
        var b = SyntheticHoldout.Split(train, new SeededRandom(3));
        var c = SyntheticHoldout.Split(train, new SeededRandom(4));
        Assert.Equal(a.Holdout.Values.ToArray(), b.Holdout.Values.ToArray());
        Assert.Equal(a.Fit.Values.ToArray(), b.Fit.Values.ToArray());
        Assert.NotEqual(a.Holdout.Values.ToArray(), c.Holdout.Values.ToArray());
    }

    [Theory]
    [InlineData(12, 5, 7)]        // a fifth is 2: at least 5 rows held back
    [InlineData(100_000, 5000, 95_000)] // a fifth is 20,000: at most 5,000
    public void GivenVerySmallOrLargeData_WhenSplit_ThenTheHeldBackCountIsClamped(int rows, int held, int left)
    {
        var (fit, holdout) = SyntheticHoldout.Split(Rows(rows), new SeededRandom(1));
        Assert.Equal(held * 2, holdout.Rows);
        Assert.Equal(left, fit.Rows);
    }

    [Fact]
    public void GivenTooFewRows_WhenSplit_ThenAClearErrorSaysHowManyAreNeeded()
    {
        var e = Assert.Throws<InvalidInputException>(() => SyntheticHoldout.Split(Rows(9), new SeededRandom(1)));
        Assert.Equal("selection=synthetic needs at least 10 training rows to hold some back; there are 9", e.Message);
    }

    [Fact]
    public void TheSyntheticHoldoutStreamIsADetectorStreamAndNoDataStream()
    {
        Assert.True(SeedStreams.DetectorStreamsContain(SeedStreams.SyntheticHoldoutStream));
        Assert.DoesNotContain(SeedStreams.SyntheticHoldoutStream, SeedStreams.DataStreams);
    }
}
