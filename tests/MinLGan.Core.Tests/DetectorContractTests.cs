using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Metrics;

namespace MinLGan.Core.Tests;

/// <summary>
/// The contract every detector must keep (scikit-learn's check_outliers_train, plus three checks peers fail:
/// scores independent of the other rows and the batch size, no noise at scoring time, constant training columns).
/// A detector's test class inherits this and supplies <see cref="Create"/>.
/// </summary>
public abstract class DetectorContractTests
{
    /// <summary>An unfitted detector with this seed (contamination 0.1).</summary>
    protected abstract IAnomalyDetector Create(int seed);

    /// <summary>
    /// Why the 8-row known-answer check does not apply to this detector (shown as a skip), or null when it does.
    /// </summary>
    protected virtual string? TinyDataSkipReason => null;

    /// <summary>Why the planted-cluster check (AUC above 0.95) is a known failure of this detector (shown as a skip), or null.</summary>
    protected virtual string? PlantedSkipReason => null;

    /// <summary>
    /// Seeded Gaussian blob (normal) with a planted far cluster (anomalies) in the test part; <paramref name="d"/> sets the
    /// width (image detectors override this with images whose size grows with d).
    /// </summary>
    protected virtual (Dataset Train, Dataset Test) Blobs(int seed = 7, int d = 4)
    {
        var rng = new SeededRandom(seed);
        float[] Draw(int n, double shift) => Enumerable.Range(0, n * d).Select(_ => (float)(rng.NextGaussian() + shift)).ToArray();
        var names = Enumerable.Range(0, d).Select(j => $"f{j}").ToArray();
        var train = new Dataset(Draw(300, 0), 300, names);
        var testValues = Draw(60, 0).Concat(Draw(20, 5)).ToArray();
        var labels = Enumerable.Repeat(0, 60).Concat(Enumerable.Repeat(1, 20)).ToArray();
        return (train, new Dataset(testValues, 80, names, labels));
    }

    [Fact]
    public void GivenAFittedDetector_WhenScoring_ThenOneFiniteScorePerRow()
    {
        var (train, test) = Blobs();
        var det = Create(0);
        det.Fit(train);
        var scores = det.Score(test);
        Assert.Equal(test.Rows, scores.Length);
        Assert.All(scores, s => Assert.True(double.IsFinite(s)));
    }

    [Fact]
    public void GivenAFittedDetector_WhenPredicting_ThenPredictIsScoreAboveThreshold()
    {
        var (train, test) = Blobs();
        var det = Create(0);
        det.Fit(train);
        var scores = det.Score(test);
        Assert.Equal(scores.Select(s => s > det.Threshold).ToArray(), det.Predict(test));
        // The threshold is the (1 - contamination) quantile of training scores: about 10% of training rows lie above it.
        double above = det.Predict(train).Count(p => p) / (double)train.Rows;
        Assert.InRange(above, 0.05, 0.15);
    }

    [SkippableFact]
    public void GivenPlantedAnomalies_WhenScored_ThenTheyRankAboveNormalRows()
    {
        Skip.If(PlantedSkipReason is not null, PlantedSkipReason);
        var (train, test) = Blobs();
        var det = Create(0);
        det.Fit(train);
        double auc = MinLGan.Metrics.Auc.Compute(test.Labels!, det.Score(test));
        Assert.True(auc > 0.95, $"AUC {auc:F4}");
    }

    [SkippableFact]
    public void GivenScikitLearnsEightPoints_WhenScored_ThenTheLastTwoRankHighest()
    {
        Skip.If(TinyDataSkipReason is not null, TinyDataSkipReason);
        // sklearn/utils/estimator_checks.py check_outlier_corruption's toy set.
        double[][] x = [[-2, -1], [-1, -1], [-1, -2], [1, 1], [1, 2], [2, 1], [6, 3], [-4, 7]];
        var data = x.ToDataset();
        var det = Create(0);
        det.Fit(data);
        var scores = det.Score(data);
        var top2 = scores.Select((s, i) => (s, i)).OrderByDescending(t => t.s).Take(2).Select(t => t.i).Order();
        Assert.Equal([6, 7], top2);
    }

    [Fact]
    public void GivenNoFit_WhenScoring_ThenItThrows()
    {
        var (_, test) = Blobs();
        Assert.Throws<InvalidOperationException>(() => Create(0).Score(test));
    }

    [Fact]
    public void GivenWrongColumnCount_WhenScoring_ThenAClearError()
    {
        var (train, _) = Blobs(d: 4);
        var (_, other) = Blobs(d: 3);
        var det = Create(0);
        det.Fit(train);
        var ex = Assert.Throws<InvalidInputException>(() => det.Score(other));
        Assert.Contains($"{train.Columns} features", ex.Message);
    }

    [Fact]
    public void GivenTheSameSeed_WhenFittedTwice_ThenScoresAreIdentical()
    {
        var (train, test) = Blobs();
        var a = Create(3);
        var b = Create(3);
        a.Fit(train);
        b.Fit(train);
        Assert.Equal(a.Score(test), b.Score(test));
    }

    [Fact]
    public void GivenAFittedDetector_WhenScoredTwice_ThenScoresAreIdentical()
    {
        var (train, test) = Blobs();
        var det = Create(0);
        det.Fit(train);
        Assert.Equal(det.Score(test), det.Score(test));
    }

    [Fact]
    public void GivenOtherRowsOrBatches_WhenScoring_ThenEachRowsScoreIsUnchanged()
    {
        var (train, test) = Blobs();
        var det = Create(0);
        det.Fit(train);
        var all = det.Score(test);
        for (int i = 0; i < test.Rows; i += 7)
            Assert.Equal(all[i], det.Score(test.Select([i]))[0]);
        var reversed = Enumerable.Range(0, test.Rows).Reverse().ToArray();
        Assert.Equal(reversed.Select(i => all[i]).ToArray(), det.Score(test.Select(reversed)));
        var firstHalf = Enumerable.Range(0, test.Rows / 2).ToArray();
        Assert.Equal(all.Take(firstHalf.Length).ToArray(), det.Score(test.Select(firstHalf)));
    }

    [Fact]
    public void GivenAColumnConstantInTraining_WhenATestRowDiffersThere_ThenScoresStayFinite()
    {
        var (train, test) = Blobs(d: 3);
        float[] tv = train.Values.ToArray();
        for (int i = 0; i < train.Rows; i++) tv[i * 3 + 1] = 2.5f;
        var constTrain = train.WithValues(tv);
        float[] sv = test.Values.ToArray();
        for (int i = 0; i < test.Rows; i++) sv[i * 3 + 1] = 1e6f;
        var det = Create(0);
        det.Fit(constTrain);
        Assert.All(det.Score(test.WithValues(sv)), s => Assert.True(double.IsFinite(s)));
    }

    [Fact]
    public void GivenNonFiniteValues_WhenFittingOrScoring_ThenAClearError()
    {
        var (train, test) = Blobs();
        float[] v = train.Values.ToArray();
        v[5] = float.NaN;
        Assert.Throws<InvalidInputException>(() => Create(0).Fit(train.WithValues(v)));
        var det = Create(0);
        det.Fit(train);
        float[] w = test.Values.ToArray();
        w[0] = float.PositiveInfinity;
        var ex = Assert.Throws<InvalidInputException>(() => det.Score(test.WithValues(w)));
        Assert.Contains("row 1", ex.Message);
    }
}
