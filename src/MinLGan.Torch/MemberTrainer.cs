using MinLGan.Data;
using MinLGan.Evaluation;
using MinLGan.Torch.Modules;
using TorchSharp;
using static TorchSharp.torch;
using Generator = MinLGan.Torch.Modules.Generator;

namespace MinLGan.Torch;

/// <summary>What training one discriminator produced.</summary>
/// <param name="Weights">The kept D.</param>
/// <param name="KeptEpoch">The epoch whose D was kept (0 = before training).</param>
/// <param name="EpochsRun">Epochs completed.</param>
/// <param name="HoldoutAuc">Holdout AUC of the kept D, when evaluated.</param>
/// <param name="Stop">Why training ended: "completed", "cancelled" or a NaN/Inf message.</param>
/// <param name="GeneratorSamples">G(z) for fresh z after the last epoch, [count * features], when asked for.</param>
internal sealed record TrainedMember(WeightSet Weights, int KeptEpoch, int EpochsRun, double? HoldoutAuc, string Stop, float[]? GeneratorSamples = null);

/// <summary>
/// Trains one GAN / MinLGAN discriminator, one iteration per batch in the paper's order: D step, encoder step
/// (skipped when a = 0), G step. Every step runs in its own dispose scope; the kept D leaves as managed arrays.
/// </summary>
internal static class MemberTrainer
{
    /// <summary>
    /// Held while a member trains. libtorch's default generator (weight initialisation, z, dropout) is process-wide,
    /// so two trainings on different threads would draw from each other's stream; holding this lock from
    /// manual_seed to the end of training makes every member's result depend on its seed alone.
    /// </summary>
    internal static readonly Lock TorchRandomLock = new();

    public static TrainedMember Train(Dataset train, Dataset? holdout, GanOptions o, long seed, int member,
        Action<TrainingProgress>? progress, CancellationToken ct, int generatorSamples = 0)
    {
        lock (TorchRandomLock)
            return TrainLocked(train, holdout, o, seed, member, progress, ct, generatorSamples);
    }

