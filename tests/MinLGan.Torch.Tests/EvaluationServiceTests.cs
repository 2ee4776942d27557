using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Evaluation;

namespace MinLGan.Torch.Tests;

public class EvaluationServiceTests
{
    [Fact]
    public void GivenARequestOverSeeds_WhenRun_ThenEachSeedEqualsOneEvaluatorRunAndRecordsTheBudget()
    {
        // Given: docs/library.md's request on built-in data (moons), small.
        var registry = TorchDetectors.AddTo(DetectorRegistry.CreateDefault());
        var info = registry.Get("eminlgan2");
        var parameters = DetectorParameters.Parse(info.Name, info.Parameters, ["epochs=2", "members=2", "min_steps=0"]);
        var data = Protocols.Get("moons").Load(DataLocator.Resolve(null), null);
        var configured = new List<(string, int)>();
        var request = new EvaluationRequest
        {
            Data = data, Detector = info, Candidates = [parameters], Seeds = [0, 1], Budget = "tiny",
            Configure = (d, seed) => configured.Add((d.Name, seed)),
        };

        // When
        var outcomes = EvaluationService.RunAll(request);

        // Then: one outcome per seed, in order, each the same as a direct one-seed run, with the budget recorded.
        Assert.Equal([0, 1], outcomes.Select(o => o.Result.Seed));
        Assert.Equal([("eminlgan2", 0), ("eminlgan2", 1)], configured);
        Assert.All(outcomes, o => Assert.Equal("tiny", o.Result.Budget));
        var direct = Evaluator.Run(data, info, parameters, 1, MinLGan.Preprocessing.ScalerKind.Standard, new SplitOptions());
        Assert.Equal(direct.TestScores, outcomes[1].TestScores);
        Assert.IsAssignableFrom<GanFamilyDetector>(outcomes[0].Detector);
        // An ensemble records the test AUC of its first k members for every k (Figures 2 and 3); the last is its AUC.
        Assert.All(outcomes, o => Assert.Equal(2, o.Result.AucByMembers!.Count));
        Assert.All(outcomes, o => Assert.Equal(o.Result.Auc, o.Result.AucByMembers![^1]));
        Assert.Null(Evaluator.Run(data, registry.Get("minlgan"), DetectorParameters.Parse("minlgan", registry.Get("minlgan").Parameters, ["epochs=1", "min_steps=0"]),
            0, MinLGan.Preprocessing.ScalerKind.Standard, new SplitOptions()).Result.AucByMembers);
    }

    [Fact]
    public void GivenACancelledToken_WhenRun_ThenNoSeedRuns()
    {
        var info = DetectorRegistry.CreateDefault().Get("iforest");
        var request = new EvaluationRequest
        {
            Data = Protocols.Get("moons").Load(DataLocator.Resolve(null), null), Detector = info,
            Candidates = [DetectorParameters.Parse(info.Name, info.Parameters, [])], Seeds = [0, 1],
        };
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Empty(EvaluationService.RunAll(request, cts.Token));
    }
}
