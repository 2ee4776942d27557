using System.Text.Json;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Persistence;
using MinLGan.Preprocessing;

namespace MinLGan.Core.Tests;

public class KnnContractTests : DetectorContractTests
{
    protected override IAnomalyDetector Create(int seed) => new KnnDetector(new NeighborOptions());
}

public class LofContractTests : DetectorContractTests
{
    protected override IAnomalyDetector Create(int seed) => new LofDetector(new NeighborOptions { K = NeighborOptions.LofDefaultK });

    protected override string? TinyDataSkipReason =>
        "with 8 rows lof's k = 20 is capped at 7, so every neighbourhood is the whole set and every row scores the same "
        + "(scikit-learn's LocalOutlierFactor(novelty=True) too: 0.968 for all eight); k = 3 is checked in NeighborDetectorTests";
}

/// <summary>knn and lof against scikit-learn's NearestNeighbors and LocalOutlierFactor(novelty=True) (Fixtures/make_neighbor_fixtures.py).</summary>
public class NeighborDetectorTests
{
    public static TheoryData<int> FixtureCases() => new(Enumerable.Range(0, Fixtures.Neighbor("cases").GetArrayLength()));

    private static (Dataset Train, Dataset Test, JsonElement Case) Case(int index)
    {
        var c = Fixtures.Neighbor("cases")[index];
        var data = Fixtures.Neighbor("datasets").GetProperty(c.GetProperty("dataset").GetString()!);
        return (data.GetProperty("train").Matrix().ToDataset(), data.GetProperty("test").Matrix().ToDataset(), c);
    }

