using MinLGan.Data;
using MinLGan.Evaluation;
using MinLGan.Torch.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Generator = MinLGan.Torch.Modules.Generator;

namespace MinLGan.Torch;

/// <summary>
/// Trains N ensemble members as one batched network: each layer's weights are stacked [N, in, out] and applied
/// with <c>bmm</c>, and the per-member losses are summed, so each member still gets exactly its own gradients and,
/// Adam being element-wise, its own optimiser. Each member starts from the weights its solo training would start
/// from (its seed builds the solo D, G and encoder, which are then stacked) and draws its own batch order; the
/// noise z comes from one stream for all members, so a member is not bit-identical to its solo training.
/// The MLPs are small, so a step costs mostly per-operation overhead; batching pays that overhead once for N members.
/// </summary>
internal static class BatchedMemberTrainer
{
    public static TrainedMember[] Train(Dataset train, Dataset? holdout, GanOptions o, long[] seeds,
        Action<TrainingProgress>? progress, CancellationToken ct)
    {
        lock (MemberTrainer.TorchRandomLock)
            return TrainLocked(train, holdout, o, seeds, progress, ct);
    }

    private static TrainedMember[] TrainLocked(Dataset train, Dataset? holdout, GanOptions o, long[] seeds,
        Action<TrainingProgress>? progress, CancellationToken ct)
    {
        using var fitScope = NewDisposeScope();
        if (o.Threads > 0) set_num_threads(o.Threads);
        int members = seeds.Length, n = train.Rows, d = train.Columns;
        bool useEncoder = o.A > 0;
        bool evaluate = o.Selection == SelectionMode.Holdout && holdout?.Labels is { } hl && hl.Contains(0) && hl.Contains(1);

        // Solo initialisations, stacked.
        var dLayers = new List<WeightSet>();
        var gLayers = new List<WeightSet>();
        var eLayers = new List<WeightSet>();
        foreach (long seed in seeds)
        {
            random.manual_seed(seed);
            using var sd = new Discriminator(d, o);
            using var sg = new Generator(d, o);
            using var se = useEncoder ? new Encoder(d, o) : null;
            dLayers.Add(WeightSet.Capture(sd));
            gLayers.Add(WeightSet.Capture(sg));
            if (se is not null) eLayers.Add(WeightSet.Capture(se));
        }
        var dLayout = dLayers[0].Layout.ToList();
        var disc = new Stack("D", dLayers, o.Activation, o.Dropout);
        var gen = new Stack("G", gLayers, o.Activation, 0);
        var enc = useEncoder ? new Stack("E", eLayers, o.Activation, 0) : null;
        random.manual_seed(SeededRandom.Derive(seeds[0], 0xba7c4));

        var optD = optim.Adam(disc.parameters(), o.LearningRate, o.Beta1, 0.999);
        var optG = optim.Adam(gen.parameters(), o.LearningRate, o.Beta1, 0.999);
        var optE = enc is null ? null : optim.Adam(enc.parameters(), o.LearningRate, o.Beta1, 0.999);

        var x = tensor(train.Values.ToArray(), [n, d]);
        var rngs = seeds.Select(s => new SeededRandom(SeededRandom.Derive(s, 0x5eed))).ToArray();
        var orders = seeds.Select(_ => Enumerable.Range(0, n).ToArray()).ToArray();
        int batch = Math.Min(o.BatchSize, n);
        int steps = n / batch;
        int dBody = o.DHidden.Count; // D's body layers; the last stacked layer is the head

        var kept = Enumerable.Range(0, members).Select(i => disc.Member(i, dLayout)).ToArray();
        var keptEpoch = new int[members];
        var keptAuc = new double?[members];
        var stop = Enumerable.Repeat("completed", members).ToArray();
        var alive = Enumerable.Repeat(true, members).ToArray();
        int epoch;
        for (epoch = 1; epoch <= o.Epochs; epoch++)
        {
            if (ct.IsCancellationRequested) break;
            for (int m = 0; m < members; m++) rngs[m].Shuffle(orders[m].AsSpan());
            var dSum = new double[members];
            var gSum = new double[members];
            var eSum = new double[members];
            for (int s = 0; s < steps; s++)
            {
                if (ct.IsCancellationRequested) break;
                using var stepScope = NewDisposeScope();
                var idx = new long[members * batch];
                for (int m = 0; m < members; m++)
                    for (int k = 0; k < batch; k++) idx[m * batch + k] = orders[m][s * batch + k];
                var xb = x.index_select(0, tensor(idx)).view(members, batch, d);

                // D step, per member: mean softplus(-D(x)) + mean softplus(D(G(z))); the sum over members separates.
                optD.zero_grad();
                Tensor fake;
                using (no_grad()) fake = gen.Forward(randn(members, batch, o.Latent), gen.Count);
                var dLoss = nn.functional.softplus(-disc.Forward(xb, disc.Count).squeeze(-1)).mean([1])
                          + nn.functional.softplus(disc.Forward(fake, disc.Count).squeeze(-1)).mean([1]);
                dLoss.sum().backward();
                optD.step();

                Tensor? eLoss = null;
                if (enc is not null)
                {
                    optE!.zero_grad();
                    var (mu, logVar) = Encode(enc, xb);
                    var z = mu + (0.5 * logVar).exp() * randn_like(mu);
                    eLoss = -Elbo(xb, gen.Forward(z, gen.Count), mu, logVar, o).mean([1]);
                    eLoss.sum().backward();
                    optE.step();
                }

                optG.zero_grad();
                Tensor fReal;
                using (no_grad()) fReal = disc.Forward(xb, dBody);
                var fFake = disc.Forward(gen.Forward(randn(members, batch, o.Latent), gen.Count), dBody);
                var gLoss = ((fReal.mean([1]) - fFake.mean([1])).square().sum(-1) + 1e-12).sqrt();
                if (enc is not null)
                {
                    Tensor zq;
                    using (no_grad())
                    {
                        var (mu, logVar) = Encode(enc, xb);
                        zq = mu + (0.5 * logVar).exp() * randn_like(mu);
                    }
                    gLoss = gLoss + o.A * LogLikelihood(xb, gen.Forward(zq, gen.Count), o).mean([1]);
                }
                gLoss.sum().backward();
                optG.step();

                var dv = dLoss.data<float>().ToArray();
                var gv = gLoss.data<float>().ToArray();
                var ev = eLoss?.data<float>().ToArray();
                for (int m = 0; m < members; m++)
                {
                    double e = ev?[m] ?? 0;
                    if (alive[m] && (!float.IsFinite(dv[m]) || !float.IsFinite(gv[m]) || !double.IsFinite(e)))
                    {
                        alive[m] = false;
                        stop[m] = $"member {m}: a loss became {(float.IsNaN(dv[m] + gv[m]) || double.IsNaN(e) ? "NaN" : "infinite")} at epoch {epoch}, step {s + 1}; kept epoch {keptEpoch[m]}";
                    }
                    dSum[m] += dv[m];
                    gSum[m] += gv[m];
                    eSum[m] += e;
                }
                NativeHeap.TrimIfDue();
            }
            if (ct.IsCancellationRequested) { epoch--; break; }
            if (!alive.Any(a => a)) { epoch--; break; }

            for (int m = 0; m < members; m++)
            {
                if (!alive[m]) continue;
                double? auc = null;
                var now = disc.Member(m, dLayout);
                if (evaluate && (epoch % o.EvalEvery == 0 || epoch == o.Epochs))
                {
                    var scores = MemberTrainer.Logits(now, holdout!, o, null).Select(l => -l).ToArray();
                    auc = scores.All(double.IsFinite) ? Auc.Compute(holdout!.Labels!, scores) : double.NaN;
                    if (keptAuc[m] is null || auc > keptAuc[m]) { keptAuc[m] = auc; kept[m] = now; keptEpoch[m] = epoch; }
                }
                else if (!evaluate && now.AllFinite())
                {
                    kept[m] = now;
                    keptEpoch[m] = epoch;
                }
                progress?.Invoke(new TrainingProgress(m, members, epoch, o.Epochs, dSum[m] / steps, gSum[m] / steps,
                    enc is null ? double.NaN : eSum[m] / steps, auc));
            }
            NativeHeap.Trim();
        }
        if (ct.IsCancellationRequested)
            for (int m = 0; m < members; m++) if (alive[m]) stop[m] = "cancelled";

        foreach (var module in new nn.Module?[] { disc, gen, enc }) module?.Dispose();
        foreach (var opt in new IDisposable?[] { optD, optG, optE }) opt?.Dispose();
        int run = Math.Max(epoch, 0);
        return Enumerable.Range(0, members).Select(m => new TrainedMember(kept[m], keptEpoch[m], run, keptAuc[m], stop[m])).ToArray();
    }

