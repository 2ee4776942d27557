using System.Globalization;
using MinLGan.Detectors;

namespace MinLGan.Torch;

/// <summary>
/// Options of the GAN family (GAN, MinLGAN, ensembles) on tabular data. <see cref="Defaults"/> holds every default;
/// the command line reads and writes them through <see cref="FromParameters"/> and <see cref="Specs"/>.
/// </summary>
public sealed record GanOptions
{
    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>Weight a of −a·KL(p_data‖p̃_G); 0 is the plain GAN.</summary>
        public const double A = 0.01;
        /// <summary>Epochs.</summary>
        public const int Epochs = 20;
        /// <summary>Batch size.</summary>
        public const int BatchSize = 256;
        /// <summary>Adam learning rate (improved-gan's).</summary>
        public const double LearningRate = 3e-4;
        /// <summary>Adam β1 (improved-gan's).</summary>
        public const double Beta1 = 0.5;
        /// <summary>Latent size.</summary>
        public const int Latent = 16;
        /// <summary>Ensemble members.</summary>
        public const int Members = 10;
        /// <summary>
        /// The ensembles' a (every member; chosen on 22 ADBench sets and the three UCI protocols, seeds 0-2, by holdout
        /// AUC against the a=auto ladder: docs/recipe-study.md, round 12). A single network keeps <see cref="A"/>.
        /// </summary>
        public const double EnsembleA = 1;
        /// <summary>How an ensemble's members train: auto = batched for mlp networks at a constant learning rate (round 13).</summary>
        public const string MemberTraining = "auto";
    }

    /// <summary>a ≥ 0; 0 turns MinLGAN into the plain feature-matching GAN. With a ladder, the label-free fallback.</summary>
    public double A { get; init; } = Defaults.A;

    /// <summary>
    /// The a ladder (<c>a=auto</c>): with a labelled holdout, a single network trains once per value and keeps the one
    /// with the best holdout AUC; ensemble member i trains with value i mod the ladder's length (members of every a).
    /// Empty: a is <see cref="A"/>. Without a labelled holdout: <see cref="A"/>.
    /// </summary>
    public IReadOnlyList<double> ALadder { get; init; } = [];

    /// <summary>
    /// The ensembles' defaults as the CLI resolves them: <see cref="Members"/> members, every one at a =
    /// <see cref="Defaults.EnsembleA"/>, with or without a labelled holdout (the record's own defaults are a single
    /// network's, a = <see cref="Defaults.A"/>, where a = 1 and the ladder lost: docs/recipe-study.md rounds 6, 7, 11, 12).
    /// </summary>
    public static GanOptions EnsembleDefaults => new() { A = Defaults.EnsembleA };

    /// <summary>The ladder <c>a=auto</c> stands for.</summary>
    public static readonly IReadOnlyList<double> AutoLadder = [0.01, 0.1, 1];

    /// <summary>The background kinds <c>background_kind=auto</c> tries.</summary>
    public static readonly IReadOnlyList<string> AutoBackgroundKinds = ["gaussian", "both"];

    /// <summary>
    /// The concrete option sets a fit chooses among on a labelled holdout: every a of <see cref="ALadder"/> (or
    /// <see cref="A"/>) with every background kind (both auto kinds, or the one given), a first. Without a labelled
    /// holdout (<paramref name="labelled"/> false) the one fallback: <see cref="A"/> and the gaussian background.
    /// </summary>
    public IReadOnlyList<GanOptions> Candidates(bool labelled)
    {
        IReadOnlyList<double> aValues = labelled && ALadder.Count > 0 ? ALadder : [A];
        // Kinds differ only when the background term is on (background > 0, tabular rows): otherwise one candidate, or
        // the same network would train once per kind.
        IReadOnlyList<string> kinds = BackgroundKind != "auto" ? [BackgroundKind] : labelled && UsesBackground ? AutoBackgroundKinds : [AutoBackgroundKinds[0]];
        return aValues.SelectMany(a => kinds.Select(k => this with { A = a, ALadder = [], BackgroundKind = k })).ToList();
    }

    /// <summary>
    /// The paper's D on tabular rows: no background term, no input bound, exactly <see cref="Epochs"/>, the holdout scored
    /// after every epoch. These are the defaults this project chose on its development suite, turned off; ensembles still
    /// drop inverted members unless asked.
    /// </summary>
    public static GanOptions PaperRecipe => new() { Background = 0, InputBound = 0, MinSteps = 0, Checkpoints = 0 };

    /// <summary>"a=0.1, gaussian": what distinguishes one candidate from another.</summary>
    public string CandidateName => string.Create(CultureInfo.InvariantCulture, $"a={A:G4}") + (UsesBackground ? $", {BackgroundKind}" : "");

    /// <summary>
    /// The parameters that have no effect with these options, as named by --param, and why: on the convolutional networks
    /// the tabular-only ones (background, input bound, min_steps, checkpoints, d_average, g_bound; "mlp networks only"); on the mlp ones
    /// without a background, its scale and kind ("background=0"). Empty names and reason when every parameter applies.
    /// results.json lists every parameter as resolved, so the detector names these beside them (model.not_applied).
    /// </summary>
    public (IReadOnlyList<string> Names, string Reason) NotApplied => IsConvolutional
        ? (["background", "background_scale", "background_kind", "input_bound", "min_steps", "checkpoints", "d_average", "g_bound"], "mlp networks only")
        : Background > 0 ? ([], "") : (["background_scale", "background_kind"], "background=0");

    /// <summary>True when D's background term is on: a positive weight and the mlp (tabular) networks.</summary>
    public bool UsesBackground => Background > 0 && !IsConvolutional;
    /// <summary>Epochs over the training rows.</summary>
    public int Epochs { get; init; } = Defaults.Epochs;
    /// <summary>Rows per step.</summary>
    public int BatchSize { get; init; } = Defaults.BatchSize;

    /// <summary>
    /// At least this many steps (batches): on small data, more epochs than <see cref="Epochs"/> (20 epochs of 300 rows
    /// are 20 steps). 0 = exactly <see cref="Epochs"/>. Default 2000. The mlp (tabular) networks only: image budgets are in epochs.
    /// </summary>
    public int MinSteps { get; init; } = 2000;

    /// <summary>The epochs a fit on <paramref name="rows"/> training rows runs: <see cref="Epochs"/>, or more to reach <see cref="MinSteps"/>.</summary>
    public int EpochsFor(int rows)
    {
        if (IsConvolutional) return Epochs; // image budgets are set in epochs (--budget); min_steps is for small tabular sets
        int perEpoch = Math.Max(1, rows / Math.Max(1, Math.Min(BatchSize, rows)));
        return Math.Max(Epochs, (MinSteps + perEpoch - 1) / perEpoch);
    }
    /// <summary>Adam learning rate for D, G and the encoder.</summary>
    public double LearningRate { get; init; } = Defaults.LearningRate;
    /// <summary>Adam β1.</summary>
    public double Beta1 { get; init; } = Defaults.Beta1;
    /// <summary>Latent size of z.</summary>
    public int Latent { get; init; } = Defaults.Latent;
    /// <summary>D's hidden layer widths; the last is f(x), the feature-matching layer.</summary>
    public IReadOnlyList<int> DHidden { get; init; } = [128, 64];
    /// <summary>G's hidden widths (the encoder mirrors them).</summary>
    public IReadOnlyList<int> GHidden { get; init; } = [64, 128];
    /// <summary>Hidden activation: lrelu (slope 0.2), relu or tanh.</summary>
    public string Activation { get; init; } = "lrelu";
    /// <summary>Dropout before each of D's hidden layers during training (never at scoring).</summary>
    public double Dropout { get; init; }
    /// <summary>Noise model of p(x|z).</summary>
    public NoiseKind Noise { get; init; } = NoiseKind.Gaussian;
    /// <summary>Noise scale (σ for Gaussian, b for Laplace), > 0.</summary>
    public double NoiseScale { get; init; } = 1.0;
    /// <summary>Reduction of log p(x|z) over features.</summary>
    public Reduction Reduction { get; init; } = Reduction.Mean;

    /// <summary>
    /// Weight w of a background term in D's loss, w · E softplus(D(u)), u drawn around each batch from
    /// N(mean, (<see cref="BackgroundScale"/> · std)²) per feature: D also learns to reject a broad reference
    /// distribution, so far from the data its logit falls instead of extrapolating. Default 1, chosen on the development
    /// suite (docs/recipe-study.md: without it the GAN family is inverted on 9 of 22 ADBench sets); 0 is the paper.
    /// The mlp (tabular) networks only: the convolutional ones train without it (not studied on images).
    /// </summary>
    public double Background { get; init; } = 1.0;

    /// <summary>
    /// D sees each input feature squashed to b·tanh(x / b): however far a row lies from the data, D's input stays within
    /// ±b, a region the background reaches, so D's logit cannot keep growing along an extreme column (a heavy-tailed
    /// z-scored column reaches 100s). Default 4, chosen on the development suite (docs/recipe-study.md, round 3: kdd-a
    /// 0.79 → 0.99); 0 = off (the paper). The mlp (tabular) networks only.
    /// </summary>
    public double InputBound { get; init; } = 4.0;

    /// <summary>
    /// G's outputs squashed to b·tanh(x / b), as D's inputs are by <see cref="InputBound"/>: G cannot leave the box D sees,
    /// so the regulariser −a·log p(x | G(z)), which grows with the distance from the data, cannot drive G away where
    /// feature matching no longer pulls it back (at a = 1 on cov-b G's loss reached −8·10⁹; docs/recipe-study.md,
    /// round 10). 0 = off (the paper). The mlp (tabular) networks only; G is not part of the detector, so scoring and
    /// model files are unchanged.
    /// </summary>
    public double GBound { get; init; }

    /// <summary><see cref="GBound"/> where it applies (the mlp networks), else 0.</summary>
    public double GeneratorBound => IsConvolutional ? 0 : GBound;

    /// <summary>How many batch standard deviations wide the background distribution is, &gt; 0.</summary>
    public double BackgroundScale { get; init; } = 3.0;

    /// <summary>
    /// Which background D rejects: "gaussian" (broad, around the batch), "marginal" (each column of the batch shuffled
    /// on its own: the product of the marginals, so D must learn how features go together), "both" (half the weight each)
    /// or "auto" (the default: with a labelled holdout, gaussian and both are tried and the better kept, see <see cref="Candidates"/>).
    /// </summary>
    public string BackgroundKind { get; init; } = "auto";

    /// <summary>Evaluate the holdout every this many epochs.</summary>
    public int EvalEvery { get; init; } = 1;

    /// <summary>
    /// At most this many holdout evaluations in a fit (the last epoch is always one): on small data, where
    /// <see cref="MinSteps"/> makes every step an epoch, the holdout is scored every few epochs instead of after each
    /// of thousands of steps, so the choice is among fewer, spaced checkpoints. 0 = every <see cref="EvalEvery"/> epochs.
    /// Default 50, chosen on the development suite by check AUC, rows of the holdout that selection never saw
    /// (docs/recipe-study.md, round 5). The mlp (tabular) networks only: image fits score every <see cref="EvalEvery"/> epochs.
    /// </summary>
    public int Checkpoints { get; init; } = 50;

    /// <summary>
    /// The decay β of an exponential moving average of D's weights over the steps (<see cref="Training.DiscriminatorAverage"/>);
    /// the holdout judges, and the detector keeps, the averaged D. 0 = off: the live D (the paper). The mlp networks only.
    /// </summary>
    public double DAverage { get; init; }

    /// <summary>The epochs between holdout evaluations in a fit on <paramref name="rows"/> training rows (of <see cref="EpochsFor"/> epochs).</summary>
    public int EvalIntervalFor(int rows) =>
        Checkpoints > 0 && !IsConvolutional ? Math.Max(EvalEvery, (EpochsFor(rows) + Checkpoints - 1) / Checkpoints) : EvalEvery;
    /// <summary>Which D is kept.</summary>
    public SelectionMode Selection { get; init; } = SelectionMode.Holdout;

    /// <summary>The anomalies <see cref="SelectionMode.Synthetic"/> makes: "dependency", "local" or "both" (<see cref="MinLGan.Data.SyntheticHoldout"/>).</summary>
    public string SyntheticKind { get; init; } = MinLGan.Data.SyntheticHoldout.DefaultKinds;
    /// <summary>
    /// Ensembles only: "sequential" trains members one after another (each bit-identical to training it alone),
    /// "batched" as one stacked network (equal to solo training up to rounding; faster: docs/recipe-study.md, round 13),
    /// "auto" (the default) batched where it can be (mlp networks, constant learning rate) and sequential otherwise.
    /// </summary>
    public string MemberTraining { get; init; } = Defaults.MemberTraining;

    /// <summary><see cref="MemberTraining"/> resolved: true when an ensemble's members train as one batched network.</summary>
    public bool BatchedMembers => MemberTraining == "batched" || (MemberTraining == "auto" && !IsConvolutional && LearningRateSchedule == "constant");
    /// <summary>
    /// Ensembles only: leave out every member whose holdout AUC is below 0.5 (its scores are inverted), and fail the fit
    /// when all are; false keeps them all (the paper). Without a labelled holdout nothing is known and all are kept.
    /// </summary>
    public bool DropInverted { get; init; } = true;

    /// <summary>Ensemble members (ensembles only).</summary>
    public int Members { get; init; } = Defaults.Members;
    /// <summary>Contamination for the threshold.</summary>
    public double Contamination { get; init; } = CommonParameters.DefaultContamination;
    /// <summary>Torch intra-op threads; 0 = libtorch's default.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// The networks: "mlp" (tabular), "dcgan-small" (images: three stride-2 convolutions 64-128-256 in D and the encoder,
    /// G mirroring them) or "improved-gan" (the paper's base code: weight-normalised 96/192-channel D, G from 4·4·512). Default mlp.
    /// </summary>
    public string Architecture { get; init; } = "mlp";

    /// <summary>
    /// "constant", or "improved-gan": improved-gan's CIFAR-10 schedule lr · min(3 − 3(e − 1)/E, 1) for epoch e of E
    /// (constant for the first two thirds, then linearly down; with E = 1200 exactly its lr · min(3 − epoch/400, 1)).
    /// </summary>
    public string LearningRateSchedule { get; init; } = "constant";

    /// <summary>The factor on <see cref="LearningRate"/> in 1-based epoch <paramref name="epoch"/>.</summary>
    public double LearningRateFactor(int epoch) =>
        LearningRateSchedule == "improved-gan" ? Math.Min(3.0 - 3.0 * (epoch - 1) / Epochs, 1.0) : 1.0;

    /// <summary>True for the convolutional architectures (image rows only).</summary>
    public bool IsConvolutional => Architecture != "mlp";

    /// <summary>
    /// Throws <see cref="InvalidInputException"/> naming the option and its allowed range. Ranges come from
    /// <see cref="Specs"/> (one declaration for parsing, validation and `minlgan detectors`); the rules that tie two
    /// options together are here.
    /// </summary>
    public void Validate(string detector = "the GAN family")
    {
        static void Check(bool ok, string message)
        {
            if (!ok) throw new InvalidInputException(message);
        }
        var specs = AllSpecs(ensemble: true, Defaults.A);
        specs.Named("a").Check(detector, A);
        foreach (double rung in ALadder) specs.Named("a").Check(detector, rung);
        specs.Named("epochs").Check(detector, Epochs);
        specs.Named("batch_size").Check(detector, BatchSize);
        specs.Named("min_steps").Check(detector, MinSteps);
        specs.Named("lr").Check(detector, LearningRate);
        specs.Named("beta1").Check(detector, Beta1);
        specs.Named("latent").Check(detector, Latent);
        specs.Named("d_hidden").Check(detector, DHidden);
        specs.Named("g_hidden").Check(detector, GHidden);
        specs.Named("activation").Check(detector, Activation);
        specs.Named("dropout").Check(detector, Dropout);
        specs.Named("noise_scale").Check(detector, NoiseScale);
        specs.Named("background").Check(detector, Background);
        specs.Named("background_scale").Check(detector, BackgroundScale);
        specs.Named("input_bound").Check(detector, InputBound);
        specs.Named("background_kind").Check(detector, BackgroundKind);
        specs.Named("eval_every").Check(detector, EvalEvery);
        specs.Named("checkpoints").Check(detector, Checkpoints);
        specs.Named("d_average").Check(detector, DAverage);
        specs.Named("g_bound").Check(detector, GBound);
        specs.Named("synthetic_kind").Check(detector, SyntheticKind);
        specs.Named("members").Check(detector, Members);
        specs.Named("contamination").Check(detector, Contamination);
        specs.Named("threads").Check(detector, Threads);
        specs.Named("arch").Check(detector, Architecture);
        specs.Named("lr_schedule").Check(detector, LearningRateSchedule);
        specs.Named("member_training").Check(detector, MemberTraining);
        Check(!(BatchedMembers && LearningRateSchedule != "constant"), "member_training=batched keeps a constant learning rate: use lr_schedule=constant or member_training=sequential");
        Check(!(IsConvolutional && BatchedMembers), $"member_training=batched needs arch=mlp (arch={Architecture})");
    }

    /// <summary>The plain GAN's specifications: a is fixed at 0.</summary>
    public static IReadOnlyList<ParameterSpec> PlainGanSpecs() =>
        AllSpecs(false, 0).Select(s => s.Name == "a" ? s with { Max = 0, Description = "must be 0 for the plain GAN", Choices = null } : s).ToList();

    /// <summary>The --param specifications; <paramref name="ensemble"/> adds <c>members</c> and <c>member_training</c>.</summary>
    public static IReadOnlyList<ParameterSpec> Specs(bool ensemble) => AllSpecs(ensemble, ensemble ? Defaults.EnsembleA : Defaults.A);

    private static IReadOnlyList<ParameterSpec> AllSpecs(bool ensemble, double defaultA)
    {
        // Every default is the record's own initial value: declared once, listed and parsed from here (the ensembles'
        // from EnsembleDefaults).
        var d = ensemble ? EnsembleDefaults : new GanOptions();
        string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        string I(int x) => x.ToString(CultureInfo.InvariantCulture);
        string W(IReadOnlyList<int> widths) => string.Join('-', widths.Select(I));
        var list = new List<ParameterSpec>
        {
            new("a", ParameterKind.Real, d.ALadder.Count > 0 && defaultA > 0 ? "auto" : F(defaultA), 0, 1e6,
                $"weight of the minimum-likelihood regulariser; 0 = plain GAN; auto = with a labelled holdout, try {string.Join(", ", AutoLadder.Select(F))} and keep the best (ensembles: members across them), else {F(Defaults.A)}",
                defaultA > 0 ? ["auto"] : null),
            new("epochs", ParameterKind.Integer, I(d.Epochs), 1, 100000, "epochs over the training rows"),
            new("batch_size", ParameterKind.Integer, I(d.BatchSize), 2, 1 << 20, "rows per step"),
            new("min_steps", ParameterKind.Integer, I(d.MinSteps), 0, 10_000_000, "at least this many steps: more epochs on small data; 0 = exactly epochs"),
            new("lr", ParameterKind.Real, F(d.LearningRate), 0, 1, "Adam learning rate (D, G, encoder)", MinExclusive: true),
            new("beta1", ParameterKind.Real, F(d.Beta1), 0, 0.999, "Adam beta1"),
            new("latent", ParameterKind.Integer, I(d.Latent), 1, 4096, "size of z"),
            new("d_hidden", ParameterKind.IntegerList, W(d.DHidden), 1, 65536, "D's hidden widths; the last layer is f(x) for feature matching"),
            new("g_hidden", ParameterKind.IntegerList, W(d.GHidden), 1, 65536, "G's hidden widths; the encoder mirrors them"),
            new("activation", ParameterKind.Choice, d.Activation, 0, 0, "hidden activation (lrelu has slope 0.2)", ["lrelu", "relu", "tanh"]),
            new("dropout", ParameterKind.Real, F(d.Dropout), 0, 0.95, "dropout in D during training only"),
            new("noise", ParameterKind.Choice, d.Noise == NoiseKind.Laplace ? "laplace" : "gaussian", 0, 0, "noise model of p(x|z) = G(z) + n", ["gaussian", "laplace"]),
            new("noise_scale", ParameterKind.Real, F(d.NoiseScale), 0, 1e6, "sigma (gaussian) or b (laplace)", MinExclusive: true),
            new("reduction", ParameterKind.Choice, d.Reduction == Reduction.Sum ? "sum" : "mean", 0, 0, "log p(x|z) summed or averaged over features", ["sum", "mean"]),
            new("background", ParameterKind.Real, F(d.Background), 0, 1e6, "weight of D's background term: D also rejects points drawn around each batch, background_scale standard deviations wide; 0 = the paper"),
            new("input_bound", ParameterKind.Real, F(d.InputBound), 0, 1e6, "D sees each input squashed to b*tanh(x/b), so far rows cannot drive its logit; 0 = off (the paper)",
                Absent: "0"),
            new("background_scale", ParameterKind.Real, F(d.BackgroundScale), 0, 1e6, "width of the background distribution, in batch standard deviations per feature", MinExclusive: true),
            new("background_kind", ParameterKind.Choice, d.BackgroundKind, 0, 0,
                "gaussian: broad, around the batch; marginal: the batch with each column shuffled on its own (the product of the marginals); both: half the weight each; auto: with a labelled holdout try gaussian and both and keep the better (ensembles: members across them), else gaussian",
                ["gaussian", "marginal", "both", "auto"]),
            new("eval_every", ParameterKind.Integer, I(d.EvalEvery), 1, 100000, "score the holdout every this many epochs"),
            new("checkpoints", ParameterKind.Integer, I(d.Checkpoints), 0, 1_000_000,
                "score the holdout at most this many times in a fit, evenly spaced (and after the last epoch); 0 = every eval_every epochs (mlp networks only)", Absent: "0"),
            new("d_average", ParameterKind.Real, F(d.DAverage), 0, 0.99999,
                "D's weights averaged over the steps with this decay (an exponential moving average; the holdout judges and the detector keeps the averaged D); 0 = off, the live D (mlp networks only)", Absent: "0"),
            new("g_bound", ParameterKind.Real, F(d.GBound), 0, 1e6,
                "G's outputs squashed to b*tanh(x/b), so the minimum-likelihood term cannot drive G away from the box D sees; 0 = off (the paper) (mlp networks only)", Absent: "0"),
            new("selection", ParameterKind.Choice, d.Selection.ToString().ToLowerInvariant(), 0, 0,
                "holdout: keep the D with the best holdout AUC (without a labelled holdout, on tabular rows: as synthetic); last: label-free, keep the last D; synthetic: label-free, hold back 20% of the training rows, make as many anomalies from them (synthetic_kind), keep the D with the best AUC on those",
                ["holdout", "last", "synthetic"]),
            new("synthetic_kind", ParameterKind.Choice, d.SyntheticKind, 0, 0,
                "selection=synthetic's anomalies: dependency (each column shuffled on its own), local (each row's deviation from the column means stretched by sqrt 5) or both (half each)",
                ["dependency", "local", "both"]),
            CommonParameters.Contamination,
            new("threads", ParameterKind.Integer, I(d.Threads), 0, 1024, "libtorch threads; 0 = libtorch's default (small MLPs run fastest on 1)"),
            new("arch", ParameterKind.Choice, d.Architecture, 0, 0,
                "networks: mlp (tabular; d_hidden, g_hidden), dcgan-small (images: convolutions 64-128-256, G mirrored) or improved-gan (the paper's CIFAR-10 networks, weight-normalised D)",
                ["mlp", "dcgan-small", "improved-gan"]),
            new("lr_schedule", ParameterKind.Choice, d.LearningRateSchedule, 0, 0,
                "constant, or improved-gan: lr * min(3 - 3(epoch-1)/epochs, 1), constant for two thirds of the epochs then linearly down", ["constant", "improved-gan"]),
        };
        if (ensemble)
        {
            list.Insert(1, new("members", ParameterKind.Integer, I(d.Members), 1, SeedStreams.MaxMembers, "discriminators in the ensemble"));
            list.Insert(2, new("member_training", ParameterKind.Choice, d.MemberTraining, 0, 0,
                "sequential: one member after another, each bit-identical to training it alone; batched: all members as one network (stacked weights, bmm; each member draws as it would alone, equal to it up to rounding); auto: batched for mlp networks with a constant learning rate, else sequential",
                ["auto", "sequential", "batched"]));
            list.Insert(3, new("inverted", ParameterKind.Choice, d.DropInverted ? "drop" : "keep", 0, 0,
                "drop: leave out members whose holdout AUC is below 0.5, and fail when all are; keep: average every member (the paper)", ["drop", "keep"]));
        }
        return list;
    }

    /// <summary>Options from validated parameters.</summary>
    public static GanOptions FromParameters(DetectorParameters p) => new()
    {
        A = p.Text("a") == "auto" ? Defaults.A : p.Real("a"),
        ALadder = p.Text("a") == "auto" ? AutoLadder : [],
        Epochs = p.Int("epochs"),
        BatchSize = p.Int("batch_size"),
        MinSteps = p.Int("min_steps"),
        LearningRate = p.Real("lr"),
        Beta1 = p.Real("beta1"),
        Latent = p.Int("latent"),
        DHidden = p.Ints("d_hidden"),
        GHidden = p.Ints("g_hidden"),
        Activation = p.Text("activation"),
        Dropout = p.Real("dropout"),
        Noise = p.Text("noise") == "laplace" ? NoiseKind.Laplace : NoiseKind.Gaussian,
        NoiseScale = p.Real("noise_scale"),
        Reduction = p.Text("reduction") == "sum" ? Reduction.Sum : Reduction.Mean,
        Background = p.Real("background"),
        BackgroundScale = p.Real("background_scale"),
        InputBound = p.Real("input_bound"),
        BackgroundKind = p.Text("background_kind"),
        EvalEvery = p.Int("eval_every"),
        Checkpoints = p.Int("checkpoints"),
        DAverage = p.Real("d_average"),
        GBound = p.Real("g_bound"),
        SyntheticKind = p.Text("synthetic_kind"),
        Selection = p.Text("selection") switch { "last" => SelectionMode.Last, "synthetic" => SelectionMode.Synthetic, _ => SelectionMode.Holdout },
        Members = p.Values.ContainsKey("members") ? p.Int("members") : 1,
        MemberTraining = p.Values.TryGetValue("member_training", out var mt) ? mt : Defaults.MemberTraining,
        DropInverted = !p.Values.TryGetValue("inverted", out var inverted) || inverted == "drop",
        Contamination = p.Real("contamination"),
        Threads = p.Int("threads"),
        Architecture = p.Values.TryGetValue("arch", out var arch) ? arch : "mlp",
        LearningRateSchedule = p.Values.TryGetValue("lr_schedule", out var schedule) ? schedule : "constant",
    };
}
