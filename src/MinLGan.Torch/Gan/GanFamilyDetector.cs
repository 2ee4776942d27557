using System.Globalization;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Torch.Training;

namespace MinLGan.Torch;

/// <summary>
/// The GAN family (Section IV): one or N discriminators trained with <see cref="MinLGanStep"/>, each keeping its best
/// epoch on the holdout (or its last, label-free), and a <see cref="MemberCombiner"/> that turns their pre-sigmoid
/// outputs into the anomaly score (minus D). The four detectors differ only in what they declare:
/// <see cref="GanDetector"/>, <see cref="MinLGanDetector"/>, <see cref="EMinLGan1Detector"/>, <see cref="EMinLGan2Detector"/>.
/// </summary>
public abstract class GanFamilyDetector : DetectorBase, IUsesHoldout, IReportsTraining, IGeneratesSamples, IDescribesModel, ISharedCheckpointsFit, IScoresMemberPrefixes, Export.IExportsScoreGraph
{
    private Dataset? _holdout;
    private WeightSet[] _members = [];
    private readonly List<DetectorWarning> _warnings = [];
    private ImageShape? _shape;

    /// <summary>Creates an unfitted detector (options validated).</summary>
    protected GanFamilyDetector(GanOptions options, int seed, MemberCombiner combiner, bool ensemble) : base(options.Contamination)
    {
        options.Validate();
        Options = options;
        Seed = seed;
        Combiner = combiner;
        IsEnsemble = ensemble;
    }

    /// <summary>The options.</summary>
    public GanOptions Options { get; }

    /// <summary>The run seed: a single network trains with it, ensemble member i with <see cref="SeedStreams.EnsembleMember"/>(seed, i).</summary>
    public int Seed { get; }

    /// <summary>How members' logits become the score.</summary>
    public MemberCombiner Combiner { get; }

    /// <summary>True for the ensembles: <see cref="GanOptions.Members"/> discriminators.</summary>
    public bool IsEnsemble { get; }

    /// <summary>Discriminators trained by Fit.</summary>
    public int MemberCount => IsEnsemble ? Options.Members : 1;

    /// <summary>Called after every epoch of every member (progress displays).</summary>
    public Action<TrainingProgress>? Progress { get; set; }

    /// <summary>
    /// When positive, Fit also draws this many G(z) after the last epoch (of the last member): Figure 1 and the
    /// generator sheets of <c>minlgan evaluate</c>. The draws come after training, so scores do not change.
    /// </summary>
    public int GeneratorSampleCount { get; set; }

    /// <inheritdoc />
    /// <remarks>
    /// Members trained one after another (member_training=sequential, and every candidate of a single network) are kept
    /// one by one; batched members (one stack per distinct option set) are kept when their stack finishes, and a stack in
    /// training is saved like one network's training.
    /// </remarks>
    public string? CheckpointFolder { get; set; }

    /// <inheritdoc />
    public double CheckpointSeconds { get; set; } = 60;

    /// <inheritdoc />
    public string? Resumed { get; private set; }

    /// <inheritdoc />
    /// <remarks>Read only when <see cref="CheckpointFolder"/> is set.</remarks>
    public IReadOnlyList<string> SharedFolders { get; set; } = [];

    /// <inheritdoc />
    public string? SharedRead { get; private set; }

    /// <summary>G's samples from the last Fit (rows in the training features' space), when asked for.</summary>
    public Dataset? GeneratorSamples { get; private set; }

    /// <inheritdoc />
    public string Selection { get; private set; } = "";

    /// <inheritdoc />
    public IReadOnlyList<DetectorWarning> Warnings => _warnings;

    /// <summary>Per member trained: the kept epoch and its holdout AUC (after Fit), dropped members included.</summary>
    public IReadOnlyList<(int Epoch, double? HoldoutAuc)> MemberSelections { get; private set; } = [];

    /// <summary>Per member trained: the a it trained with (the holdout's choice with a=auto).</summary>
    public IReadOnlyList<double> MemberA => MemberOptions.Select(o => o.A).ToList();

    /// <summary>Per member trained: the concrete options it trained with (a and background kind; the holdout's choice with auto).</summary>
    public IReadOnlyList<GanOptions> MemberOptions { get; private set; } = [];

