using System.Globalization;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Evaluation;
using MinLGan.Torch.Modules;
using static TorchSharp.torch;

namespace MinLGan.Torch;

/// <summary>
/// The paper's reconstruction baselines. <c>ae</c>: an MLP autoencoder trained on squared error and scored by the
/// squared reconstruction error. <c>vae</c>: a VAE with a Gaussian p(x|z) (per-feature mean and variance) trained on
/// the ELBO and scored by the negative reconstruction probability −(1/L) Σₗ log p(x | zₗ), zₗ ~ q(z|x) (An and Cho
/// 2015). Training uses the GAN family's machinery: seeded libtorch under one lock, dispose scopes per step, the
/// epoch with the best holdout AUC kept (the paper's termination) or the last epoch, NaN stops and Ctrl-C.
/// </summary>
public sealed class ReconstructionDetector : DetectorBase, IUsesHoldout, IReportsTraining
{
    private Dataset? _holdout;
    private WeightSet? _weights;
    private double[] _eps = [];
    private ReconstructionScorer? _scorer;
    private readonly List<string> _warnings = [];

    /// <summary>Creates an unfitted detector; <paramref name="variational"/> picks vae over ae.</summary>
    public ReconstructionDetector(bool variational, ReconstructionOptions options, int seed) : base(options.Contamination)
    {
        options.Validate();
        Variational = variational;
        Options = options;
        Seed = seed;
    }

    /// <inheritdoc />
    public override string Name => Variational ? "vae" : "ae";

    /// <summary>True for the VAE.</summary>
    public bool Variational { get; }

    /// <summary>The options.</summary>
    public ReconstructionOptions Options { get; }

    /// <summary>The run seed (weights, batches, z noise and the VAE's scoring draws).</summary>
    public int Seed { get; }

    /// <inheritdoc />
    public Action<TrainingProgress>? Progress { get; set; }

    /// <inheritdoc />
    public string Selection { get; private set; } = "";

    /// <inheritdoc />
    public IReadOnlyList<string> Warnings => _warnings;

    /// <inheritdoc />
    public void UseHoldout(Dataset holdout) => _holdout = holdout;

    /// <inheritdoc />
    protected override void FitCore(Dataset train, CancellationToken ct)
    {
        _warnings.Clear();
        // The VAE's scoring draws come from the run seed, apart from libtorch's stream.
        var rng = new SeededRandom(SeededRandom.Derive(Seed, 0xE95));
        _eps = Variational ? Enumerable.Range(0, Options.Samples * Options.Latent).Select(_ => rng.NextGaussian()).ToArray() : [];
        lock (MemberTrainer.TorchRandomLock) TrainLocked(train, ct);
    }

