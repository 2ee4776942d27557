using static TorchSharp.torch;

namespace MinLGan.Torch;

/// <summary>
/// The losses of Section IV, on pre-sigmoid logits with numerically stable forms. Every reduction runs over the last
/// dimensions, so one member's tensors (x [batch, features], logits [batch]) and N stacked members' tensors
/// (x [members, batch, features], logits [members, batch]) share the code: a loss is a scalar for one member and
/// [members] for a stack. Per-row results are [batch] or [members, batch].
/// </summary>
public static class GanLosses
{
    /// <summary>
    /// D's loss: −(E log D(x) + E log(1 − D(G(z)))) = mean softplus(−real) + mean softplus(fake), the mean over rows.
    /// </summary>
    public static Tensor Discriminator(Tensor realLogits, Tensor fakeLogits) =>
        Kept.Plus(OverRows(Kept.Softplus(-realLogits)), OverRows(Kept.Softplus(fakeLogits)));

    /// <summary>The mean over rows of softplus(logit) = −log(1 − D(u)): D's loss for rows it should call fake.</summary>
    public static Tensor Rejection(Tensor logits) => OverRows(Kept.Softplus(logits));

    /// <summary>log p(x|z) with x = G(z) + n, per row ([batch] or [members, batch]), summed or averaged over features.</summary>
    public static Tensor LogLikelihood(Tensor x, Tensor reconstruction, NoiseKind noise, double scale, Reduction reduction)
    {
        var diff = x - reconstruction;
        var perFeature = noise == NoiseKind.Gaussian
            ? Kept.Minus(Kept.Times(Kept.Square(Kept.Over(diff, scale)), -0.5), Math.Log(scale) + 0.5 * Math.Log(2 * Math.PI))
            : Kept.Minus(-Kept.Over(diff.abs(), scale), Math.Log(2 * scale));
        return reduction == Reduction.Sum ? perFeature.sum(-1) : perFeature.mean([-1]);
    }

    /// <summary>KL(q(z|x) ‖ N(0, I)) per row, for q = N(mean, exp(logVar)) with the latent on the last dimension.</summary>
    public static Tensor KlToStandardNormal(Tensor mean, Tensor logVar) =>
        Kept.Times((Kept.Minus(Kept.Plus(Kept.Square(mean), logVar.exp()), 1) - logVar).sum(-1), 0.5);

    /// <summary>
    /// The ELBO per row: E_q log p(x|z) − KL(q‖p(z)), one reparameterised sample. With <see cref="Reduction.Mean"/>
    /// both terms are divided by the number of features.
    /// </summary>
    public static Tensor Elbo(Tensor x, Tensor reconstruction, Tensor mean, Tensor logVar, NoiseKind noise, double scale, Reduction reduction)
    {
        var kl = KlToStandardNormal(mean, logVar);
        if (reduction == Reduction.Mean) kl = Kept.Over(kl, x.shape[^1]);
        return LogLikelihood(x, reconstruction, noise, scale, reduction) - kl;
    }

    /// <summary>Feature matching ‖E f(x) − E f(G(z))‖₂, the expectations over rows (features [.., batch, width]).</summary>
    public static Tensor FeatureMatching(Tensor realFeatures, Tensor fakeFeatures) =>
        Kept.Plus(Kept.Square(realFeatures.mean([-2]) - fakeFeatures.mean([-2])).sum(-1), 1e-12).sqrt();

    /// <summary>G's loss: feature matching + a · E log p(x | G(z)), z ~ q(z|x): minimising it pushes G(z) away from x.</summary>
    public static Tensor Generator(Tensor featureMatching, Tensor logLikelihoodPerRow, double a) =>
        a == 0 ? featureMatching : Kept.Plus(featureMatching, Kept.Times(OverRows(logLikelihoodPerRow), a));

    /// <summary>The mean over rows (the last dimension) of a per-row value.</summary>
    public static Tensor OverRows(Tensor perRow) => perRow.mean([-1]);
}