    /// <summary>Members left out of the score because their holdout AUC was below 0.5 (<see cref="GanOptions.DropInverted"/>).</summary>
    public IReadOnlyList<int> DroppedMembers { get; private set; } = [];

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> ModelSummary
    {
        get
        {
            var summary = new Dictionary<string, string>
            {
                ["members_trained"] = MemberSelections.Count.ToString(CultureInfo.InvariantCulture),
                ["members_used"] = _members.Length.ToString(CultureInfo.InvariantCulture),
                ["members_dropped_inverted"] = DroppedMembers.Count.ToString(CultureInfo.InvariantCulture),
                ["a"] = string.Join(" ", MemberA.Select(a => a.ToString("G4", CultureInfo.InvariantCulture))),
            };
            if (IsEnsemble) summary["member_training"] = Options.BatchedMembers ? "batched" : "sequential";
            if (Options.UsesBackground) summary["background_kind"] = string.Join(" ", MemberOptions.Select(o => o.BackgroundKind));
            var (notApplied, reason) = Options.NotApplied;
            if (notApplied.Count > 0) summary["not_applied"] = $"{string.Join(", ", notApplied)} ({reason})";
            return summary;
        }
    }

    /// <summary>
    /// Batched members, one stack per distinct option set (the step takes one a and one background kind): each member as
    /// <see cref="GanTrainer.TrainStacked"/> trains it. With a checkpoint folder, a stack whose members are all kept is
    /// read back, a stack in training is saved every <see cref="CheckpointSeconds"/> and continued, and a finished stack's
    /// members are kept one by one. After a cancellation no further stack starts: its members are left null.
    /// </summary>
    private TrainedMember?[] TrainStackedByOptions(Dataset train, Dataset? holdout, long[] seeds, GanOptions[] memberOptions, MemberCheckpoints? kept,
        SortedSet<int> resumed, List<string> continued, CancellationToken ct)
    {
        var result = new TrainedMember?[seeds.Length];
        foreach (var group in Enumerable.Range(0, seeds.Length).GroupBy(i => memberOptions[i]))
        {
            var idx = group.ToArray();
            var keys = idx.Select(i => kept?.Key(group.Key, seeds[i], i, 0, idx.Length)).ToArray();
            var back = kept is null ? null : idx.Select((i, k) => kept.Load(i, keys[k]!)).ToArray();
            if (back is not null && back.All(b => b is not null))
            {
                for (int k = 0; k < idx.Length; k++)
                {
                    result[idx[k]] = back[k];
                    resumed.Add(idx[k]);
                }
                continue;
            }
            if (ct.IsCancellationRequested && result.Any(r => r is not null)) break;
            // One training file per stack, named after its first member, keyed by all of its members' keys.
            var training = kept?.Training(idx[0], MemberCheckpoints.Combine(keys!), CheckpointSeconds);
            // A stack of one is the member alone (a 2-D batch): train it as such, bit-identical to sequential training.
            var trained = idx.Length == 1
                ? [GanTrainer.TrainOne(train, holdout, group.Key, seeds[idx[0]], idx[0], seeds.Length, Progress, ct, checkpoint: training)]
                : GanTrainer.TrainStacked(train, holdout, group.Key, idx.Select(i => seeds[i]).ToArray(), Progress, ct, training, idx, seeds.Length);
            if (training?.ResumedFrom is int epoch)
                continued.Add(string.Create(CultureInfo.InvariantCulture, $"member{(idx.Length > 1 ? "s" : "")} {string.Join(", ", idx)} from epoch {epoch}"));
            for (int k = 0; k < idx.Length; k++)
            {
                result[idx[k]] = trained[k];
                if (kept is null) continue;
                kept.Save(idx[k], keys[k]!, trained[k]);
                PausePoint.Reach($"member-saved-{Seed}-{idx[k]}"); // the kill test's point between the members kept
            }
            NativeHeap.Trim();
        }
        return result;
    }

    /// <inheritdoc />
    public void UseHoldout(Dataset holdout) => _holdout = holdout;

