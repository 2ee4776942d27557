using System.Globalization;
using MinLGan.Detectors;

namespace MinLGan.Torch;

/// <summary>Noise model of p(x|z): x = G(z) + n.</summary>
public enum NoiseKind
{
    /// <summary>n ~ N(0, scale²) per feature: the regulariser grows quadratically with ‖x − G(z)‖.</summary>
    Gaussian,
    /// <summary>n ~ Laplace(0, scale) per feature: the regulariser grows linearly.</summary>
    Laplace,
}

/// <summary>How log p(x|z) is reduced over features.</summary>
public enum Reduction
{
    /// <summary>Sum over features: the true log-likelihood (scales with the number of features).</summary>
    Sum,
    /// <summary>Mean over features: the ELBO divided by the number of features.</summary>
    Mean,
}

/// <summary>When training stops and which discriminator is kept.</summary>
public enum SelectionMode
{
    /// <summary>Every <see cref="GanOptions.EvalEvery"/> epochs, score the labeled holdout and keep the best D (the paper's rule).</summary>
    Holdout,
    /// <summary>Label-free: keep D after the last epoch.</summary>
    Last,
}

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
        /// <summary>D hidden widths.</summary>
        public const string DHidden = "128-64";
        /// <summary>G and encoder hidden widths.</summary>
        public const string GHidden = "64-128";
        /// <summary>Ensemble members.</summary>
        public const int Members = 10;
    }

    /// <summary>a ≥ 0; 0 turns MinLGAN into the plain feature-matching GAN.</summary>
    public double A { get; init; } = Defaults.A;
    /// <summary>Epochs over the training rows.</summary>
    public int Epochs { get; init; } = Defaults.Epochs;
    /// <summary>Rows per step.</summary>
    public int BatchSize { get; init; } = Defaults.BatchSize;
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
    /// <summary>Evaluate the holdout every this many epochs.</summary>
    public int EvalEvery { get; init; } = 1;
    /// <summary>Which D is kept.</summary>
    public SelectionMode Selection { get; init; } = SelectionMode.Holdout;
    /// <summary>Ensembles only: train members one after another (bit-identical to solo training) or as one batched network.</summary>
    public bool BatchedMembers { get; init; }
    /// <summary>Ensemble members (ensembles only).</summary>
    public int Members { get; init; } = Defaults.Members;
    /// <summary>Contamination for the threshold.</summary>
    public double Contamination { get; init; } = 0.1;
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

    /// <summary>Throws <see cref="InvalidInputException"/> naming the option and its allowed range.</summary>
    public void Validate()
    {
        static void Check(bool ok, string message)
        {
            if (!ok) throw new InvalidInputException(message);
        }
        Check(A >= 0 && double.IsFinite(A), $"a={A}: expected a number >= 0 (0 is the plain GAN)");
        Check(Epochs >= 1, $"epochs={Epochs}: expected an integer >= 1");
        Check(BatchSize >= 2, $"batch_size={BatchSize}: expected an integer >= 2");
        Check(LearningRate > 0 && LearningRate < 1, $"lr={LearningRate}: expected a number in (0, 1)");
        Check(Beta1 >= 0 && Beta1 < 1, $"beta1={Beta1}: expected a number in [0, 1)");
        Check(Latent >= 1, $"latent={Latent}: expected an integer >= 1");
        Check(DHidden.Count >= 1 && DHidden.All(w => w >= 1), "d_hidden: expected one or more positive widths");
        Check(GHidden.Count >= 1 && GHidden.All(w => w >= 1), "g_hidden: expected one or more positive widths");
        Check(Activation is "lrelu" or "relu" or "tanh", $"activation={Activation}: expected lrelu, relu or tanh");
        Check(Dropout >= 0 && Dropout < 1, $"dropout={Dropout}: expected a number in [0, 1)");
        Check(NoiseScale > 0 && double.IsFinite(NoiseScale), $"noise_scale={NoiseScale}: expected a number > 0");
        Check(EvalEvery >= 1, $"eval_every={EvalEvery}: expected an integer >= 1");
        Check(Members is >= 1 and <= SeedStreams.MaxMembers, $"members={Members}: expected an integer in [1, {SeedStreams.MaxMembers}]");
        Check(Contamination > 0 && Contamination <= 0.5, $"contamination={Contamination}: expected a number in (0, 0.5]");
        Check(Threads >= 0, $"threads={Threads}: expected 0 (libtorch default) or a positive integer");
        Check(Architecture is "mlp" or "dcgan-small" or "improved-gan", $"arch={Architecture}: expected mlp, dcgan-small or improved-gan");
        Check(LearningRateSchedule is "constant" or "improved-gan", $"lr_schedule={LearningRateSchedule}: expected constant or improved-gan");
        Check(!(BatchedMembers && LearningRateSchedule != "constant"), "member_training=batched keeps a constant learning rate: use lr_schedule=constant or member_training=sequential");
        Check(!(IsConvolutional && BatchedMembers), $"member_training=batched needs arch=mlp (arch={Architecture})");
    }

    /// <summary>The plain GAN's specifications: a is fixed at 0.</summary>
    public static IReadOnlyList<ParameterSpec> PlainGanSpecs() =>
        AllSpecs(false, 0).Select(s => s.Name == "a" ? s with { Max = 0, Description = "must be 0 for the plain GAN" } : s).ToList();

    /// <summary>The --param specifications; <paramref name="ensemble"/> adds <c>members</c> and <c>member_training</c>.</summary>
    public static IReadOnlyList<ParameterSpec> Specs(bool ensemble) => AllSpecs(ensemble, Defaults.A);

    private static IReadOnlyList<ParameterSpec> AllSpecs(bool ensemble, double defaultA)
    {
        string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        var list = new List<ParameterSpec>
        {
            new("a", ParameterKind.Real, F(defaultA), 0, 1e6, "weight of the minimum-likelihood regulariser; 0 = plain GAN"),
            new("epochs", ParameterKind.Integer, Defaults.Epochs.ToString(CultureInfo.InvariantCulture), 1, 100000, "epochs over the training rows"),
            new("batch_size", ParameterKind.Integer, Defaults.BatchSize.ToString(CultureInfo.InvariantCulture), 2, 1 << 20, "rows per step"),
            new("lr", ParameterKind.Real, F(Defaults.LearningRate), 0, 1, "Adam learning rate (D, G, encoder)", MinExclusive: true),
            new("beta1", ParameterKind.Real, F(Defaults.Beta1), 0, 0.999, "Adam beta1"),
            new("latent", ParameterKind.Integer, Defaults.Latent.ToString(CultureInfo.InvariantCulture), 1, 4096, "size of z"),
            new("d_hidden", ParameterKind.IntegerList, Defaults.DHidden, 1, 65536, "D's hidden widths; the last layer is f(x) for feature matching"),
            new("g_hidden", ParameterKind.IntegerList, Defaults.GHidden, 1, 65536, "G's hidden widths; the encoder mirrors them"),
            new("activation", ParameterKind.Choice, "lrelu", 0, 0, "hidden activation (lrelu has slope 0.2)", ["lrelu", "relu", "tanh"]),
            new("dropout", ParameterKind.Real, "0", 0, 0.95, "dropout in D during training only"),
            new("noise", ParameterKind.Choice, "gaussian", 0, 0, "noise model of p(x|z) = G(z) + n", ["gaussian", "laplace"]),
            new("noise_scale", ParameterKind.Real, "1", 0, 1e6, "sigma (gaussian) or b (laplace)", MinExclusive: true),
            new("reduction", ParameterKind.Choice, "mean", 0, 0, "log p(x|z) summed or averaged over features", ["sum", "mean"]),
            new("eval_every", ParameterKind.Integer, "1", 1, 100000, "score the holdout every this many epochs"),
            new("selection", ParameterKind.Choice, "holdout", 0, 0, "holdout: keep the D with the best holdout AUC; last: label-free, keep the last D", ["holdout", "last"]),
            new("contamination", ParameterKind.Real, "0.1", 0, 0.5, "share of training rows above the threshold", MinExclusive: true),
            new("threads", ParameterKind.Integer, "1", 0, 1024, "libtorch threads; 0 = libtorch's default (small MLPs run fastest on 1)"),
            new("arch", ParameterKind.Choice, "mlp", 0, 0,
                "networks: mlp (tabular; d_hidden, g_hidden), dcgan-small (images: convolutions 64-128-256, G mirrored) or improved-gan (the paper's CIFAR-10 networks, weight-normalised D)",
                ["mlp", "dcgan-small", "improved-gan"]),
            new("lr_schedule", ParameterKind.Choice, "constant", 0, 0,
                "constant, or improved-gan: lr * min(3 - 3(epoch-1)/epochs, 1), constant for two thirds of the epochs then linearly down", ["constant", "improved-gan"]),
        };
        if (ensemble)
        {
            list.Insert(1, new("members", ParameterKind.Integer, Defaults.Members.ToString(CultureInfo.InvariantCulture), 1, SeedStreams.MaxMembers, "discriminators in the ensemble"));
            list.Insert(2, new("member_training", ParameterKind.Choice, "sequential", 0, 0,
                "sequential: one member after another, each bit-identical to training it alone; batched: all members as one network (stacked weights, bmm; each member draws as it would alone, equal to it up to rounding)",
                ["sequential", "batched"]));
        }
        return list;
    }

    /// <summary>Options from validated parameters.</summary>
    public static GanOptions FromParameters(DetectorParameters p) => new()
    {
        A = p.Real("a"),
        Epochs = p.Int("epochs"),
        BatchSize = p.Int("batch_size"),
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
        EvalEvery = p.Int("eval_every"),
        Selection = p.Text("selection") == "last" ? SelectionMode.Last : SelectionMode.Holdout,
        Members = p.Values.ContainsKey("members") ? p.Int("members") : 1,
        BatchedMembers = p.Values.TryGetValue("member_training", out var mt) && mt == "batched",
        Contamination = p.Real("contamination"),
        Threads = p.Int("threads"),
        Architecture = p.Values.TryGetValue("arch", out var arch) ? arch : "mlp",
        LearningRateSchedule = p.Values.TryGetValue("lr_schedule", out var schedule) ? schedule : "constant",
    };
}
