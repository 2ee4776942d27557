using MinLGan.Data;
using MinLGan.Evaluation;
using MinLGan.Preprocessing;

namespace MinLGan.Core.Tests;

public class ProtocolTests
{
    [Fact]
    public void GivenFlags_WhenSplit_ThenTrainIsEightyPercentOfNormalsAndTheRestIsDisjoint()
    {
        var flags = Enumerable.Range(0, 1000).Select(i => i % 10 == 0 ? 1 : 0).ToArray();
        var (train, holdout, test) = ProtocolSplitter.Split(flags, 3, new SplitOptions());
        Assert.Equal(720, train.Length);
        Assert.All(train, i => Assert.Equal(0, flags[i]));
        Assert.Equal(1000, train.Length + holdout.Length + test.Length);
        Assert.Empty(train.Intersect(holdout));
        Assert.Empty(train.Intersect(test));
        Assert.Empty(holdout.Intersect(test));
        // Stratified holdout: 5% of the 180 pool normals and 5% of the 100 anomalies.
        Assert.Equal(9, holdout.Count(i => flags[i] == 0));
        Assert.Equal(5, holdout.Count(i => flags[i] == 1));
    }

    [Fact]
    public void GivenMaxTrain_WhenSplit_ThenASubsetOfTheTrainingRowsAndTheSameTestRows()
    {
        var flags = Enumerable.Range(0, 1000).Select(i => i % 10 == 0 ? 1 : 0).ToArray();
        var all = ProtocolSplitter.Split(flags, 3, new SplitOptions());
        var few = ProtocolSplitter.Split(flags, 3, new SplitOptions { MaxTrain = 100 });
        Assert.Equal(100, few.Train.Length);
        Assert.Subset(all.Train.ToHashSet(), few.Train.ToHashSet());
        Assert.Equal(all.Test, few.Test);
        Assert.Equal(all.Holdout, few.Holdout);
        // A random subset, not the lowest row numbers.
        Assert.True(few.Train.Max() > 500);
        Assert.Equal(all.Train, ProtocolSplitter.Split(flags, 3, new SplitOptions { MaxTrain = 5000 }).Train);
        var e = Assert.Throws<InvalidInputException>(() => ProtocolSplitter.Split(flags, 3, new SplitOptions { MaxTrain = 1 }));
        Assert.Contains("at most 1 training rows: expected 0 (all rows) or at least 2", e.Message);
    }

    [Fact]
    public void GivenMaxTest_WhenSplit_ThenATestSubsetKeepingEachClassShare_AndTheSameTrainAndHoldout()
    {
        var flags = Enumerable.Range(0, 5000).Select(i => i % 10 == 0 ? 1 : 0).ToArray();
        var (train, holdout, test) = ProtocolSplitter.Split(flags, 4, new SplitOptions());
        var (cTrain, cHoldout, cTest) = ProtocolSplitter.Split(flags, 4, new SplitOptions { MaxTest = 300 });
        Assert.Equal(train, cTrain);
        Assert.Equal(holdout, cHoldout);
        Assert.Equal(300, cTest.Length);
        Assert.Subset(test.ToHashSet(), cTest.ToHashSet());
        Assert.True(cTest.SequenceEqual(cTest.Order()));
        double share = test.Count(i => flags[i] == 1) / (double)test.Length;
        Assert.Equal((int)Math.Round(300 * (1 - share)), cTest.Count(i => flags[i] == 0));
        Assert.Equal(cTest, ProtocolSplitter.Split(flags, 4, new SplitOptions { MaxTest = 300 }).Test);
        Assert.NotEqual(cTest, ProtocolSplitter.Split(flags, 5, new SplitOptions { MaxTest = 300 }).Test);
        // A class too small for its share still keeps one row; a cap above the test rows changes nothing.
        var rare = Enumerable.Range(0, 5000).Select(i => i == 7 || i == 9 ? 1 : 0).ToArray();
        var (_, _, rareTest) = ProtocolSplitter.Split(rare, 4, new SplitOptions { MaxTest = 50, HoldoutFraction = 0 });
        Assert.Equal(1, rareTest.Count(i => rare[i] == 1));
        Assert.Equal(test, ProtocolSplitter.Split(flags, 4, new SplitOptions { MaxTest = 100000 }).Test);
        Assert.Throws<InvalidInputException>(() => new SplitOptions { MaxTest = 1 }.Validate());
    }

    [Fact]
    public void GivenSubsample_WhenDrawn_ThenSortedDistinctAndSeeded()
    {
        var a = ProtocolSplitter.Subsample(1000, 50, 7);
        Assert.Equal(50, a.Distinct().Count());
        Assert.Equal(a.Order(), a);
        Assert.Equal(a, ProtocolSplitter.Subsample(1000, 50, 7));
        Assert.NotEqual(a, ProtocolSplitter.Subsample(1000, 50, 8));
        Assert.Equal(Enumerable.Range(0, 10), ProtocolSplitter.Subsample(10, 50, 7));
    }