    /// <inheritdoc />
    protected override void FitCore(Dataset train, CancellationToken ct)
    {
        _warnings.Clear();
        // selection=synthetic: the epoch is chosen on training rows held back and anomalies made from them
        // (SyntheticHoldout), never on the labelled holdout (which still only scales the ensemble's members, as label-free).
        // selection=holdout without a labelled holdout (both classes) falls back to the synthetic one on tabular rows.
        var holdout = _holdout;
        bool labelled = Options.Selection == SelectionMode.Holdout && EpochRunner.HoldoutLabels(_holdout, SelectionMode.Holdout) is not null;
        bool synthetic = Options.Selection == SelectionMode.Synthetic
            || Options.Selection == SelectionMode.Holdout && !labelled && !Options.IsConvolutional;
        bool holdoutUsed = labelled || synthetic;   // the synthetic holdout always has both classes
        string judged = synthetic ? "synthetic-holdout AUC" : "holdout AUC";
        if (synthetic)
            (train, holdout) = SyntheticHoldout.Split(train, SeedStreams.Of(Seed, SeedStreams.SyntheticHoldoutStream), kinds: Options.SyntheticKind);
        Resumed = null;
        SharedRead = null;
        _shape = Options.IsConvolutional ? Modules.Networks.Require(train.ImageShape, Options) : null;
        var members = new List<WeightSet>();
        var selections = new List<(int, double?)>();
        var seeds = Enumerable.Range(0, MemberCount).Select(i => IsEnsemble ? SeedStreams.EnsembleMember(Seed, i) : Seed).ToArray();
        // a=auto, background_kind=auto: with a labelled holdout, member i trains with candidate i mod their count; a
        // single network trains every candidate from the same seed and keeps the best holdout AUC.
        // The synthetic holdout's anomalies are what background_kind=both trains D to reject: it chooses only epochs.
        var candidates = Options.Candidates(labelled);
        var memberOptions = Enumerable.Range(0, MemberCount).Select(i => candidates[i % candidates.Count]).ToArray();
        var kept = CheckpointFolder is null ? null : new MemberCheckpoints(CheckpointFolder, train, holdout, SharedFolders);
        var resumed = new SortedSet<int>();
        var continued = new List<string>();
        var stacked = IsEnsemble && Options.BatchedMembers ? TrainStackedByOptions(train, holdout, seeds, memberOptions, kept, resumed, continued, ct) : null;
        // One member trained (and kept when a folder is set), or read back when it was kept before.
        TrainedMember TrainOne(GanOptions o, int i)
        {
            string? key = kept?.Key(o, seeds[i], i, GeneratorSampleCount);
            if (kept?.Load(i, key!) is { } back)
            {
                resumed.Add(i);
                return back;
            }
            var training = kept?.Training(i, key!, CheckpointSeconds);
            var t = GanTrainer.TrainOne(train, holdout, o, seeds[i], i, MemberCount, Progress, ct, GeneratorSampleCount, training);
            if (training?.ResumedFrom is int epoch) continued.Add(string.Create(CultureInfo.InvariantCulture, $"member {i} from epoch {epoch}"));
            if (kept is not null)
            {
                kept.Save(i, key!, t);
                PausePoint.Reach($"member-saved-{Seed}-{i}"); // the kill test's point between members
            }
            return t;
        }
        var rungs = new List<string>();
        for (int i = 0; i < MemberCount; i++)
        {
            if (stacked is null ? i > 0 && ct.IsCancellationRequested : stacked[i] is null)
            {
                Warn(WarningKind.Cancelled, $"cancelled: {i} of {MemberCount} members trained");
                break;
            }
            TrainedMember trained;
            if (stacked is not null) trained = stacked[i]!;
            else if (IsEnsemble || candidates.Count == 1)
                trained = TrainOne(memberOptions[i], i);
            else
            {
                // One network, every candidate from the same seed: keep the best holdout AUC (ties: the first).
                trained = null!;
                double best = double.NegativeInfinity;
                foreach (var candidate in candidates)
                {
                    var t = TrainOne(candidate, i);
                    double auc = t.Outcome.HoldoutAuc ?? double.NegativeInfinity;
                    rungs.Add(string.Create(CultureInfo.InvariantCulture, $"{candidate.CandidateName}: {auc:F4}"));
                    if (trained is null || auc > best) (best, trained, memberOptions[i]) = (auc, t, candidate);
                    NativeHeap.Trim();
                }
            }
            var m = trained.Outcome;
            members.Add(m.Weights);
            NativeHeap.Trim(); // the member's modules and optimiser state are freed: give their pages back
            if (trained.GeneratorSamples is { } g) GeneratorSamples = new Dataset(g, GeneratorSampleCount, train.FeatureNames);
            selections.Add((m.KeptEpoch, m.HoldoutAuc));
            if (m.Stop.Kind == TrainingStopKind.Cancelled) Warn(WarningKind.Cancelled, $"member {i}: cancelled after epoch {m.EpochsRun}; kept epoch {m.KeptEpoch}");
            if (m.Stop.Kind == TrainingStopKind.NonFinite) Warn(WarningKind.NonFiniteLoss, m.Stop.Message);
            if (m.HoldoutAuc is < 0.5 && !(IsEnsemble && Options.DropInverted))
                Warn(WarningKind.InvertedScores, $"member {i}: {judged} {m.HoldoutAuc.Value.ToString("F3", CultureInfo.InvariantCulture)} < 0.5 — D ranks the holdout's anomalies as MORE normal: its scores are inverted; do not trust this model (try a smaller a or another learning rate)");
        }
        if (kept is { SharedHits.Count: > 0 })
        {
            resumed.ExceptWith(kept.SharedHits.Keys);
            SharedRead = string.Join("; ", kept.SharedHits.GroupBy(h => h.Value).Select(g =>
                $"member{(g.Count() > 1 ? "s" : "")} {string.Join(", ", g.Select(h => h.Key))} from {g.Key}"));
        }
        var back = new List<string>();
        if (resumed.Count > 0) back.Add(IsEnsemble ? $"member{(resumed.Count > 1 ? "s" : "")} {string.Join(", ", resumed)}" : "its training");
        back.AddRange(IsEnsemble ? continued : continued.Select(c => c.Replace("member 0 ", "its training ", StringComparison.Ordinal)));
        Resumed = back.Count == 0 ? null : string.Join("; ", back);
        var dropped = IsEnsemble && Options.DropInverted
            ? Enumerable.Range(0, members.Count).Where(i => selections[i].Item2 is < 0.5).ToList()
            : [];
        if (dropped.Count > 0 && dropped.Count == members.Count)
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: every member's {judged} is below 0.5 ({string.Join(", ", selections.Select(s => s.Item2!.Value.ToString("F3", CultureInfo.InvariantCulture)))}): the discriminators rank this data's anomalies as normal, so no scores are returned; pass inverted=keep to average them anyway"));
        if (dropped.Count > 0)
            Warn(WarningKind.MembersDropped, string.Create(CultureInfo.InvariantCulture,
                $"{dropped.Count} of {members.Count} members left out: {judged} below 0.5 (inverted) for member {string.Join(", ", dropped.Select(i => $"{i} ({selections[i].Item2:F3})"))}"));
        _members = members.Where((_, i) => !dropped.Contains(i)).ToArray();
        DroppedMembers = dropped;
        MemberOptions = memberOptions.Take(members.Count).ToArray();
        MemberSelections = selections;
        if (Combiner.NeedsFit)
        {
            var rows = _holdout is { Rows: > 0 } h ? h : train;
            if (rows == train) Warn(WarningKind.NoHoldout, $"{Name}: no holdout given; member scaling uses the training rows");
            foreach (var message in Combiner.Fit(MemberLogits(rows))) Warn(WarningKind.Fallback, $"{Name}: {message}");
        }

        if (Options.Selection == SelectionMode.Holdout && synthetic)
            Warn(WarningKind.NoHoldout, string.Create(CultureInfo.InvariantCulture,
                $"no labelled holdout with both classes: D's epoch was chosen on a synthetic one ({holdout!.Rows / 2} training rows held back and as many made-up anomalies, synthetic_kind={Options.SyntheticKind}); label-free the GAN family is much weaker than with a labelled holdout (docs/recipe-study.md, round 16): give one, or use knn, ae or vae"));
        else if (Options.Selection == SelectionMode.Holdout && !holdoutUsed)
            Warn(WarningKind.NoHoldout, "selection=holdout but no labeled holdout with both classes was given: kept the last epoch's discriminator (label-free)");
        string Describe((int Epoch, double? Auc) s) =>
            s.Auc is double a ? string.Create(CultureInfo.InvariantCulture, $"epoch {s.Epoch} ({judged} {a:F4})") : $"epoch {s.Epoch}";
        string AOf(int i) => candidates.Count == 1 ? "" : MemberOptions[i].CandidateName + ", ";
        Selection = (!holdoutUsed ? "last-epoch" : labelled ? "holdout-auc" : "synthetic-auc") + ": " +
            (selections.Count == 1 ? AOf(0) + Describe(selections[0]) : string.Join("; ", selections.Select((s, i) => $"member {i} {AOf(i)}{Describe(s)}")))
            + (rungs.Count > 0 ? $" (chosen on the holdout: {string.Join("; ", rungs)})" : "");
    }