    private static (Tensor Mean, Tensor LogVar) Encode(Stack enc, Tensor x)
    {
        var h = enc.Forward(x, enc.Count - 2);
        return (enc.Layer(h, enc.Count - 2, activate: false), enc.Layer(h, enc.Count - 1, activate: false).clamp(-12, 12));
    }

    // The batched forms of GanLosses: rows on dimension 1, features on the last one; one value per member and row.
    private static Tensor LogLikelihood(Tensor x, Tensor reconstruction, GanOptions o)
    {
        var diff = x - reconstruction;
        var perFeature = o.Noise == NoiseKind.Gaussian
            ? -0.5 * (diff / o.NoiseScale).square() - (Math.Log(o.NoiseScale) + 0.5 * Math.Log(2 * Math.PI))
            : -(diff.abs() / o.NoiseScale) - Math.Log(2 * o.NoiseScale);
        return o.Reduction == Reduction.Sum ? perFeature.sum(-1) : perFeature.mean([-1]);
    }

    private static Tensor Elbo(Tensor x, Tensor reconstruction, Tensor mean, Tensor logVar, GanOptions o)
    {
        var kl = 0.5 * (mean.square() + logVar.exp() - 1 - logVar).sum(-1);
        if (o.Reduction == Reduction.Mean) kl = kl / x.shape[^1];
        return LogLikelihood(x, reconstruction, o) - kl;
    }

