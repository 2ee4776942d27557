using MinLGan.Data;
using MinLGan.Metrics;

namespace MinLGan.Torch.Tests;

/// <summary>D's background term (not in the paper) and the step budget for small data.</summary>
public class BackgroundTests
{
    /// <summary>
    /// 150 normal rows from N(0, I) in 6 dimensions; the test set holds 100 more and 20 anomalies 5-8 units out in
    /// random directions: far from the data, where an unbounded D may call anything real.
    /// </summary>
    internal static (Dataset Train, Dataset Test) FarAnomalies(int seed = 11)
    {
        var rng = new SeededRandom(seed);
        const int d = 6;
        float[] Normal(int n) => Enumerable.Range(0, n * d).Select(_ => (float)rng.NextGaussian()).ToArray();
        var far = new List<float>();
        for (int i = 0; i < 20; i++)
        {
            var dir = Enumerable.Range(0, d).Select(_ => rng.NextGaussian()).ToArray();
            double norm = Math.Sqrt(dir.Sum(x => x * x)), r = 5 + 3 * rng.NextDouble();
            far.AddRange(dir.Select(x => (float)(r * x / norm)));
        }
        var names = Enumerable.Range(0, d).Select(j => $"x{j}").ToArray();
        var train = new Dataset(Normal(150), 150, names);
        var test = new Dataset([.. Normal(100), .. far], 120, names, [.. Enumerable.Repeat(0, 100), .. Enumerable.Repeat(1, 20)]);
        return (train, test);
    }

    [Fact]
    public void GivenAnomaliesFarFromTheData_WhenDAlsoRejectsABroadBackground_ThenTheyRankAboveTheNormalRowsForEverySeed()
    {
        // Without the background term this set inverts MinLGAN (seed 0: AUC 0.37, the far points look "real" to D).
        var (train, test) = FarAnomalies();
        foreach (int seed in new[] { 0, 1, 2 })
        {
            var det = new MinLGanDetector(new GanOptions { Background = 1, MinSteps = 600, Selection = SelectionMode.Last }, seed);
            det.Fit(train);
            double auc = Auc.Compute(test.Labels!, det.Score(test));
            Assert.True(auc >= 0.95, $"seed {seed}: AUC {auc:F4}");
        }
    }

    /// <summary>
    /// 300 normal rows in 6 dimensions: columns 1-5 from N(0, I), column 0 heavy-tailed (Cauchy: a few rows lie 50-500
    /// units out, as in z-scored byte counts); the test set holds 100 more and 20 anomalies 4-6 units out in columns 1-5.
    /// </summary>
    internal static (Dataset Train, Dataset Test) HeavyTail(int seed = 21)
    {
        var rng = new SeededRandom(seed);
        const int d = 6;
        float[] Rows(int n, double radius)
        {
            var v = new float[n * d];
            for (int i = 0; i < n; i++)
            {
                v[i * d] = (float)Math.Tan(Math.PI * (rng.NextDouble() - 0.5));
                var dir = Enumerable.Range(1, d - 1).Select(_ => rng.NextGaussian()).ToArray();
                double norm = Math.Sqrt(dir.Sum(x => x * x)), r = radius > 0 ? radius + 2 * rng.NextDouble() : 1;
                for (int j = 1; j < d; j++) v[i * d + j] = (float)(radius > 0 ? r * dir[j - 1] / norm : dir[j - 1]);
            }
            return v;
        }
        var names = Enumerable.Range(0, d).Select(j => $"x{j}").ToArray();
        var train = new Dataset(Rows(300, 0), 300, names);
        var test = new Dataset([.. Rows(100, 0), .. Rows(20, 4)], 120, names, [.. Enumerable.Repeat(0, 100), .. Enumerable.Repeat(1, 20)]);
        return (train, test);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(4.0)]
    public void GivenAHeavyTailedColumn_WhenDSeesBoundedInputs_ThenTheyRankAboveTheNormalRowsForEverySeed(double bound)
    {
        var (train, test) = HeavyTail();
        var aucs = new[] { 0, 1, 2 }.Select(seed =>
        {
            var det = new MinLGanDetector(new GanOptions { Background = 1, BackgroundKind = "gaussian", InputBound = bound, MinSteps = 600, Selection = SelectionMode.Last }, seed);
            det.Fit(train);
            return Auc.Compute(test.Labels!, det.Score(test));
        }).ToArray();
        Console.WriteLine($"input_bound={bound}: AUC {string.Join(", ", aucs.Select(a => a.ToString("F4")))}");
        // Measured: unbounded 0.876, 0.710, 0.907; bound 4: 0.987, 0.956, 0.976.
        if (bound > 0) Assert.All(aucs, auc => Assert.True(auc >= 0.94, $"AUCs {string.Join(", ", aucs)}"));
        else Assert.True(aucs.Min() < 0.95, $"the unbounded D is expected to be misled by the heavy tail on some seed, AUCs {string.Join(", ", aucs)}");
    }

    [Fact]
    public void GivenMinSteps_WhenEpochsAreCounted_ThenSmallDataRunsMoreEpochsAndLargeDataKeepsItsEpochs()
    {
        var o = new GanOptions { Epochs = 20, BatchSize = 256, MinSteps = 600 };
        Assert.Equal(600, o.EpochsFor(150));       // one (capped) batch per epoch
        Assert.Equal(120, o.EpochsFor(1300));      // 5 full batches per epoch
        Assert.Equal(20, o.EpochsFor(78_000));     // 304 batches per epoch: 20 epochs already exceed 600 steps
        Assert.Equal(20, (o with { MinSteps = 0 }).EpochsFor(150));
    }
}
