using static TorchSharp.torch;

namespace MinLGan.Torch;

/// <summary>
/// The losses of Section IV, on pre-sigmoid logits with numerically stable forms. Shapes: x [batch, features],
/// logits [batch], latent statistics [batch, latent]. Each returns a scalar unless noted.
/// </summary>
public static class GanLosses
{
    /// <summary>
    /// D's loss: −(E log D(x) + E log(1 − D(G(z)))) = mean softplus(−real) + mean softplus(fake).
    /// </summary>
    public static Tensor Discriminator(Tensor realLogits, Tensor fakeLogits) =>
        nn.functional.softplus(-realLogits).mean() + nn.functional.softplus(fakeLogits).mean();

    /// <summary>log p(x|z) with x = G(z) + n, per row [batch], summed or averaged over features.</summary>
    public static Tensor LogLikelihood(Tensor x, Tensor reconstruction, NoiseKind noise, double scale, Reduction reduction)
    {
        var diff = x - reconstruction;
        var perFeature = noise == NoiseKind.Gaussian
            ? -0.5 * (diff / scale).square() - (Math.Log(scale) + 0.5 * Math.Log(2 * Math.PI))
            : -(diff.abs() / scale) - Math.Log(2 * scale);
        return reduction == Reduction.Sum ? perFeature.sum(1) : perFeature.mean([1]);
    }

    /// <summary>KL(q(z|x) ‖ N(0, I)) per row [batch], for q = N(mean, exp(logVar)).</summary>
    public static Tensor KlToStandardNormal(Tensor mean, Tensor logVar) =>
        0.5 * (mean.square() + logVar.exp() - 1 - logVar).sum(1);

    /// <summary>
    /// The ELBO per row [batch]: E_q log p(x|z) − KL(q‖p(z)), one reparameterised sample. With
    /// <see cref="Reduction.Mean"/> both terms are divided by the number of features.
    /// </summary>
    public static Tensor Elbo(Tensor x, Tensor reconstruction, Tensor mean, Tensor logVar, NoiseKind noise, double scale, Reduction reduction)
    {
        var kl = KlToStandardNormal(mean, logVar);
        if (reduction == Reduction.Mean) kl = kl / x.shape[1];
        return LogLikelihood(x, reconstruction, noise, scale, reduction) - kl;
    }

    /// <summary>Feature matching ‖E f(x) − E f(G(z))‖₂ over the batch.</summary>
    public static Tensor FeatureMatching(Tensor realFeatures, Tensor fakeFeatures) =>
        ((realFeatures.mean([0]) - fakeFeatures.mean([0])).square().sum() + 1e-12).sqrt();

    /// <summary>G's loss: feature matching + a · E log p(x | G(z)), z ~ q(z|x): minimising it pushes G(z) away from x.</summary>
    public static Tensor Generator(Tensor featureMatching, Tensor logLikelihoodPerRow, double a) =>
        a == 0 ? featureMatching : featureMatching + a * logLikelihoodPerRow.mean();
}