    [Fact]
    public void GivenTheSameSeed_WhenSplit_ThenIdentical_AndAnotherSeedDiffers()
    {
        var flags = Enumerable.Range(0, 500).Select(i => i % 7 == 0 ? 1 : 0).ToArray();
        var a = ProtocolSplitter.Split(flags, 1, new SplitOptions());
        var b = ProtocolSplitter.Split(flags, 1, new SplitOptions());
        var c = ProtocolSplitter.Split(flags, 2, new SplitOptions());
        Assert.Equal(a.Train, b.Train);
        Assert.Equal(a.Holdout, b.Holdout);
        Assert.NotEqual(a.Train, c.Train);
    }

    [Fact]
    public void GivenNoAnomalies_WhenSplit_ThenAClearError()
    {
        Assert.Throws<InvalidInputException>(() => ProtocolSplitter.Split([0, 0, 0, 0], 0, new SplitOptions()));
    }

    [Theory]
    [InlineData(1.0, 0.05, "train fraction")]
    [InlineData(0.8, 0.9, "holdout fraction")]
    public void GivenBadSplitOptions_WhenValidated_ThenTheOptionIsNamed(double train, double holdout, string name)
    {
        var ex = Assert.Throws<InvalidInputException>(() => new SplitOptions { TrainFraction = train, HoldoutFraction = holdout }.Validate());
        Assert.Contains(name, ex.Message);
    }

    [Fact]
    public void GivenAnUnknownProtocol_WhenLookedUp_ThenTheMessageListsTheKnownOnes()
    {
        var ex = Assert.Throws<InvalidInputException>(() => Protocols.Get("shu-b"));
        Assert.Contains("shu-a", ex.Message);
        Assert.Contains("kdd-a", ex.Message);
    }

    [Fact]
    public void GivenOnlyTheOddsCoverFile_WhenCovAIsLoaded_ThenTheMessageSaysWhichFileItNeeds()
    {
        using var dir = new TempDir();
        dir.Write("cover.csv", string.Join(',', CovertypeReader.QuantitativeNames) + ",Cover_Type\n1,2,3,4,5,6,7,8,9,10,2\n");
        var ex = Assert.Throws<InvalidInputException>(() => Protocols.Get("cov-a").Load(DataLocator.Resolve(dir.Path), null));
        Assert.Contains("covtype.data", ex.Message);
        Assert.Contains("classes 2 and 4 only", ex.Message);
    }

    [Fact]
    public void GivenTheMoonsProtocol_WhenSplit_ThenTrainIsNormalAndTestHoldsTheUniformAnomalies()
    {
        var data = Protocols.Get("moons").Load(DataLocator.Resolve(null), null);
        var s = data.Split(0, new SplitOptions());
        Assert.Equal(1600, s.Train.Rows);
        Assert.Equal(0, s.Train.AnomalyCount);
        Assert.Equal(100, s.Test.AnomalyCount + s.Holdout.AnomalyCount);
        Assert.Equal(s.Test.Values.ToArray(), data.Split(0, new SplitOptions()).Test.Values.ToArray());
    }

    [Fact]
    public void GivenScikitLearnsScaler_WhenFitted_ThenMeanAndScaleMatch_AndConstantColumnsGetScaleOne()
    {
        var f = Fixtures.Get("scaler");
        var x = f.GetProperty("x").Matrix().ToDataset();
        var sc = FeatureScaler.Fit(x);
        var mean = f.GetProperty("mean").Doubles();
        var scale = f.GetProperty("scale").Doubles();
        for (int j = 0; j < mean.Length; j++)
        {
            Assert.Equal(mean[j], sc.Offset[j], 5);
            Assert.Equal(scale[j], sc.Scale[j], 5);
        }
        Assert.Equal(1.0, sc.Scale[1]);
        var t = sc.Transform(x);
        Assert.All(Enumerable.Range(0, t.Rows), i => Assert.Equal(0f, t.Row(i)[1]));
    }
}

public class DataLocatorTests
{
    [Fact]
    public void GivenAMissingExplicitFolder_WhenResolved_ThenAnError()
    {
        Assert.Contains("/nonexistent/data: data folder not found",
            Assert.Throws<InvalidInputException>(() => DataLocator.Resolve("/nonexistent/data")).Message);
    }

    [Fact]
    public void GivenAFolderWithoutShuttle_WhenShuAIsLoaded_ThenTheMessageNamesFilesAndFolder()
    {
        using var dir = new TempDir();
        var ex = Assert.Throws<InvalidInputException>(() => Protocols.Get("shu-a").Load(DataLocator.Resolve(dir.Path), null));
        Assert.Contains("shuttle.trn and shuttle.tst", ex.Message);
        Assert.Contains(dir.Path, ex.Message);
    }

