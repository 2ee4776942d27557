using System.Globalization;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Metrics;
using MinLGan.Torch.Modules;
using MinLGan.Torch.Training;
using static TorchSharp.torch;

namespace MinLGan.Torch;

/// <summary>
/// The paper's reconstruction baselines. <c>ae</c>: an MLP autoencoder trained on squared error and scored by the
/// squared reconstruction error. <c>vae</c>: a VAE with a Gaussian p(x|z) (per-feature mean and variance) trained on
/// the ELBO and scored by the negative reconstruction probability −(1/L) Σₗ log p(x | zₗ), zₗ ~ q(z|x) (An and Cho
/// 2015). Training uses the GAN family's machinery: seeded libtorch under one lock, dispose scopes per step, the
/// epoch with the best holdout AUC kept (the paper's termination) or the last epoch, NaN stops and Ctrl-C.
/// </summary>
public sealed class ReconstructionDetector : DetectorBase, IUsesHoldout, IReportsTraining, ICheckpointsFit, Export.IExportsScoreGraph
{
    private Dataset? _holdout;
    private WeightSet? _weights;
    private double[] _eps = [];
    private ReconstructionScorer? _scorer;
    private readonly List<DetectorWarning> _warnings = [];

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
    public IReadOnlyList<DetectorWarning> Warnings => _warnings;

    /// <inheritdoc />
    public string? CheckpointFolder { get; set; }

    /// <inheritdoc />
    public double CheckpointSeconds { get; set; } = 60;

    /// <inheritdoc />
    public string? Resumed { get; private set; }

    /// <inheritdoc />
    public void UseHoldout(Dataset holdout) => _holdout = holdout;

    /// <inheritdoc />
    protected override void FitCore(Dataset train, CancellationToken ct)
    {
        _warnings.Clear();
        Resumed = null;
        // The VAE's scoring draws come from the run seed, apart from libtorch's stream.
        var rng = SeedStreams.Of(Seed, SeedStreams.VaeScoringStream);
        _eps = Variational ? Enumerable.Range(0, Options.Samples * Options.Latent).Select(_ => rng.NextGaussian()).ToArray() : [];
        var o = Options;
        var holdoutLabels = EpochRunner.HoldoutLabels(_holdout, o.Selection);
        MemberOutcome outcome;
        var checkpoint = CheckpointFolder is null ? null
            : new MemberCheckpoints(CheckpointFolder, train, _holdout) is var keep ? keep.Training(0, keep.Key(o, Seed, 0, 0), CheckpointSeconds) : null;
        lock (TorchRandomLock.Gate)
        {
            using var fitScope = NewDisposeScope();
            if (o.Threads > 0) set_num_threads(o.Threads);
            random.manual_seed(Seed);
            using var run = new AutoEncoderRun(train.Columns, o, Variational, _eps, _holdout, Name);
            outcome = EpochRunner.Run(run, EpochRunner.Rows(train), [SeedStreams.BatchOrder(Seed)], o.BatchSize, o.Epochs, o.EvalEvery,
                holdoutLabels, Progress, ct, checkpoint)[0];
        }
        if (checkpoint?.ResumedFrom is int epoch) Resumed = string.Create(CultureInfo.InvariantCulture, $"its training from epoch {epoch}");

        _weights = outcome.Weights;
        _scorer = new ReconstructionScorer(_weights, o.Activation, Variational, _eps);
        if (outcome.Stop.Kind == TrainingStopKind.Cancelled)
            Warn(WarningKind.Cancelled, $"{Name}: cancelled after epoch {outcome.EpochsRun}; kept epoch {outcome.KeptEpoch}");
        if (outcome.Stop.Kind == TrainingStopKind.NonFinite) Warn(WarningKind.NonFiniteLoss, outcome.Stop.Message);
        if (outcome.HoldoutAuc is < 0.5)
            Warn(WarningKind.InvertedScores, string.Create(CultureInfo.InvariantCulture,
                $"{Name}: holdout AUC {outcome.HoldoutAuc.Value:F3} < 0.5 — the holdout's anomalies reconstruct BETTER than its normal rows: scores are inverted"));
        if (o.Selection == SelectionMode.Holdout && holdoutLabels is null)
            Warn(WarningKind.NoHoldout, "selection=holdout but no labeled holdout with both classes was given: kept the last epoch (label-free)");
        Selection = (holdoutLabels is not null ? "holdout-auc" : "last-epoch") + ": " + (outcome.HoldoutAuc is double a
            ? string.Create(CultureInfo.InvariantCulture, $"epoch {outcome.KeptEpoch} (holdout AUC {a:F4})")
            : $"epoch {outcome.KeptEpoch}");
    }

    private void Warn(WarningKind kind, string message) => _warnings.Add(new DetectorWarning(kind, message));

    /// <inheritdoc />
    protected override double[] ScoreCore(Dataset data) => _scorer!.Score(data);

    /// <inheritdoc />
    public string? ExportBlocker => null;

    /// <inheritdoc />
    public Export.GraphValue AppendScore(Export.ScoreGraph graph, Export.GraphValue rows) =>
        (_scorer ?? throw new InvalidOperationException($"{Name}: not fitted")).Append(graph, rows);

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
        lock (TorchRandomLock.Gate)
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