    private static TrainedMember TrainLocked(Dataset train, Dataset? holdout, GanOptions o, long seed, int member,
        Action<TrainingProgress>? progress, CancellationToken ct, int generatorSamples)
    {
        using var fitScope = NewDisposeScope();
        if (o.Threads > 0) set_num_threads(o.Threads);
        random.manual_seed(seed);
        var rng = new SeededRandom(SeededRandom.Derive(seed, 0x5eed));
        int n = train.Rows, d = train.Columns;
        bool useEncoder = o.A > 0;
        bool evaluate = o.Selection == SelectionMode.Holdout && holdout?.Labels is { } hl && hl.Contains(0) && hl.Contains(1);

        var disc = Networks.Discriminator(d, train.ImageShape, o);
        var gen = Networks.Generator(d, train.ImageShape, o);
        var enc = useEncoder ? Networks.Encoder(d, train.ImageShape, o) : null;
        var optD = optim.Adam(disc.parameters(), o.LearningRate, o.Beta1, 0.999);
        var optG = optim.Adam(gen.parameters(), o.LearningRate, o.Beta1, 0.999);
        var optE = enc is null ? null : optim.Adam(enc.parameters(), o.LearningRate, o.Beta1, 0.999);

        var x = tensor(train.Values.ToArray(), [n, d]);
        var order = Enumerable.Range(0, n).ToArray();
        int batch = Math.Min(o.BatchSize, n);
        int steps = n / batch; // drop the last partial batch, as improved-gan does

        // The untrained D is kept only if training fails before the first evaluation: termination by holdout chooses
        // among trained epochs (a random D can score well by accident on some data, KDD among them).
        var kept = WeightSet.Capture(disc);
        int keptEpoch = 0;
        double? keptAuc = null;
        string stop = "completed";
        int epoch = 0;
        disc.train();
        for (epoch = 1; epoch <= o.Epochs; epoch++)
        {
            if (ct.IsCancellationRequested) { stop = "cancelled"; epoch--; break; }
            double lr = o.LearningRate * o.LearningRateFactor(epoch);
            foreach (var opt in new optim.Optimizer?[] { optD, optG, optE })
                if (opt is not null)
                    foreach (var group in opt.ParamGroups) group.LearningRate = lr;
            rng.Shuffle(order.AsSpan());
            double dSum = 0, gSum = 0, eSum = 0;
            bool bad = false;
            for (int s = 0; s < steps && !bad; s++)
            {
                if (ct.IsCancellationRequested) break;
                using var stepScope = NewDisposeScope();
                var idx = tensor(order.AsSpan(s * batch, batch).ToArray().Select(i => (long)i).ToArray());
                var xb = x.index_select(0, idx);

                // D step: maximise E log D(x) + E log(1 − D(G(z))).
                optD.zero_grad();
                Tensor fake;
                using (no_grad()) fake = gen.forward(randn(batch, o.Latent));
                var dLoss = GanLosses.Discriminator(disc.forward(xb), disc.forward(fake));
                dLoss.backward();
                optD.step();

                // Encoder step: maximise the ELBO of x under p(x|z) = G(z) + noise (G fixed).
                Tensor? eLoss = null;
                if (enc is not null)
                {
                    optE!.zero_grad();
                    var (mu, logVar) = enc.forward(xb);
                    var z = mu + (0.5 * logVar).exp() * randn_like(mu);
                    eLoss = -GanLosses.Elbo(xb, gen.forward(z), mu, logVar, o.Noise, o.NoiseScale, o.Reduction).mean();
                    eLoss.backward();
                    optE.step();
                }

                // G step: feature matching + a · E_q log p(x | G(z)), which pushes G(z) away from x.
                optG.zero_grad();
                Tensor fmReal;
                using (no_grad()) fmReal = disc.Features(xb);
                var fm = GanLosses.FeatureMatching(fmReal, disc.Features(gen.forward(randn(batch, o.Latent))));
                Tensor gLoss = fm;
                if (enc is not null)
                {
                    Tensor zq;
                    using (no_grad())
                    {
                        var (mu, logVar) = enc.forward(xb);
                        zq = mu + (0.5 * logVar).exp() * randn_like(mu);
                    }
                    var ll = GanLosses.LogLikelihood(xb, gen.forward(zq), o.Noise, o.NoiseScale, o.Reduction);
                    gLoss = GanLosses.Generator(fm, ll, o.A);
                }
                gLoss.backward();
                optG.step();

                double dv = dLoss.item<float>(), gv = gLoss.item<float>(), ev = eLoss?.item<float>() ?? 0;
                if (!double.IsFinite(dv) || !double.IsFinite(gv) || !double.IsFinite(ev))
                {
                    bad = true;
                    stop = $"member {member}: a loss became {(double.IsNaN(dv + gv + ev) ? "NaN" : "infinite")} at epoch {epoch}, step {s + 1}; kept epoch {keptEpoch}";
                }
                dSum += dv;
                gSum += gv;
                eSum += ev;
                NativeHeap.TrimIfDue();
            }
            if (bad) { epoch--; break; }
            if (ct.IsCancellationRequested) { stop = "cancelled"; epoch--; break; } // a partial epoch is not evaluated

            double? auc = null;
            if (evaluate && (epoch % o.EvalEvery == 0 || epoch == o.Epochs))
            {
                auc = HoldoutAuc(disc, holdout!, o);
                if (keptAuc is null || auc > keptAuc)
                {
                    keptAuc = auc;
                    kept = WeightSet.Capture(disc);
                    keptEpoch = epoch;
                }
            }
            else if (!evaluate)
            {
                var now = WeightSet.Capture(disc);
                if (now.AllFinite()) { kept = now; keptEpoch = epoch; }
            }
            progress?.Invoke(new TrainingProgress(member, Math.Max(o.Members, 1), epoch, o.Epochs, dSum / steps, gSum / steps,
                enc is null ? double.NaN : eSum / steps, auc));
            NativeHeap.Trim();
        }

        float[]? samples = null;
        if (generatorSamples > 0)
        {
            using var sampleScope = NewDisposeScope();
            using var _ = no_grad();
            samples = gen.forward(randn(generatorSamples, o.Latent)).data<float>().ToArray();
        }
        foreach (var m in new nn.Module?[] { disc, gen, enc }) m?.Dispose();
        foreach (var opt in new IDisposable?[] { optD, optG, optE }) opt?.Dispose();
        return new TrainedMember(kept, keptEpoch, Math.Max(epoch, 0), keptAuc, stop, samples);
    }

    /// <summary>
    /// D's logits for every row [rows]: MLPs from managed weights (batch-invariant; see <see cref="MlpScorer"/>),
    /// convolutional D with libtorch in fixed-size batches (see <see cref="ConvScorer"/>).
    /// </summary>
    public static double[] Logits(WeightSet weights, Dataset data, GanOptions o, ImageShape? shape) =>
        o.IsConvolutional ? ConvScorer.Logits(weights, data, o, Networks.Require(shape, o)) : new MlpScorer(weights, o.Activation).Logits(data);

    /// <summary>Holdout AUC of −D; NaN when D's outputs are not finite.</summary>
    private static double HoldoutAuc(DiscriminatorNet disc, Dataset holdout, GanOptions o)
    {
        double[] logits;
        if (o.IsConvolutional)
        {
            // The live network in eval mode: building another would draw from the training's random stream.
            disc.eval();
            logits = ConvScorer.Logits(disc, holdout);
            disc.train();
        }
        else
        {
            logits = Logits(WeightSet.Capture(disc), holdout, o, null);
        }
        var scores = logits.Select(l => -l).ToArray();
        return scores.All(double.IsFinite) ? Auc.Compute(holdout.Labels!, scores) : double.NaN;
    }
}
