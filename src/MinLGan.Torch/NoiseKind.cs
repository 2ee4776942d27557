namespace MinLGan.Torch;

/// <summary>Noise model of p(x|z): x = G(z) + n.</summary>
public enum NoiseKind
{
    /// <summary>n ~ N(0, scale²) per feature: the regulariser grows quadratically with ‖x − G(z)‖.</summary>
    Gaussian,
    /// <summary>n ~ Laplace(0, scale) per feature: the regulariser grows linearly.</summary>
    Laplace,
}