    private void Warn(WarningKind kind, string message) => _warnings.Add(new DetectorWarning(kind, message));

    private double[][] MemberLogits(Dataset rows) => _members.Select(m => DiscriminatorScorer.Logits(m, rows, Options, _shape)).ToArray();

    /// <inheritdoc />
    protected override double[] ScoreCore(Dataset data) => Combiner.Combine(MemberLogits(data));

    /// <inheritdoc />
    public string? ExportBlocker => Options.IsConvolutional
        ? $"{Name} on images uses a convolutional discriminator, which cannot be exported yet (the tabular GAN family, with MLP discriminators, can)"
        : null;

    /// <summary>
    /// Every member's D as float layers (b·tanh(x/b) first when input_bound is set; the hidden activation between
    /// layers), the logits side by side [N, members], then the combiner's −mean((Dᵢ − offsetᵢ)/divisorᵢ) in double.
    /// </summary>
    public Export.GraphValue AppendScore(Export.ScoreGraph graph, Export.GraphValue rows)
    {
        if (ExportBlocker is { } why) throw new InvalidInputException(why);
        const Export.GraphType F = Export.GraphType.Float, D = Export.GraphType.Double;
        var x = rows;
        if (Options.InputBound > 0)
        {
            var b = graph.Scalar(F, (float)Options.InputBound, "input_bound");
            x = graph.Binary("Mul", b, graph.Unary("Tanh", graph.Binary("Div", x, b)));
        }
        var logits = _members.Select(m =>
        {
            var layers = m.LinearLayers().ToArray();
            var h = x;
            for (int l = 0; l < layers.Length; l++)
            {
                var (w, bias, nIn, nOut) = layers[l];
                h = graph.Linear(h, Array.ConvertAll(w, v => (double)v), Array.ConvertAll(bias, v => (double)v), nIn, nOut, F);
                if (l < layers.Length - 1) h = Training.HiddenActivation.Graph(Options.Activation, graph, h);
            }
            return h;
        }).ToArray();
        var stacked = logits.Length == 1 ? logits[0] : graph.Op("Concat", F, logits, new Export.GraphAttribute("axis", Int: 1));
        var affine = Enumerable.Range(0, _members.Length).Select(Combiner.Affine).ToArray();
        var terms = graph.Binary("Div", graph.Binary("Sub", graph.Cast(stacked, D), graph.Vector(D, affine.Select(a => a.Offset).ToArray(), "offset")),
            graph.Vector(D, affine.Select(a => a.Divisor).ToArray(), "divisor"));
        var mean = graph.Binary("Div", graph.Sum(terms, keepDims: false, 1), graph.Scalar(D, _members.Length, "members"));
        return graph.Unary("Neg", mean);
    }

