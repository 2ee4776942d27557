using Microsoft.ML;
using Microsoft.ML.Data;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Metrics;
using MinLGan.Persistence;
using MinLGan.Preprocessing;
using MinLGan.Torch;

namespace MinLGan.MLNet.Tests;

/// <summary>A row as an ML.NET user has it: separate columns, a Boolean label.</summary>
public sealed class Reading
{
    public float Temperature { get; set; }
    public float Pressure { get; set; }
    public float Flow { get; set; }
    public float Label { get; set; } // ML.NET's anomaly evaluator: Single, 1 = anomaly
}

public sealed class NoColumns;

public sealed class ScoredReading
{
    public float Score { get; set; }
    public bool PredictedLabel { get; set; }
}

/// <summary>
/// AnomalyDetectorEstimator inside real ML.NET pipelines (Concatenate, then the detector): the Score column equals the
/// library's scores for the same detector, seed and scaler, ML.NET's own anomaly evaluator agrees with the library's AUC,
/// and a prediction engine scores one row as the pipeline does.
/// </summary>
public sealed class PipelineTests
{
    private static readonly DetectorRegistry Registry = TorchDetectors.AddTo(DetectorRegistry.CreateDefault());

    private static List<Reading> Readings(int normal, int anomalies, int seed)
    {
        var rng = new SeededRandom(seed);
        var rows = new List<Reading>();
        for (int i = 0; i < normal + anomalies; i++)
        {
            bool a = i >= normal;
            double t = rng.NextGaussian(), p = rng.NextGaussian();
            rows.Add(new Reading
            {
                Temperature = (float)(60 + 5 * t + (a ? 25 : 0)),
                Pressure = (float)(2 + 0.1 * (0.8 * t + 0.6 * p)),
                Flow = (float)(100 + 10 * rng.NextGaussian() - (a ? 40 : 0)),
                Label = a ? 1 : 0,
            });
        }
        return rows;
    }

    private static Dataset ToDataset(IEnumerable<Reading> rows, bool labels = false)
    {
        var list = rows.ToList();
        return new Dataset(list.SelectMany(r => new[] { r.Temperature, r.Pressure, r.Flow }).ToArray(), list.Count,
            ["Temperature", "Pressure", "Flow"], labels ? list.Select(r => r.Label != 0 ? 1 : 0).ToArray() : null);
    }

    private static IEstimator<ITransformer> Concatenate(MLContext ml) =>
        ml.Transforms.Concatenate("Features", nameof(Reading.Temperature), nameof(Reading.Pressure), nameof(Reading.Flow));

    private static IEstimator<ITransformer> Pipeline(MLContext ml, string detector, string[] parameters, AnomalyDetectorOptions? options = null) =>
        Concatenate(ml).Append(new AnomalyDetectorEstimator(ml, Registry, detector, seed: 5, parameters, options));

    [Theory]
    [InlineData("iforest", new[] { "trees=50" })]
    [InlineData("ocsvm", new[] { "nu=0.1" })]
    [InlineData("knn", new[] { "k=3" })]
    [InlineData("minlgan", new[] { "epochs=3", "min_steps=0", "d_hidden=16-8", "g_hidden=8-16", "latent=4", "batch_size=32" })]
    public void GivenAPipeline_WhenFittedAndApplied_ThenScoresEqualTheLibrarysAndMlNetsEvaluatorAgrees(string detector, string[] parameters)
    {
        var ml = new MLContext(seed: 0);
        var trainRows = Readings(300, 0, 1);
        var holdoutRows = Readings(60, 12, 2);
        var testRows = Readings(200, 25, 3);
        var holdoutView = ml.Data.LoadFromEnumerable(holdoutRows);
        var options = new AnomalyDetectorOptions { Holdout = Concatenate(ml).Fit(holdoutView).Transform(holdoutView) };
        var model = Pipeline(ml, detector, parameters, options).Fit(ml.Data.LoadFromEnumerable(trainRows));
        var scored = model.Transform(ml.Data.LoadFromEnumerable(testRows));
        var scores = scored.GetColumn<float>("Score").ToArray();
        var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();

        // The library by hand: same scaler, detector, parameters, seed and holdout.
        var info = Registry.Get(detector);
        var det = info.Create(DetectorParameters.Parse(detector, info.Parameters, parameters), 5);
        var train = ToDataset(trainRows);
        var scaler = FeatureScaler.Fit(train, ScalerKind.Standard);
        if (det is IUsesHoldout h) h.UseHoldout(scaler.Transform(ToDataset(holdoutRows, labels: true)));
        det.Fit(scaler.Transform(train));
        var test = ToDataset(testRows, labels: true);
        var library = det.Score(scaler.Transform(test));
        Assert.Equal(library.Select(s => (float)s), scores);
        Assert.Equal(library.Select(s => s > det.Threshold), predicted);

        var metrics = ml.AnomalyDetection.Evaluate(scored);
        double auc = Auc.Compute(test.Labels!, library);
        Assert.True(auc > 0.9, $"AUC {auc}: the planted anomalies should be found");
        Assert.Equal(auc, metrics.AreaUnderRocCurve, 6);
    }

