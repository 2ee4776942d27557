namespace MinLGan.Torch;

/// <summary>When training stops and which discriminator is kept.</summary>
public enum SelectionMode
{
    /// <summary>Every <see cref="GanOptions.EvalEvery"/> epochs, score the labeled holdout and keep the best D (the paper's rule).</summary>
    Holdout,
    /// <summary>Label-free: keep D after the last epoch.</summary>
    Last,
    /// <summary>
    /// Label-free: hold back some training rows, make as many anomalies from them (<see cref="GanOptions.SyntheticKind"/>),
    /// and keep the D with the best AUC on that synthetic holdout (<see cref="MinLGan.Data.SyntheticHoldout"/>).
    /// </summary>
    Synthetic,
}
