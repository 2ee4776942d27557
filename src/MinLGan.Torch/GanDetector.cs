using System.Globalization;
using MinLGan.Data;
using MinLGan.Detectors;

namespace MinLGan.Torch;

/// <summary>
/// The GAN-family detectors: <c>gan</c> (a = 0), <c>minlgan</c> (a &gt; 0), and the ensembles <c>eminlgan1</c>
/// (s = −mean Dᵢ(x)) and <c>eminlgan2</c> (s = −mean (Dᵢ(x) − nᵢ)/(mᵢ − nᵢ), mᵢ and nᵢ the max and min of Dᵢ over the
/// holdout). The score of x is minus D's pre-sigmoid output. Members are trained one after another with seeds derived
/// from the run seed; each keeps its own best epoch on the holdout (or its last epoch, label-free).
/// </summary>
public sealed class GanDetector : DetectorBase, IUsesHoldout, IReportsTraining
{
    private readonly string _name;
    private Dataset? _holdout;
    private WeightSet[] _members = [];
    private double[] _low = [];
    private double[] _high = [];
    private readonly List<string> _warnings = [];
    private ImageShape? _shape;

    /// <summary>The detector names this class implements.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["gan", "minlgan", "eminlgan1", "eminlgan2"];

    /// <summary>Creates an unfitted detector. <paramref name="kind"/> is gan, minlgan, eminlgan1 or eminlgan2.</summary>
    public GanDetector(string kind, GanOptions options, int seed) : base(options.Contamination)
    {
        options.Validate();
        if (!Kinds.Contains(kind))
            throw new ArgumentException($"unknown GAN detector kind {kind}", nameof(kind));
        if (kind == "gan" && options.A != 0) throw new InvalidInputException($"gan: a must be 0 (got a={options.A}); use --detector minlgan");
        _name = kind;
        Options = options;
        Seed = seed;
    }

    /// <inheritdoc />
    public override string Name => _name;

    /// <summary>The options.</summary>
    public GanOptions Options { get; }

    /// <summary>The run seed; member i trains with <see cref="SeededRandom.Derive"/>(seed, i).</summary>
    public int Seed { get; }

    /// <summary>True for eminlgan1/eminlgan2.</summary>
    public bool IsEnsemble => _name.StartsWith("eminlgan", StringComparison.Ordinal);

    private int MemberCount => IsEnsemble ? Options.Members : 1;

    /// <summary>Called after every epoch of every member (progress displays).</summary>
    public Action<TrainingProgress>? Progress { get; set; }

    /// <summary>
    /// When positive, Fit also draws this many G(z) after the last epoch (of the last member): Figure 1 and the
    /// generator sheets of <c>minlgan evaluate</c>. The draws come after training, so scores do not change.
    /// </summary>
    public int GeneratorSampleCount { get; set; }

    /// <summary>G's samples from the last Fit (rows in the training features' space), when asked for.</summary>
    public Dataset? GeneratorSamples { get; private set; }

    /// <inheritdoc />
    public string Selection { get; private set; } = "";

    /// <inheritdoc />
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Per member: the kept epoch and its holdout AUC (after Fit).</summary>
    public IReadOnlyList<(int Epoch, double? HoldoutAuc)> MemberSelections { get; private set; } = [];

    /// <inheritdoc />
    public void UseHoldout(Dataset holdout) => _holdout = holdout;

    /// <inheritdoc />
    protected override void FitCore(Dataset train, CancellationToken ct)
    {
        _warnings.Clear();
        _shape = Options.IsConvolutional ? Modules.Networks.Require(train.ImageShape, Options) : null;
        var members = new List<WeightSet>();
        var selections = new List<(int, double?)>();
        var stops = new List<string>();
        var seeds = Enumerable.Range(0, MemberCount).Select(i => IsEnsemble ? SeededRandom.Derive(Seed, i + 1) : (long)Seed).ToArray();
        var batched = IsEnsemble && Options.BatchedMembers ? BatchedMemberTrainer.Train(train, _holdout, Options, seeds, Progress, ct) : null;
        for (int i = 0; i < MemberCount; i++)
        {
            if (batched is null && i > 0 && ct.IsCancellationRequested) { _warnings.Add($"cancelled: {i} of {MemberCount} members trained"); break; }
            var m = batched?[i] ?? MemberTrainer.Train(train, _holdout, Options, seeds[i], i, Progress, ct, GeneratorSampleCount);
            members.Add(m.Weights);
            NativeHeap.Trim(); // the member's modules and optimiser state are freed: give their pages back
            if (m.GeneratorSamples is { } g) GeneratorSamples = new Dataset(g, GeneratorSampleCount, train.FeatureNames);
            selections.Add((m.KeptEpoch, m.HoldoutAuc));
            if (m.Stop != "completed") _warnings.Add(m.Stop == "cancelled" ? $"member {i}: cancelled after epoch {m.EpochsRun}; kept epoch {m.KeptEpoch}" : m.Stop);
            if (m.HoldoutAuc is < 0.5)
                _warnings.Add($"member {i}: holdout AUC {m.HoldoutAuc.Value.ToString("F3", CultureInfo.InvariantCulture)} < 0.5 — D ranks the holdout's anomalies as MORE normal: its scores are inverted; do not trust this model (try a smaller a or another learning rate)");
        }
        _members = members.ToArray();
        MemberSelections = selections;
        if (_name == "eminlgan2") FitScaling(train);

        bool holdoutUsed = Options.Selection == SelectionMode.Holdout && _holdout?.Labels is { } l && l.Contains(0) && l.Contains(1);
        if (Options.Selection == SelectionMode.Holdout && !holdoutUsed)
            _warnings.Add("selection=holdout but no labeled holdout with both classes was given: kept the last epoch's discriminator (label-free)");
        string Describe((int Epoch, double? Auc) s) =>
            s.Auc is double a ? string.Create(CultureInfo.InvariantCulture, $"epoch {s.Epoch} (holdout AUC {a:F4})") : $"epoch {s.Epoch}";
        Selection = (holdoutUsed ? "holdout-auc" : "last-epoch") + ": " +
            (selections.Count == 1 ? Describe(selections[0]) : string.Join("; ", selections.Select((s, i) => $"member {i} {Describe(s)}")));
    }

