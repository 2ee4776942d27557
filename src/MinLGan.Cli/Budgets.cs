using MinLGan.Detectors;

namespace MinLGan.Cli;

/// <summary>
/// Compute budgets for the image protocols: sets of --param defaults (an explicit --param wins) and a training-row
/// cap. <c>tiny</c> is for tests and smoke runs; <c>cpu</c> fits one CIFAR-10 class and one model in about 15 minutes
/// on 2 cores (dcgan-small); <c>paper</c> follows improved-gan's schedule with its networks. Results record the budget.
/// </summary>
internal static class Budgets
{
    /// <summary>The budgets.</summary>
    public static readonly IReadOnlyList<string> Names = ["tiny", "cpu", "paper"];

    /// <summary>The --param defaults of a budget for a detector, and its cap on training rows (0 = all).</summary>
    public static (IReadOnlyList<string> Parameters, int MaxTrain) For(string budget, DetectorInfo detector)
    {
        bool gan = detector.Has(DetectorTraits.Adversarial);
        bool ensemble = detector.Has(DetectorTraits.Ensemble);
        bool neural = detector.Has(DetectorTraits.Neural);
        switch (budget)
        {
            case "tiny":
                return (!neural ? [] : gan
                    ? [.. GanCommon, "epochs=1", "batch_size=64", "latent=32", .. (ensemble ? new[] { "members=2", EnsembleA } : [])]
                    : ["epochs=1", "batch_size=64"], 512);
            case "cpu":
                return (!neural ? [] : gan
                    ? [.. GanCommon, $"epochs={CpuEpochs}", "batch_size=64", "latent=100", .. (ensemble ? new[] { $"members={CpuMembers}", EnsembleA } : [])]
                    : ["epochs=20", "batch_size=64"], 0);
            case "paper":
                // improved-gan's CIFAR-10 script: batch 100, Adam(3e-4, beta1 0.5), 1200 epochs, lr held for 800 then
                // linearly down; the paper's ensembles use N = 10. Days on a CPU: meant for a GPU machine.
                return (!neural ? [] : gan
                    ? ["arch=improved-gan", "threads=2", "lr=0.0003", "beta1=0.5", "epochs=1200", "batch_size=100", "latent=100",
                        "lr_schedule=improved-gan", .. (ensemble ? new[] { "members=10", EnsembleA } : [])]
                    : ["epochs=100", "batch_size=100"], 0);
            default:
                throw new InvalidInputException($"--budget {budget}: expected one of {string.Join(", ", Names)}");
        }
    }

    /// <summary>
    /// The --param defaults and training-row cap for a run: the budget's for pixels; with <paramref name="features"/>
    /// (images as embeddings) the feature recipe (<see cref="ForFeatures"/>), and a budget is refused, for its networks
    /// are the convolutional ones; neither: none.
    /// </summary>
    public static (IReadOnlyList<string> Parameters, int MaxTrain) For(string? budget, DetectorInfo detector, string? features)
    {
        if (features is not null)
        {
            if (budget is not null)
                throw new InvalidInputException(
                    $"--budget {budget} sets the convolutional networks for pixels; with --features {features} the networks are the tabular ones (drop --budget; docs/features.md)");
            return (ForFeatures(detector), 0);
        }
        return budget is null ? ([], 0) : For(budget, detector);
    }

    /// <summary>
    /// The GAN family's defaults on image embeddings (--features): the tabular recipe with one background kind
    /// (gaussian), ensemble members trained as one batched network, 2 libtorch threads and <see cref="FeatureMinSteps"/>
    /// steps, chosen on the CIFAR-10 holdouts (docs/features.md); ensembles keep the a=auto ladder they were measured
    /// with there (the tabular a = 1 was chosen later, on tabular rows only). Other detectors: their own defaults.
    /// </summary>
    public static IReadOnlyList<string> ForFeatures(DetectorInfo detector) =>
        !detector.Has(DetectorTraits.Adversarial) ? []
            : ["background_kind=gaussian", "threads=2", $"min_steps={FeatureMinSteps}", .. (detector.Has(DetectorTraits.Ensemble) ? new[] { "member_training=batched", "a=auto" } : [])];

    /// <summary>
    /// Steps of the GAN family on image embeddings: 500 since session 19 (1000 before). On the ten CIFAR-10 holdouts,
    /// seed 0, `eminlgan2` was as good or better at 500 on every class (mean 0.936 against 0.931), and one class's
    /// command fits in about 2 minutes instead of 4-5 (docs/features.md, "Fewer steps").
    /// </summary>
    public const int FeatureMinSteps = 500;

    /// <summary>Epochs of one network under the cpu budget (single models).</summary>
    public const int CpuEpochs = 10;

    /// <summary>Ensemble members under the cpu budget.</summary>
    public const int CpuMembers = 3;

    // The ensembles' a = 1 default (and the a=auto ladder before it) was chosen on tabular rows only: image budgets keep
    // a = 0.01, as before either.
    private const string EnsembleA = "a=0.01";

    private static readonly string[] GanCommon = ["arch=dcgan-small", "threads=2", "lr=0.0003", "beta1=0.5"];

    /// <summary>Budget defaults merged under the user's pairs (a name the user gave, or put in a grid, keeps the user's value).</summary>
    public static IReadOnlyList<string> Merge(IReadOnlyList<string> budgetPairs, IReadOnlyList<string> userPairs, IReadOnlyList<string> grid)
    {
        static string Name(string pair) => pair.Split('=')[0].Trim();
        var taken = userPairs.Concat(grid).Select(Name).ToHashSet(StringComparer.Ordinal);
        return budgetPairs.Where(p => !taken.Contains(Name(p))).Concat(userPairs).ToList();
    }
}
