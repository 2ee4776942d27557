using MinLGan.Detectors;
using MinLGan.Torch;

namespace MinLGan.Cli.Tests;

public class BudgetTests
{
    [Theory]
    [InlineData("tiny", "eminlgan2", "members=2")]
    [InlineData("cpu", "eminlgan1", "a=0.01")]
    [InlineData("cpu", "eminlgan2", "arch=dcgan-small")]
    [InlineData("paper", "eminlgan2", "lr_schedule=improved-gan")]
    [InlineData("paper", "minlgan", "arch=improved-gan")]
    [InlineData("cpu", "vae", "batch_size=64")]
    public void GivenABudget_WhenResolved_ThenItsDefaultsAreValidParametersAndTheUsersWin(string budget, string detector, string expected)
    {
        var registry = TorchDetectors.AddTo(DetectorRegistry.CreateDefault());
        var info = registry.Get(detector);
        var (pairs, _) = Budgets.For(budget, info);
        Assert.Contains(expected, pairs);
        var merged = Budgets.Merge(pairs, ["epochs=2"], ["lr=0.001,0.0003"]);
        var candidates = DetectorParameters.Grid(detector, info.Parameters, merged, ["lr=0.001,0.0003"]);
        Assert.Equal(2, candidates.Count);
        Assert.All(candidates, c => Assert.Equal("2", c.Values["epochs"]));
        Assert.Empty(Budgets.For(budget, registry.Get("iforest")).Parameters);
        var e = Assert.Throws<InvalidInputException>(() => Budgets.For("huge", info));
        Assert.Contains("--budget huge", e.Message);
    }

    [Theory]
    [InlineData("gan", false)]
    [InlineData("minlgan", false)]
    [InlineData("eminlgan1", true)]
    [InlineData("eminlgan2", true)]
    public void GivenFeatures_WhenResolved_ThenTheGanFamilyGetsTheFeatureRecipe_AsValidParameters_AndABudgetIsRefused(string detector, bool ensemble)
    {
        var registry = TorchDetectors.AddTo(DetectorRegistry.CreateDefault());
        var info = registry.Get(detector);
        var (pairs, maxTrain) = Budgets.For(null, info, "resnet18");
        Assert.Equal(0, maxTrain);
        Assert.Contains("background_kind=gaussian", pairs);
        Assert.Contains($"min_steps={Budgets.FeatureMinSteps}", pairs);
        Assert.Equal(ensemble, pairs.Contains("member_training=batched"));
        Assert.Equal(ensemble, pairs.Contains("a=auto")); // the ladder the feature table was measured with, not the tabular a = 1
        // Valid for the detector, and the user's pairs win.
        var p = DetectorParameters.Parse(detector, info.Parameters, Budgets.Merge(pairs, ["min_steps=7"], []));
        Assert.Equal("7", p.Values["min_steps"]);
        Assert.Equal("gaussian", p.Values["background_kind"]);
        Assert.Empty(Budgets.For(null, registry.Get("knn"), "resnet18").Parameters);
        Assert.Empty(Budgets.For(null, info, null).Parameters);
        var e = Assert.Throws<InvalidInputException>(() => Budgets.For("cpu", info, "resnet18"));
        Assert.Contains("--budget cpu", e.Message);
        Assert.Contains("--features resnet18", e.Message);
    }
}
