using MinLGan.Data;

namespace MinLGan.Evaluation;

/// <summary>
/// One seed's split of a protocol, before scaling. Train holds normal rows only. Holdout is the small labeled
/// set carved from the test pool (for termination and model selection; never reported as test). Test is the rest.
/// All three carry labels (0 normal, 1 anomaly).
/// </summary>
public sealed record ProtocolSplit(string Protocol, int Seed, Dataset Train, Dataset Holdout, Dataset Test, InputSpec Input, IReadOnlyList<string> Notes);
