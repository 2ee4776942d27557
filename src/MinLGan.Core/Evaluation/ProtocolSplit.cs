using MinLGan.Data;

namespace MinLGan.Evaluation;

/// <summary>
/// One seed's split of a protocol, before scaling. Train holds normal rows only. Holdout is the small labeled
/// set carved from the test pool (for termination and model selection; never reported as test). Test is the rest.
/// All three carry labels (0 normal, 1 anomaly).
/// </summary>
public sealed record ProtocolSplit(string Protocol, int Seed, Dataset Train, Dataset Holdout, Dataset Test, InputSpec Input, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// The class name of each test row, in test order, where the protocol has classes beyond normal and anomaly (image
    /// protocols: the CIFAR-10 class or the image's folder); null otherwise. Figure 5 draws the scores per class.
    /// </summary>
    public IReadOnlyList<string>? TestClasses { get; init; }
}
