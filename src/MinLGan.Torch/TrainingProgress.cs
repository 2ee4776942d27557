namespace MinLGan.Torch;

/// <summary>One epoch of one member, for progress displays.</summary>
/// <param name="Member">Member index (0 for single models).</param>
/// <param name="Members">Number of members.</param>
/// <param name="Epoch">1-based epoch just finished.</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="DLoss">Mean D loss over the epoch.</param>
/// <param name="GLoss">Mean G loss over the epoch.</param>
/// <param name="ELoss">Mean encoder loss (−ELBO) over the epoch; NaN when a = 0 (no encoder).</param>
/// <param name="HoldoutAuc">Holdout AUC of the scores after this epoch, when evaluated.</param>
/// <param name="Losses">The losses as text, for detectors that are not GANs (the autoencoders: "loss 0.1234").</param>
public sealed record TrainingProgress(int Member, int Members, int Epoch, int Epochs, double DLoss, double GLoss, double ELoss, double? HoldoutAuc, string? Losses = null);