    /// <summary>|ours − sklearn| ≤ 1e-5 · max(1, |sklearn|): the rows are float32, distances summed in float32.</summary>
    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])),
                $"{what}[{i}]: ours {actual[i]:R}, scikit-learn {expected[i]:R}");
    }

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void GivenScikitLearnsFixture_WhenNeighboursAreSearched_ThenDistancesAndIndicesAgree(int index)
    {
        var (train, test, c) = Case(index);
        int k = c.GetProperty("k").GetInt32();
        var neighbors = new NeighborIndex(train);
        var (d, i) = neighbors.Query(test, k, excludeSelf: false, threads: 0);
        AssertClose(c.GetProperty("knn_test").Matrix().SelectMany(r => r).ToArray(), d, "test distances");
        Assert.Equal(c.GetProperty("knn_test_index").EnumerateArray().SelectMany(r => r.Ints()).ToArray(), i);
        var (dt, _) = neighbors.Query(train, k, excludeSelf: true, threads: 1);
        AssertClose(c.GetProperty("knn_train").Matrix().SelectMany(r => r).ToArray(), dt, "training distances (self left out)");
    }

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void GivenScikitLearnsFixture_WhenKnnScores_ThenLargestMeanAndMedianArePyODsAndTheThresholdComesFromLeftOutTrainingScores(int index)
    {
        var (train, test, c) = Case(index);
        int k = c.GetProperty("k").GetInt32();
        var testDistances = c.GetProperty("knn_test").Matrix();
        var trainDistances = c.GetProperty("knn_train").Matrix();
        static double Median(double[] r) => r.Length % 2 == 1 ? r[r.Length / 2] : (r[r.Length / 2 - 1] + r[r.Length / 2]) / 2;
        foreach (var (method, f) in new (string, Func<double[], double>)[] { ("largest", r => r[^1]), ("mean", r => r.Average()), ("median", Median) })
        {
            var det = new KnnDetector(new NeighborOptions { K = k, Method = method });
            det.Fit(train);
            AssertClose(testDistances.Select(f).ToArray(), det.Score(test), $"knn {method}");
            // PyOD: threshold_ = percentile(decision_scores_, 100 (1 - contamination)), training rows not their own neighbours.
            Assert.Equal(DetectorBase.Quantile(trainDistances.Select(f).ToArray(), 0.9), det.Threshold, 5);
        }
    }

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void GivenScikitLearnsFixture_WhenLofScores_ThenNoveltyScoresAndTrainingFactorsAgree(int index)
    {
        var (train, test, c) = Case(index);
        var det = new LofDetector(new NeighborOptions { K = c.GetProperty("k").GetInt32() });
        det.Fit(train);
        AssertClose(c.GetProperty("lof_test").Doubles(), det.Score(test), "lof(test)");
        Assert.Equal(DetectorBase.Quantile(c.GetProperty("lof_train").Doubles(), 0.9), det.Threshold, 4);
    }

    [Fact]
    public void GivenScikitLearnsEightPoints_WhenLofHasThreeNeighbours_ThenItsScoresAreScikitLearnsAndTheLastTwoRankHighest()
    {
        double[][] x = [[-2, -1], [-1, -1], [-1, -2], [1, 1], [1, 2], [2, 1], [6, 3], [-4, 7]];
        var det = new LofDetector(new NeighborOptions { K = 3 });
        det.Fit(x.ToDataset());
        var scores = det.Score(x.ToDataset());
        // LocalOutlierFactor(novelty=True, n_neighbors=3).fit(x).score_samples(x), negated (scikit-learn 1.2.1).
        AssertClose([1, 1, 1, 1, 1, 1, 1.32649541, 1.86909776], scores, "lof(eight points)");
    }

    [Fact]
    public void GivenMoreNeighboursThanRows_WhenFitted_ThenKIsCappedAtTheRowsMinusOneAndSaid()
    {
        var (train, _, _) = Case(0);
        var small = train.Select(Enumerable.Range(0, 8).ToArray());
        var det = new LofDetector(new NeighborOptions { K = 20 });
        det.Fit(small);
        Assert.Equal(7, det.EffectiveK);
        Assert.Contains("capped", det.ModelSummary["k"]);
    }

    [Fact]
    public void GivenEqualDistances_WhenSearched_ThenTheLowerIndexComesFirstWhateverTheThreads()
    {
        // Four rows at the same distance from the origin; the query is the origin.
        var rows = new[] { new double[] { 1, 0 }, [0, 1], [-1, 0], [0, -1], [3, 3] }.ToDataset();
        var query = new[] { new double[] { 0, 0 } }.ToDataset();
        var index = new NeighborIndex(rows);
        Assert.Equal([0, 1, 2], index.Query(query, 3, false, 1).Indices);
        Assert.Equal([0, 1, 2], index.Query(query, 3, false, 0).Indices);
    }

    [Theory]
    [InlineData("knn", "k=3")]
    [InlineData("lof", "k=10")]
    public void GivenAFittedNeighbourModel_WhenSavedAndLoaded_ThenScoresAndThresholdAreIdentical(string name, string param)
    {
        var registry = DetectorRegistry.CreateDefault();
        var (train, test, _) = Case(3);
        var info = registry.Get(name);
        var p = DetectorParameters.Parse(name, info.Parameters, [param]);
        var det = info.Create(p, 0);
        det.Fit(train);
        var model = new AnomalyModel(p, 0, train.FeatureNames.ToArray(), null, new InputSpec("csv", null, []), null, det);
        using var dir = new TempDir();
        string path = dir.File("m.minlgan");
        ModelFile.Save(path, model, registry);
        var loaded = ModelFile.Load(path, registry);
        Assert.Equal(det.Score(test), loaded.Detector.Score(test));
        Assert.Equal(det.Threshold, loaded.Detector.Threshold);
    }

    [Fact]
    public void GivenADamagedLofPayload_WhenLoaded_ThenAClearErrorNamesWhatIsWrong()
    {
        var (train, _, _) = Case(0);
        var det = new LofDetector(new NeighborOptions { K = 5 });
        det.Fit(train);
        var ms = new MemoryStream();
        det.SavePayload(ms);
        byte[] bytes = ms.ToArray();
        var truncated = Assert.Throws<InvalidInputException>(() => LofDetector.Load(new MemoryStream(bytes[..^8]), det.Options, det.Threshold));
        Assert.Contains("truncated", truncated.Message);
        var negative = (byte[])bytes.Clone();
        BitConverter.GetBytes(-1.0).CopyTo(negative, negative.Length - 8); // the last row's density
        var bad = Assert.Throws<InvalidInputException>(() => LofDetector.Load(new MemoryStream(negative), det.Options, det.Threshold));
        Assert.Contains("density of stored row 75", bad.Message);
        var otherK = Assert.Throws<InvalidInputException>(() => LofDetector.Load(new MemoryStream(bytes), det.Options with { K = 6 }, det.Threshold));
        Assert.Contains("disagrees with the manifest", otherK.Message);
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(9, false)]
    [InlineData(4, true)]    // integer rows: many equal distances
    public void GivenLowDimensionalRows_WhenTheTreeSearches_ThenItReturnsExactlyWhatTheFullScanReturns(int columns, bool integers)
    {
        var rng = new SeededRandom(columns);
        int n = 2000;
        var values = Enumerable.Range(0, n * columns)
            .Select(_ => integers ? (float)rng.NextInt(4) : (float)(rng.NextGaussian() * (rng.NextDouble() < 0.05 ? 5 : 1))).ToArray();
        var tree = new NeighborIndex(values, n, columns);
        var scan = new NeighborIndex(values, n, columns, allowTree: false);
        Assert.True(tree.UsesTree);
        Assert.False(scan.UsesTree);
        var rows = new Dataset(values, n, Enumerable.Range(0, columns).Select(j => $"f{j}").ToArray());
        var queries = new Dataset(Enumerable.Range(0, 300 * columns).Select(_ => (float)(rng.NextGaussian() * 2)).ToArray(), 300, rows.FeatureNames);
        foreach (int k in new[] { 1, 7, 40 })
        {
            foreach (var (q, self) in new[] { (queries, false), (rows, true) })
            {
                var expected = scan.Query(q, k, self, 1);
                var actual = tree.Query(q, k, self, 0);
                Assert.Equal(expected.Distances, actual.Distances);
                Assert.Equal(expected.Indices, actual.Indices);
            }
        }
    }

    [Fact]
    public void GivenWideRowsSpanningSeveralCacheTiles_WhenScanned_ThenEachQueryGetsItsKSmallestDistanceIndexPairs()
    {
        // 600 features: the scan walks 300 stored rows in tiles of 109, resuming each query's best-k across tiles.
        var rng = new SeededRandom(5);
        int n = 300, d = 600;
        var values = Enumerable.Range(0, n * d).Select(_ => (float)rng.NextInt(3)).ToArray(); // few distinct distances: ties
        var rows = new Dataset(values, n, Enumerable.Range(0, d).Select(j => $"f{j}").ToArray());
        var index = new NeighborIndex(rows);
        Assert.False(index.UsesTree);
        var (dist, idx) = index.Query(rows, 9, excludeSelf: true, threads: 0);
        for (int q = 0; q < n; q++)
        {
            var expected = Enumerable.Range(0, n).Where(r => r != q)
                .Select(r => (D: (double)System.Numerics.Tensors.TensorPrimitives.Distance(rows.Row(q), rows.Row(r)), R: r))
                .OrderBy(p => p.D).ThenBy(p => p.R).Take(9).ToArray();
            Assert.Equal(expected.Select(p => p.R), idx.Skip(q * 9).Take(9));
            Assert.Equal(expected.Select(p => p.D), dist.Skip(q * 9).Take(9));
        }
    }
}