    [Fact]
    public void GivenFilesInASubfolder_WhenFound_ThenPlainAndGzipNamesAreAccepted()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "shuttle"));
        File.WriteAllText(Path.Combine(dir.Path, "shuttle", "shuttle.trn.gz"), "");
        var loc = DataLocator.Resolve(dir.Path);
        Assert.EndsWith("shuttle/shuttle.trn.gz", loc.Find("shuttle.trn"));
        Assert.Null(loc.Find("shuttle.tst"));
    }
}

public class MinMaxScalerTests
{
    [Fact]
    public void GivenTrainingRows_WhenMinMaxIsFitted_ThenTrainSpansZeroToOneAndConstantColumnsGetScaleOne()
    {
        double[][] x = [[1, 5, 2], [3, 5, 4], [2, 5, 10]];
        var sc = FeatureScaler.Fit(x.ToDataset(), ScalerKind.MinMax);
        Assert.Equal([1.0, 5.0, 2.0], sc.Offset);
        Assert.Equal([2.0, 1.0, 8.0], sc.Scale);
        var t = sc.Transform(x.ToDataset());
        Assert.Equal([0f, 0f, 0f], t.Row(0).ToArray());
        Assert.Equal([1f, 0f, 0.25f], t.Row(1).ToArray());
        // Test rows may leave [0, 1]: the scaling is learned from training rows only.
        Assert.Equal([2f, 2f, -0.25f], sc.Transform(new double[][] { [5, 7, 0] }.ToDataset()).Row(0).ToArray());
        Assert.Equal("minmax", sc.Name);
        Assert.Null(FeatureScaler.Parse("none"));
        Assert.Throws<InvalidInputException>(() => FeatureScaler.Parse("robust"));
    }
}

public class L2ScalerTests
{
    [Fact]
    public void GivenScikitLearnsNormalizer_WhenL2IsApplied_ThenRowsMatch_AndAZeroRowStaysZero()
    {
        var f = Fixtures.Get("normalizer");
        var x = f.GetProperty("x").Matrix();
        var expected = f.GetProperty("out").Matrix();
        var sc = FeatureScaler.Fit(x.ToDataset(), ScalerKind.L2);
        Assert.Equal("l2", sc.Name);
        Assert.Equal(ScalerKind.L2, FeatureScaler.Parse("l2"));
        Assert.All(sc.Offset, o => Assert.Equal(0.0, o));
        Assert.All(sc.Scale, s => Assert.Equal(1.0, s));
        var t = sc.Transform(x.ToDataset());
        for (int i = 0; i < expected.Length; i++)
            for (int j = 0; j < expected[i].Length; j++)
                Assert.Equal(expected[i][j], t.Row(i)[j], 6);
        Assert.All(t.Row(6).ToArray(), v => Assert.Equal(0f, v));
        // Nothing is learned: a row unseen in fitting is scaled by its own length only.
        Assert.Equal([0.6f, 0.8f, 0f, 0f, 0f], sc.Transform(new double[][] { [3, 4, 0, 0, 0] }.ToDataset()).Row(0).ToArray());
        Assert.Contains("an l2 scaler", Assert.Throws<InvalidInputException>(() => FeatureScaler.FromStatistics(ScalerKind.L2, [1.0], [1.0])).Message);
    }
}

public class AutoScalerTests
{
    [Fact]
    public void GivenFlagsAndNumbers_WhenAutoIsFitted_ThenTwoValuedColumnsAreMinMaxedAndTheRestZScored()
    {
        // Column 0: a rare flag (z-scores would put its 1 at 2.6); column 1: a number; column 2: constant; column 3: two values, not 0/1.
        double[][] x = [[0, 1, 7, 10], [0, 2, 7, 20], [0, 3, 7, 10], [0, 4, 7, 20], [0, 5, 7, 10], [0, 6, 7, 10], [1, 7, 7, 20]];
        var auto = FeatureScaler.Fit(x.ToDataset(), ScalerKind.Auto);
        var standard = FeatureScaler.Fit(x.ToDataset(), ScalerKind.Standard);
        var minmax = FeatureScaler.Fit(x.ToDataset(), ScalerKind.MinMax);
        Assert.Equal([minmax.Offset[0], standard.Offset[1], minmax.Offset[2], minmax.Offset[3]], auto.Offset);
        Assert.Equal([minmax.Scale[0], standard.Scale[1], minmax.Scale[2], minmax.Scale[3]], auto.Scale);
        var t = auto.Transform(x.ToDataset());
        Assert.Equal(1f, t.Row(6)[0]);
        Assert.Equal(0f, t.Row(6)[2]);
        Assert.Equal("auto", auto.Name);
        Assert.Equal("auto: 1 columns z-scored, 3 columns with at most two values min-maxed to [0, 1]", auto.Resolution);
        Assert.Equal(ScalerKind.Auto, FeatureScaler.Parse("auto"));
    }
}