    private void FitScaling(Dataset train)
    {
        var rows = _holdout is { Rows: > 0 } h ? h : train;
        if (rows == train) _warnings.Add("eminlgan2: no holdout given; member scaling uses the training rows");
        _low = new double[_members.Length];
        _high = new double[_members.Length];
        for (int i = 0; i < _members.Length; i++)
        {
            var logits = MemberTrainer.Logits(_members[i], rows, Options, _shape);
            _low[i] = logits.Min();
            _high[i] = logits.Max();
            if (!(_high[i] > _low[i])) _warnings.Add($"eminlgan2: member {i} is constant on the scaling rows (m = n); its scale is taken as 1");
        }
    }

    /// <summary>eminlgan2's (Dᵢ − nᵢ)/(mᵢ − nᵢ) with the m = n guard: the denominator is 1 when mᵢ ≤ nᵢ.</summary>
    public static double Scaled(double logit, double low, double high) => (logit - low) / (high > low ? high - low : 1.0);

    /// <inheritdoc />
    protected override double[] ScoreCore(Dataset data)
    {
        var sum = new double[data.Rows];
        for (int i = 0; i < _members.Length; i++)
        {
            var logits = MemberTrainer.Logits(_members[i], data, Options, _shape);
            for (int r = 0; r < sum.Length; r++)
                sum[r] += _name == "eminlgan2" ? Scaled(logits[r], _low[i], _high[i]) : logits[r];
        }
        for (int r = 0; r < sum.Length; r++) sum[r] = -sum[r] / _members.Length;
        return sum;
    }

    internal void Save(Action<string, Action<Stream>> write)
    {
        // A cancelled ensemble may hold fewer members than the options ask for: the count is saved.
        write("members.bin", s =>
        {
            using var bw = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
            bw.Write(_members.Length);
        });
        for (int i = 0; i < _members.Length; i++)
        {
            var w = _members[i];
            write($"member-{i}.bin", s => w.Write(s));
        }
        if (_shape is { } shape)
            write("image-shape.bin", s =>
            {
                using var bw = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
                bw.Write(shape.Channels);
                bw.Write(shape.Height);
                bw.Write(shape.Width);
            });
        if (_name == "eminlgan2")
            write("scaling.bin", s =>
            {
                using var bw = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
                bw.Write(_members.Length);
                for (int i = 0; i < _members.Length; i++) { bw.Write(_low[i]); bw.Write(_high[i]); }
            });
    }

    internal static GanDetector Load(string kind, GanOptions options, int seed, double threshold, Func<string, Stream> open, int features)
    {
        var det = new GanDetector(kind, options, seed);
        if (options.IsConvolutional)
        {
            using var s = open("image-shape.bin");
            using var r = new BinaryReader(s);
            try
            {
                var shape = new ImageShape(r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
                if (shape.Channels < 1 || shape.Height < 8 || shape.Width < 8 || shape.Size > 1 << 24)
                    throw new InvalidInputException($"image-shape payload: {shape} is not a valid image shape");
                det._shape = shape;
                features = shape.Size;
            }
            catch (EndOfStreamException)
            {
                throw new InvalidInputException("image-shape payload: truncated");
            }
        }
        int count;
        using (var s = open("members.bin"))
        using (var r = new BinaryReader(s))
        {
            try { count = r.ReadInt32(); }
            catch (EndOfStreamException) { throw new InvalidInputException("members payload: truncated"); }
        }
        if (count < 1 || count > det.MemberCount) throw new InvalidInputException($"members payload: {count} members, the options allow 1 to {det.MemberCount}");
        det._members = Enumerable.Range(0, count).Select(i =>
        {
            using var s = open($"member-{i}.bin");
            return WeightSet.Read(s);
        }).ToArray();
        if (kind == "eminlgan2")
        {
            using var s = open("scaling.bin");
            using var r = new BinaryReader(s);
            try
            {
                if (r.ReadInt32() != det._members.Length) throw new InvalidInputException("scaling payload: member count differs");
                det._low = new double[det._members.Length];
                det._high = new double[det._members.Length];
                for (int i = 0; i < det._members.Length; i++) { det._low[i] = r.ReadDouble(); det._high[i] = r.ReadDouble(); }
            }
            catch (EndOfStreamException)
            {
                throw new InvalidInputException("scaling payload: truncated");
            }
        }
        // Building D once checks every tensor's name and shape against the options.
        lock (MemberTrainer.TorchRandomLock)
        {
            foreach (var m in det._members)
            {
                using var probe = Modules.Networks.Discriminator(features, det._shape, options);
                m.Apply(probe);
                if (!options.IsConvolutional) _ = new MlpScorer(m, options.Activation);
            }
        }
        det.RestoreFitted(features, threshold);
        det.Selection = "loaded";
        return det;
    }
}
