using System.Diagnostics;
using MinLGan.Torch;
using MinLGan.Torch.Modules;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>
/// The bare TorchSharp MinLGAN step the benches compare our trainer against: D step, encoder step, G step on one
/// fixed batch, nothing else (no shuffling, gathering, read-backs or snapshots). Returns the seconds of
/// the given number of steps; the modules are disposed.
/// </summary>
internal static class RawLoop
{
    public static double Run(int features, MinLGan.Data.ImageShape? shape, GanOptions o, int steps)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(0);
        var disc = Networks.Discriminator(features, shape, o);
        var gen = Networks.Generator(features, shape, o);
        var enc = Networks.Encoder(features, shape, o);
        var optD = optim.Adam(disc.parameters(), o.LearningRate, o.Beta1, 0.999);
        var optG = optim.Adam(gen.parameters(), o.LearningRate, o.Beta1, 0.999);
        var optE = optim.Adam(enc.parameters(), o.LearningRate, o.Beta1, 0.999);
        var xb = shape is null ? randn(o.BatchSize, features) : randn(o.BatchSize, features).clamp(-1, 1);
        var sw = Stopwatch.StartNew();
        for (int s = 0; s < steps; s++)
        {
            using var step = NewDisposeScope();
            optD.zero_grad();
            Tensor fake;
            using (no_grad()) fake = gen.forward(randn(o.BatchSize, o.Latent));
            GanLosses.Discriminator(disc.forward(xb), disc.forward(fake)).backward();
            optD.step();
            optE.zero_grad();
            var (mu, lv) = enc.forward(xb);
            var z = mu + (0.5 * lv).exp() * randn_like(mu);
            (-GanLosses.Elbo(xb, gen.forward(z), mu, lv, o.Noise, o.NoiseScale, o.Reduction).mean()).backward();
            optE.step();
            optG.zero_grad();
            Tensor fr;
            using (no_grad()) fr = disc.Features(xb);
            var fm = GanLosses.FeatureMatching(fr, disc.Features(gen.forward(randn(o.BatchSize, o.Latent))));
            Tensor zq;
            using (no_grad()) { var (m2, l2) = enc.forward(xb); zq = m2 + (0.5 * l2).exp() * randn_like(m2); }
            GanLosses.Generator(fm, GanLosses.LogLikelihood(xb, gen.forward(zq), o.Noise, o.NoiseScale, o.Reduction), o.A).backward();
            optG.step();
        }
        double t = sw.Elapsed.TotalSeconds;
        foreach (var m in new nn.Module[] { disc, gen, enc }) m.Dispose();
        return t;
    }
}
