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
}
