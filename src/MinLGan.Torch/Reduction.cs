namespace MinLGan.Torch;

/// <summary>How log p(x|z) is reduced over features.</summary>
public enum Reduction
{
    /// <summary>Sum over features: the true log-likelihood (scales with the number of features).</summary>
    Sum,
    /// <summary>Mean over features: the ELBO divided by the number of features.</summary>
    Mean,
}