    private void TrainLocked(Dataset train, CancellationToken ct)
    {
        using var fitScope = NewDisposeScope();
        var o = Options;
        if (o.Threads > 0) set_num_threads(o.Threads);
        random.manual_seed(Seed);
        var rng = new SeededRandom(SeededRandom.Derive(Seed, 0x5eed));
        int n = train.Rows, d = train.Columns;
        bool evaluate = o.Selection == SelectionMode.Holdout && _holdout?.Labels is { } hl && hl.Contains(0) && hl.Contains(1);
        using var net = new AutoEncoder(d, o, Variational);
        using var opt = optim.Adam(net.parameters(), o.LearningRate);
        var x = tensor(train.Values.ToArray(), [n, d]);
        var order = Enumerable.Range(0, n).ToArray();
        int batch = Math.Min(o.BatchSize, n);
        int steps = n / batch;
        double log2Pi = Math.Log(2 * Math.PI);

        var kept = WeightSet.Capture(net);
        int keptEpoch = 0;
        double? keptAuc = null;
        string stop = "completed";
        int epoch;
        net.train();
        for (epoch = 1; epoch <= o.Epochs; epoch++)
        {
            if (ct.IsCancellationRequested) { stop = "cancelled"; epoch--; break; }
            rng.Shuffle(order.AsSpan());
            double lossSum = 0;
            bool bad = false;
            for (int s = 0; s < steps && !bad; s++)
            {
                if (ct.IsCancellationRequested) break;
                using var stepScope = NewDisposeScope();
                var xb = x.index_select(0, tensor(order.AsSpan(s * batch, batch).ToArray().Select(i => (long)i).ToArray()));
                opt.zero_grad();
                Tensor loss;
                if (!Variational)
                {
                    loss = nn.functional.mse_loss(net.forward(xb), xb);
                }
                else
                {
                    // −ELBO per row, averaged: −E_q log N(x | μ(z), σ²(z)) + KL(q(z|x) ‖ N(0, I)).
                    var (mu, logVar) = net.Encode(xb);
                    var z = mu + (0.5 * logVar!).exp() * randn_like(mu);
                    var (xMu, xLogVar) = net.Decode(z);
                    var nll = (0.5 * (log2Pi + xLogVar! + (xb - xMu).pow(2) * (-xLogVar!).exp())).sum(1);
                    var kl = (-0.5 * (1 + logVar! - mu.pow(2) - logVar!.exp())).sum(1);
                    loss = (nll + kl).mean();
                }
                loss.backward();
                opt.step();
                double v = loss.item<float>();
                if (!double.IsFinite(v))
                {
                    bad = true;
                    stop = string.Create(CultureInfo.InvariantCulture, $"{Name}: the loss became {(double.IsNaN(v) ? "NaN" : "infinite")} at epoch {epoch}, step {s + 1}; kept epoch {keptEpoch}");
                }
                lossSum += v;
                NativeHeap.TrimIfDue();
            }
            if (bad) { epoch--; break; }
            if (ct.IsCancellationRequested) { stop = "cancelled"; epoch--; break; }

            double? auc = null;
            var now = WeightSet.Capture(net);
            if (evaluate && (epoch % o.EvalEvery == 0 || epoch == o.Epochs))
            {
                var scores = new ReconstructionScorer(now, o.Activation, Variational, _eps).Score(_holdout!);
                auc = scores.All(double.IsFinite) ? Auc.Compute(_holdout!.Labels!, scores) : double.NaN;
                if (keptAuc is null || auc > keptAuc) { keptAuc = auc; kept = now; keptEpoch = epoch; }
            }
            else if (!evaluate && now.AllFinite())
            {
                kept = now;
                keptEpoch = epoch;
            }
            Progress?.Invoke(new TrainingProgress(0, 1, epoch, o.Epochs, lossSum / steps, double.NaN, double.NaN, auc,
                string.Create(CultureInfo.InvariantCulture, $"loss {lossSum / steps:F4}")));
            NativeHeap.Trim();
        }

        _weights = kept;
        _scorer = new ReconstructionScorer(kept, o.Activation, Variational, _eps);
        if (stop != "completed") _warnings.Add(stop == "cancelled" ? $"{Name}: cancelled after epoch {Math.Max(epoch, 0)}; kept epoch {keptEpoch}" : stop);
        if (keptAuc is < 0.5)
            _warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: holdout AUC {keptAuc.Value:F3} < 0.5 — the holdout's anomalies reconstruct BETTER than its normal rows: scores are inverted"));
        if (o.Selection == SelectionMode.Holdout && !evaluate)
            _warnings.Add("selection=holdout but no labeled holdout with both classes was given: kept the last epoch (label-free)");
        Selection = (evaluate ? "holdout-auc" : "last-epoch") + ": " + (keptAuc is double a
            ? string.Create(CultureInfo.InvariantCulture, $"epoch {keptEpoch} (holdout AUC {a:F4})")
            : $"epoch {keptEpoch}");
    }

    /// <inheritdoc />
    protected override double[] ScoreCore(Dataset data) => _scorer!.Score(data);

    internal void Save(Action<string, Action<Stream>> write)
    {
        write("network.bin", s => _weights!.Write(s));
        if (Variational)
            write("scoring-noise.bin", s =>
            {
                using var w = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
                w.Write(_eps.Length);
                foreach (var e in _eps) w.Write(e);
            });
    }

    internal static ReconstructionDetector Load(bool variational, ReconstructionOptions options, int seed, double threshold, Func<string, Stream> open)
    {
        var det = new ReconstructionDetector(variational, options, seed);
        using (var s = open("network.bin")) det._weights = WeightSet.Read(s);
        if (variational)
        {
            using var s = open("scoring-noise.bin");
            using var r = new BinaryReader(s);
            try
            {
                int count = r.ReadInt32();
                if (count != options.Samples * options.Latent)
                    throw new InvalidInputException($"vae payload: {count} scoring draws, the options need samples x latent = {options.Samples * options.Latent}");
                det._eps = new double[count];
                for (int i = 0; i < count; i++) det._eps[i] = r.ReadDouble();
            }
            catch (EndOfStreamException)
            {
                throw new InvalidInputException("vae payload: scoring draws truncated");
            }
        }
        // Building the network once checks every tensor's name and shape against the options.
        int features = det._weights.InputWidth;
        lock (MemberTrainer.TorchRandomLock)
        {
            using var probe = new AutoEncoder(features, options, variational);
            det._weights.Apply(probe);
        }
        det._scorer = new ReconstructionScorer(det._weights, options.Activation, variational, det._eps);
        det.RestoreFitted(features, threshold);
        det.Selection = "loaded";
        return det;
    }
}