    /// <summary>N stacked MLPs: layer k has weights [N, in, out] and biases [N, 1, out]; hidden layers are activated.</summary>
    private sealed class Stack : nn.Module
    {
        private readonly List<Parameter> _weights = [];
        private readonly List<Parameter> _biases = [];
        private readonly string _activation;
        private readonly double _dropout;
        private readonly int _hidden;

        public Stack(string name, IReadOnlyList<WeightSet> perMember, string activation, double dropout) : base(name)
        {
            var layers = perMember.Select(w => w.LinearLayers().ToArray()).ToArray();
            int count = layers[0].Length;
            for (int k = 0; k < count; k++)
            {
                var (_, _, nIn, nOut) = layers[0][k];
                var w = stack(layers.Select(l => tensor(l[k].W, [nOut, nIn]).t()).ToArray()).contiguous();
                var b = stack(layers.Select(l => tensor(l[k].B, [1, nOut])).ToArray());
                var pw = new Parameter(w.DetachFromDisposeScope());
                var pb = new Parameter(b.DetachFromDisposeScope());
                register_parameter($"w{k}", pw);
                register_parameter($"b{k}", pb);
                _weights.Add(pw);
                _biases.Add(pb);
            }
            _activation = activation;
            _dropout = dropout;
            // D: every layer but the head is hidden; G: all but the output; E: all but the two heads.
            _hidden = name == "E" ? count - 2 : count - 1;
        }

        public int Count => _weights.Count;

        /// <summary>Layer k applied to [N, B, in].</summary>
        public Tensor Layer(Tensor x, int k, bool activate)
        {
            if (_dropout > 0 && k < _hidden) x = nn.functional.dropout(x, _dropout, training);
            var y = x.bmm(_weights[k]) + _biases[k];
            if (!activate) return y;
            return _activation switch
            {
                "relu" => nn.functional.relu(y),
                "tanh" => y.tanh(),
                _ => nn.functional.leaky_relu(y, 0.2),
            };
        }

        /// <summary>The first <paramref name="layers"/> layers; hidden ones are activated.</summary>
        public Tensor Forward(Tensor x, int layers)
        {
            for (int k = 0; k < layers; k++) x = Layer(x, k, activate: k < _hidden);
            return x;
        }

        /// <summary>Member m's layers as a solo module's weights (names and [out, in] shapes of <paramref name="layout"/>).</summary>
        public WeightSet Member(int m, IReadOnlyList<(string Name, long[] Shape)> layout)
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var entries = new List<(string, long[], float[])>();
            for (int k = 0; k < _weights.Count; k++)
            {
                entries.Add((layout[2 * k].Name, layout[2 * k].Shape, _weights[k][m].t().contiguous().data<float>().ToArray()));
                entries.Add((layout[2 * k + 1].Name, layout[2 * k + 1].Shape, _biases[k][m].reshape(-1).contiguous().data<float>().ToArray()));
            }
            return WeightSet.FromEntries(entries);
        }
    }
}
