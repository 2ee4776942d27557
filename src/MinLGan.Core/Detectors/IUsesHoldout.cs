using MinLGan.Data;

namespace MinLGan.Detectors;

/// <summary>
/// A detector that uses the protocol's small labeled holdout during Fit: to decide termination (keep the
/// best epoch) or to scale ensemble members. Evaluation hands the holdout over before Fit; it is never test data.
/// </summary>
public interface IUsesHoldout
{
    /// <summary>Gives the labeled holdout (rows scaled like the training rows) for the next Fit.</summary>
    void UseHoldout(Dataset holdout);

    /// <summary>After Fit: how the model was selected, for results (for example "holdout-auc: epoch 7 of 20").</summary>
    string Selection { get; }

    /// <summary>After Fit: warnings the user must see (for example inverted scores on the holdout).</summary>
    IReadOnlyList<DetectorWarning> Warnings { get; }
}
