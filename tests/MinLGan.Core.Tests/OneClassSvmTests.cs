using System.Text.Json;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Detectors.Svm;

namespace MinLGan.Core.Tests;

public class OneClassSvmContractTests : DetectorContractTests
{
    protected override IAnomalyDetector Create(int seed) => new OneClassSvm(new OneClassSvmOptions { Nu = 0.1 });
}

public class OneClassSvmTests
{
    public static TheoryData<int> FixtureCases() =>
        new(Enumerable.Range(0, Fixtures.Ocsvm("cases").GetArrayLength()));

    private static OneClassSvm FitCase(JsonElement c, int threads = 0, bool shrinking = true, double cacheMb = 200)
    {
        var options = new OneClassSvmOptions
        {
            Kernel = Enum.Parse<SvmKernelType>(c.GetProperty("kernel").GetString()!, ignoreCase: true),
            Nu = c.GetProperty("nu").GetDouble(),
            Gamma = c.GetProperty("gamma").GetString()!,
            Threads = threads,
            Shrinking = shrinking,
            CacheMb = cacheMb,
        };
        var model = new OneClassSvm(options);
        model.Fit(c.GetProperty("train").Matrix().ToDataset());
        return model;
    }

    /// <summary>|ours − sklearn| ≤ 1e-5 · max |sklearn| over the case (relative to the case's scale: linear-kernel values sit near 0).</summary>
    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(expected.Max(Math.Abs), 1e-12);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * scale,
                $"{what}[{i}]: ours {actual[i]:R}, scikit-learn {expected[i]:R} (scale {scale:G4})");
    }

    [Theory]
    [MemberData(nameof(FixtureCases))]
    public void GivenScikitLearnsFixture_WhenFitted_ThenDecisionValuesSupportVectorsAndOffsetAgree(int index)
    {
        var c = Fixtures.Ocsvm("cases")[index];
        var model = FitCase(c);
        string name = $"{c.GetProperty("dataset").GetString()} {c.GetProperty("kernel").GetString()} nu={c.GetProperty("nu").GetDouble()} gamma={c.GetProperty("gamma").GetString()}";
        Assert.Equal(c.GetProperty("gamma_value").GetDouble(), model.Gamma, 12);
        Assert.Equal(c.GetProperty("n_support").GetInt32(), model.SupportVectorCount);
        Assert.Equal(c.GetProperty("support").Ints(), model.SupportIndices);
        AssertClose(c.GetProperty("dual_coef").Doubles(), model.DualCoefficients.ToArray(), $"{name} alpha");
        AssertClose([c.GetProperty("offset").GetDouble()], [model.Rho], $"{name} rho");
        var test = c.GetProperty("test").Matrix().ToDataset();
        var train = c.GetProperty("train").Matrix().ToDataset();
        AssertClose(c.GetProperty("decision_test").Doubles(), model.DecisionFunction(test), $"{name} decision(test)");
        AssertClose(c.GetProperty("decision_train").Doubles(), model.DecisionFunction(train), $"{name} decision(train)");
        AssertClose(c.GetProperty("score_samples_test").Doubles(), model.ScoreSamples(test), $"{name} score_samples");
        // The anomaly score is the negated decision function.
        Assert.Equal(model.DecisionFunction(test).Select(v => -v), model.Score(test));
    }

    [Fact]
    public void GivenTheDocstringExample_WhenFitted_ThenScoreSamplesMatch()
    {
        // scikit-learn's OneClassSVM docstring: X = [[0], [0.44], [0.45], [0.46], [1]], gamma='auto'.
        var d = Fixtures.Ocsvm("docstring");
        var x = d.GetProperty("x").Matrix().ToDataset();
        var model = new OneClassSvm(new OneClassSvmOptions { Gamma = "auto" });
        model.Fit(x);
        var ours = model.ScoreSamples(x);
        double[] docstring = [1.7798, 2.0547, 2.0556, 2.0561, 1.7332];
        for (int i = 0; i < 5; i++) Assert.InRange(ours[i], docstring[i], docstring[i] + 1e-4); // the docstring truncates to 4 places
        // 0.44 etc. are float32 here, float64 in scikit-learn: agreement to 1e-6, not 1e-12.
        var reference = d.GetProperty("score_samples").Doubles();
        for (int i = 0; i < 5; i++) Assert.Equal(reference[i], ours[i], 6);
        Assert.Equal(d.GetProperty("n_support").GetInt32(), model.SupportVectorCount);
    }

    [Fact]
    public void GivenOneThreadNoShrinkingOrATinyCache_WhenFitted_ThenTheSameModel()
    {
        // Threads, the cache size and (to tolerance) shrinking change the work done, not the answer.
        var c = Fixtures.Ocsvm("cases")[12];
        var reference = FitCase(c);
        var test = c.GetProperty("test").Matrix().ToDataset();
        var one = FitCase(c, threads: 1);
        Assert.Equal(reference.Score(test), one.Score(test));
        var tiny = FitCase(c, cacheMb: 1e-6);
        Assert.Equal(reference.Score(test), tiny.Score(test));
        var noShrink = FitCase(c, shrinking: false);
        AssertClose(reference.Score(test), noShrink.Score(test), "no shrinking");
    }

    [Fact]
    public void GivenIdenticalRows_WhenFitted_ThenEveryScoreIsZero()
    {
        // K = 1 everywhere: the starting point is already optimal and f(x) = νl − ρ = 0 on the training point.
        var rows = Enumerable.Repeat(new[] { 1.0, 1.0 }, 10).ToArray().ToDataset();
        var model = new OneClassSvm(new OneClassSvmOptions { Nu = 0.5 });
        model.Fit(rows);
        Assert.Equal(5, model.SupportVectorCount);
        Assert.Equal(1.0, model.Gamma); // scale with zero variance falls back to 1, as scikit-learn
        Assert.All(model.Score(rows), s => Assert.Equal(0.0, s, 12));
        Assert.All(model.Predict(rows), p => Assert.False(p));
    }

    [Fact]
    public void GivenNuOne_WhenFitted_ThenAClearError()
    {
        // Every α at its bound leaves ρ undefined (LIBSVM returns +inf; scikit-learn raises "not finite").
        var (train, _) = Blobs();
        var model = new OneClassSvm(new OneClassSvmOptions { Nu = 1.0 });
        var e = Assert.Throws<InvalidInputException>(() => model.Fit(train));
        Assert.Contains("nu=1", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void GivenATinyNu_WhenFitted_ThenOneSupportVectorAndFiniteScores()
    {
        var (train, test) = Blobs();
        var model = new OneClassSvm(new OneClassSvmOptions { Nu = 1e-9 });
        model.Fit(train);
        Assert.Equal(1, model.SupportVectorCount);
        Assert.All(model.Score(test), s => Assert.True(double.IsFinite(s)));
    }

    [Theory]
    [InlineData("nu", 0.0)]
    [InlineData("nu", 1.5)]
    [InlineData("gamma", -1.0)]
    public void GivenAnOutOfRangeOption_WhenCreated_ThenAClearError(string option, double value)
    {
        var options = option == "nu" ? new OneClassSvmOptions { Nu = value } : new OneClassSvmOptions { Gamma = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var e = Assert.Throws<InvalidInputException>(() => new OneClassSvm(options));
        Assert.Contains(option, e.Message);
    }

    [Fact]
    public void GivenAFittedModel_WhenSavedAndLoaded_ThenScoresAreBitIdentical()
    {
        var c = Fixtures.Ocsvm("cases")[2];
        var model = FitCase(c);
        var test = c.GetProperty("test").Matrix().ToDataset();
        using var ms = new MemoryStream();
        model.SavePayload(ms);
        ms.Position = 0;
        var loaded = OneClassSvm.LoadPayload(ms, model.Options, model.Threshold);
        Assert.Equal(model.Score(test), loaded.Score(test));
        Assert.Equal(model.Threshold, loaded.Threshold);
    }

    [Fact]
    public void GivenATruncatedPayload_WhenLoaded_ThenAClearError()
    {
        var c = Fixtures.Ocsvm("cases")[2];
        var model = FitCase(c);
        using var ms = new MemoryStream();
        model.SavePayload(ms);
        var cut = new MemoryStream(ms.ToArray()[..^5]);
        var e = Assert.Throws<InvalidInputException>(() => OneClassSvm.LoadPayload(cut, model.Options, model.Threshold));
        Assert.Contains("ends early", e.Message);
    }

    private static (Dataset Train, Dataset Test) Blobs()
    {
        var rng = new SeededRandom(3);
        var names = new[] { "a", "b", "c" };
        var train = new Dataset(Enumerable.Range(0, 150).Select(_ => (float)rng.NextGaussian()).ToArray(), 50, names);
        var test = new Dataset(Enumerable.Range(0, 30).Select(_ => (float)(rng.NextGaussian() * 3)).ToArray(), 10, names);
        return (train, test);
    }
}
