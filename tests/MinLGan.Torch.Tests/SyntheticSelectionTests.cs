using MinLGan.Detectors;

namespace MinLGan.Torch.Tests;

/// <summary>selection=synthetic chooses D's epoch without labels: on held-back training rows and their column-shuffled copies.</summary>
public class SyntheticSelectionTests
{
    private static GanOptions Options => new() { MinSteps = 300, Selection = SelectionMode.Synthetic };

    [Fact]
    public void GivenALabelledHoldout_WhenSelectionIsSynthetic_ThenTheEpochIsChosenOnTheSyntheticRowsAndTheHoldoutsLabelsChangeNothing()
    {
        var (train, _) = BackgroundTests.FarAnomalies(11);
        var (_, holdout) = BackgroundTests.FarAnomalies(12);
        var (_, test) = BackgroundTests.FarAnomalies(13);
        var flipped = holdout.WithLabels(holdout.Labels!.Select(l => 1 - l).ToArray());
        var a = new MinLGanDetector(Options, 0);
        a.UseHoldout(holdout);
        a.Fit(train);
        var b = new MinLGanDetector(Options, 0);
        b.UseHoldout(flipped);
        b.Fit(train);
        Assert.StartsWith("synthetic-auc: epoch ", a.Selection);
        Assert.Equal(a.Selection, b.Selection);
        Assert.Equal(a.Score(test), b.Score(test));
        // The label-free warning is for selection=holdout without labels only.
        Assert.DoesNotContain(a.Warnings, w => w.Kind == MinLGan.Detectors.WarningKind.NoHoldout);
    }

    [Fact]
    public void GivenNoHoldout_WhenSelectionIsSynthetic_ThenTheFitStillChoosesAnEpochAndTheSameSeedGivesTheSameScores()
    {
        var (train, _) = BackgroundTests.FarAnomalies(11);
        var (_, test) = BackgroundTests.FarAnomalies(13);
        var a = new MinLGanDetector(Options, 3);
        a.Fit(train);
        var b = new MinLGanDetector(Options, 3);
        b.Fit(train);
        Assert.StartsWith("synthetic-auc: epoch ", a.Selection);
        Assert.Equal(a.Score(test), b.Score(test));
    }

    [Fact]
    public void GivenTheDefaultSelectionAndNoLabelledHoldout_WhenFitted_ThenTheEpochIsChosenOnASyntheticHoldoutAndAWarningSaysSo()
    {
        var (train, _) = BackgroundTests.FarAnomalies(11);
        var (_, test) = BackgroundTests.FarAnomalies(13);
        var fallback = new MinLGanDetector(new GanOptions { MinSteps = 300 }, 3);
        fallback.Fit(train);
        var asked = new MinLGanDetector(Options, 3);   // selection=synthetic, the default kind
        asked.Fit(train);
        Assert.StartsWith("synthetic-auc: epoch ", fallback.Selection);
        Assert.Equal(asked.Score(test), fallback.Score(test));
        var warning = Assert.Single(fallback.Warnings, w => w.Kind == MinLGan.Detectors.WarningKind.NoHoldout);
        Assert.Contains("chosen on a synthetic one (30 training rows held back and as many made-up anomalies, synthetic_kind=both)", warning.Message);
        // A holdout of one class is no labelled holdout either; selection=last keeps the paper's label-free rule.
        var (_, holdout) = BackgroundTests.FarAnomalies(12);
        var normalOnly = holdout.Select(Enumerable.Range(0, holdout.Rows).Where(i => holdout.Labels![i] == 0).ToArray());
        var oneClass = new MinLGanDetector(new GanOptions { MinSteps = 300 }, 3);
        oneClass.UseHoldout(normalOnly);
        oneClass.Fit(train);
        Assert.Equal(fallback.Score(test), oneClass.Score(test));
        var last = new MinLGanDetector(new GanOptions { MinSteps = 300, Selection = SelectionMode.Last }, 3);
        last.Fit(train);
        Assert.StartsWith("last-epoch: epoch ", last.Selection);
    }

    [Theory]
    [InlineData("minlgan")]
    [InlineData("eminlgan2")]
    public void GivenSelectionSynthetic_WhenParsedFromParameters_ThenTheOptionIsSetAndTheDefaultStaysHoldout(string detector)
    {
        var specs = GanOptions.Specs(ensemble: detector != "minlgan");
        var spec = specs.Single(s => s.Name == "selection");
        Assert.Equal(["holdout", "last", "synthetic"], spec.Choices!);
        Assert.Equal("holdout", spec.Default);
        var parsed = GanOptions.FromParameters(DetectorParameters.From(detector, specs, new Dictionary<string, string> { ["selection"] = "synthetic" }));
        Assert.Equal(SelectionMode.Synthetic, parsed.Selection);
    }
}