    /// <inheritdoc />
    public int MembersUsed => _members.Length;

    /// <inheritdoc />
    public IReadOnlyList<double[]> ScoreMemberPrefixes(Dataset rows)
    {
        CheckScorable(rows);
        if (rows.Rows == 0) return _members.Select(_ => Array.Empty<double>()).ToArray();
        var logits = MemberLogits(rows);
        return Enumerable.Range(1, logits.Length).Select(k => Combiner.Combine(logits[..k])).ToArray();
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
        Combiner.Save(write, _members.Length);
    }

    /// <summary>Restores an unfitted detector of the right type from its payloads (model files).</summary>
    internal void Load(double threshold, Func<string, Stream> open)
    {
        int features = 0;
        if (Options.IsConvolutional)
        {
            using var s = open("image-shape.bin");
            using var r = new BinaryReader(s);
            try
            {
                var shape = new ImageShape(r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
                if (shape.Channels < 1 || shape.Height < 8 || shape.Width < 8 || shape.Size > 1 << 24)
                    throw new InvalidInputException($"image-shape payload: {shape} is not a valid image shape");
                _shape = shape;
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
        if (count < 1 || count > MemberCount) throw new InvalidInputException($"members payload: {count} members, the options allow 1 to {MemberCount}");
        _members = Enumerable.Range(0, count).Select(i =>
        {
            using var s = open($"member-{i}.bin");
            return WeightSet.Read(s);
        }).ToArray();
        if (!Options.IsConvolutional) features = _members[0].InputWidth;
        Combiner.Load(open, _members.Length);
        // Building D once checks every tensor's name and shape against the options.
        lock (TorchRandomLock.Gate)
        {
            foreach (var m in _members)
            {
                using var probe = Modules.Networks.Discriminator(features, _shape, Options);
                m.Apply(probe);
                if (!Options.IsConvolutional) _ = new MlpScorer(m, Options.Activation);
            }
        }
        RestoreFitted(features, threshold);
        Selection = "loaded";
    }
}
