using MinLGan.Detectors;
using MinLGan.Preprocessing;

namespace MinLGan.Evaluation;

/// <summary>What <see cref="EvaluationService"/> runs: a protocol's data, a detector and its candidate parameters, and seeds.</summary>
public sealed record EvaluationRequest
{
    /// <summary>The protocol's data, read once.</summary>
    public required ProtocolData Data { get; init; }
    /// <summary>The detector.</summary>
    public required DetectorInfo Detector { get; init; }
    /// <summary>Parameter sets; with several, each seed keeps the one with the best holdout AUC.</summary>
    public required IReadOnlyList<DetectorParameters> Candidates { get; init; }
    /// <summary>The seeds, in order; each gives its own split and detector.</summary>
    public required IReadOnlyList<int> Seeds { get; init; }
    /// <summary>The scaler, or null for none.</summary>
    public ScalerKind? Scaling { get; init; } = ScalerKind.Standard;
    /// <summary>Split settings.</summary>
    public SplitOptions Split { get; init; } = new();
    /// <summary>The compute budget the parameters came from, recorded in every result (or null).</summary>
    public string? Budget { get; init; }
    /// <summary>Receives one line per grid candidate.</summary>
    public Action<string>? Log { get; init; }
    /// <summary>Sees each detector (and its seed) before Fit.</summary>
    public Action<IAnomalyDetector, int>? Configure { get; init; }
}