    [Fact]
    public void GivenAFittedPipeline_WhenAPredictionEngineScoresOneRow_ThenItEqualsTheBatchScore()
    {
        var ml = new MLContext(seed: 0);
        var model = Pipeline(ml, "iforest", ["trees=30"]).Fit(ml.Data.LoadFromEnumerable(Readings(200, 0, 1)));
        var testRows = Readings(20, 5, 3);
        var batch = model.Transform(ml.Data.LoadFromEnumerable(testRows)).GetColumn<float>("Score").ToArray();
        var engine = ml.Model.CreatePredictionEngine<Reading, ScoredReading>(model);
        for (int i = 0; i < testRows.Count; i++) Assert.Equal(batch[i], engine.Predict(testRows[i]).Score);
    }

    [Fact]
    public void GivenAFittedTransformer_WhenItsModelIsSavedAndRebuilt_ThenScoresAreTheSame_AndMlNetsZipSaysWhatToDo()
    {
        var ml = new MLContext(seed: 0);
        var trainView = ml.Data.LoadFromEnumerable(Readings(200, 0, 1));
        var concat = Concatenate(ml).Fit(trainView);
        var detector = new AnomalyDetectorEstimator(ml, Registry, "iforest", 2, ["trees=20"]).Fit(concat.Transform(trainView));
        Assert.Equal(["Temperature", "Pressure", "Flow"], detector.Model.FeatureNames); // Concatenate's slot names
        string path = Path.Combine(Path.GetTempPath(), $"minlgan-mlnet-{Guid.NewGuid():N}.minlgan");
        try
        {
            ModelFile.Save(path, detector.Model, Registry);
            var rebuilt = AnomalyDetectorTransformer.FromModel(ml, ModelFile.Load(path, Registry));
            var test = concat.Transform(ml.Data.LoadFromEnumerable(Readings(30, 5, 4)));
            Assert.Equal(detector.Transform(test).GetColumn<float>("Score"), rebuilt.Transform(test).GetColumn<float>("Score"));
        }
        finally { File.Delete(path); }

        var chain = concat.Append(detector);
        using var zip = new MemoryStream();
        var e = Assert.ThrowsAny<Exception>(() => ml.Model.Save(chain, trainView.Schema, zip));
        Assert.Contains("ModelFile.Save", (e.InnerException ?? e).Message);
    }

    [Fact]
    public void GivenAWrongFeatureColumn_WhenFitted_ThenTheMessageNamesTheColumnAndWhatWasExpected()
    {
        var ml = new MLContext(seed: 0);
        var view = ml.Data.LoadFromEnumerable(Readings(50, 0, 1));
        var missing = Assert.Throws<InvalidInputException>(() => new AnomalyDetectorEstimator(ml, Registry, "iforest", 0).Fit(view));
        Assert.Contains("no column 'Features'", missing.Message);
        Assert.Contains("Temperature", missing.Message);
        var wrong = Assert.Throws<InvalidInputException>(() =>
            new AnomalyDetectorEstimator(ml, Registry, "iforest", 0, options: new AnomalyDetectorOptions { FeatureColumnName = "Temperature" }).Fit(view));
        Assert.Contains("column 'Temperature': expected a vector of Single", wrong.Message);
        var raw = new AnomalyDetectorOptions { Holdout = view };
        var holdout = Assert.Throws<InvalidInputException>(() => Pipeline(ml, "minlgan", ["epochs=1"], raw).Fit(view));
        Assert.Contains("the holdout has no column 'Features'", holdout.Message);
        var unknown = Assert.Throws<InvalidInputException>(() => new AnomalyDetectorEstimator(ml, Registry, "iforest", 0, ["trees=0"]));
        Assert.Contains("trees", unknown.Message);
    }

    [Fact]
    public void GivenAnEstimator_WhenAskedForItsOutputSchema_ThenItAddsScoreAndPredictedLabel()
    {
        var ml = new MLContext(seed: 0);
        // SchemaShape has no public factory: a custom mapping from nothing says what columns a Reading has.
        var readings = ml.Transforms.CustomMapping<NoColumns, Reading>((_, _) => { }, null).GetOutputSchema(new SchemaShape([]));
        var shape = Pipeline(ml, "iforest", []).GetOutputSchema(readings);
        Assert.Contains(shape, c => c.Name == "Score" && c.ItemType == Microsoft.ML.Data.NumberDataViewType.Single);
        Assert.Contains(shape, c => c.Name == "PredictedLabel" && c.ItemType == Microsoft.ML.Data.BooleanDataViewType.Instance);
        Assert.Contains(shape, c => c.Name == "Temperature");
    }
}
