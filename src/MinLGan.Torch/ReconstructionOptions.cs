using MinLGan.Detectors;

namespace MinLGan.Torch;

/// <summary>
/// Options of the autoencoder (<c>ae</c>) and the variational autoencoder (<c>vae</c>). Both share one network
/// size, as in the paper: an encoder with <see cref="Hidden"/> widths to a <see cref="Latent"/> code and a decoder
/// mirroring it — by default the MinLGAN encoder/generator sizes (128-64, latent 16).
/// </summary>
public sealed record ReconstructionOptions
{
    /// <summary>Encoder hidden widths; the decoder uses them reversed. Default 128-64.</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [128, 64];

    /// <summary>Size of the code z. Default 16.</summary>
    public int Latent { get; init; } = 16;

    /// <summary>Hidden activation: lrelu (slope 0.2), relu or tanh. Default lrelu.</summary>
    public string Activation { get; init; } = "lrelu";

    /// <summary>Epochs over the training rows. Default 20.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Rows per step. Default 256.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Adam learning rate. Default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>VAE: samples L of z per row in the reconstruction probability. Default 10.</summary>
    public int Samples { get; init; } = 10;

    /// <summary>Score the holdout every this many epochs. Default 1.</summary>
    public int EvalEvery { get; init; } = 1;

    /// <summary>Holdout: keep the epoch with the best holdout AUC (the paper's termination); Last: label-free.</summary>
    public SelectionMode Selection { get; init; } = SelectionMode.Holdout;

    /// <summary>Share of training rows above the threshold.</summary>
    public double Contamination { get; init; } = CommonParameters.DefaultContamination;

    /// <summary>libtorch threads (0 = libtorch's default). Default 1.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Throws <see cref="InvalidInputException"/> naming the bad option and its range (from <see cref="Specs"/>).</summary>
    public void Validate(string detector = "the autoencoder")
    {
        var specs = Specs(variational: true);
        specs.Named("hidden").Check(detector, Hidden);
        specs.Named("latent").Check(detector, Latent);
        specs.Named("activation").Check(detector, Activation);
        specs.Named("epochs").Check(detector, Epochs);
        specs.Named("batch_size").Check(detector, BatchSize);
        specs.Named("lr").Check(detector, LearningRate);
        specs.Named("samples").Check(detector, Samples);
        specs.Named("eval_every").Check(detector, EvalEvery);
        specs.Named("contamination").Check(detector, Contamination);
        specs.Named("threads").Check(detector, Threads);
    }

    /// <summary>The parameters <c>minlgan detectors</c> lists; <paramref name="variational"/> adds <c>samples</c>.</summary>
    public static IReadOnlyList<ParameterSpec> Specs(bool variational)
    {
        // Every default is the record's own initial value: declared once, listed and parsed from here.
        var d = new ReconstructionOptions();
        string I(int x) => x.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var list = new List<ParameterSpec>
        {
            new("hidden", ParameterKind.IntegerList, string.Join('-', d.Hidden.Select(I)), 1, 65536, "encoder hidden widths; the decoder mirrors them"),
            new("latent", ParameterKind.Integer, I(d.Latent), 1, 4096, "size of the code z"),
            new("activation", ParameterKind.Choice, d.Activation, 0, 0, "hidden activation (lrelu has slope 0.2)", ["lrelu", "relu", "tanh"]),
            new("epochs", ParameterKind.Integer, I(d.Epochs), 1, 100000, "epochs over the training rows"),
            new("batch_size", ParameterKind.Integer, I(d.BatchSize), 2, 1 << 20, "rows per step"),
            new("lr", ParameterKind.Real, d.LearningRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture), 0, 1, "Adam learning rate", MinExclusive: true),
            new("eval_every", ParameterKind.Integer, I(d.EvalEvery), 1, 100000, "score the holdout every this many epochs"),
            new("selection", ParameterKind.Choice, d.Selection == SelectionMode.Last ? "last" : "holdout", 0, 0, "holdout: keep the epoch with the best holdout AUC; last: label-free, keep the last epoch", ["holdout", "last"]),
            CommonParameters.Contamination,
            new("threads", ParameterKind.Integer, I(d.Threads), 0, 1024, "libtorch threads; 0 = libtorch's default"),
        };
        if (variational)
            list.Insert(3, new("samples", ParameterKind.Integer, I(d.Samples), 1, 10000, "L, samples of z per row in the reconstruction probability"));
        return list;
    }

    /// <summary>Options from validated parameters.</summary>
    public static ReconstructionOptions FromParameters(DetectorParameters p) => new()
    {
        Hidden = p.Ints("hidden"),
        Latent = p.Int("latent"),
        Activation = p.Text("activation"),
        Epochs = p.Int("epochs"),
        BatchSize = p.Int("batch_size"),
        LearningRate = p.Real("lr"),
        Samples = p.Values.ContainsKey("samples") ? p.Int("samples") : 1,
        EvalEvery = p.Int("eval_every"),
        Selection = p.Text("selection") == "last" ? SelectionMode.Last : SelectionMode.Holdout,
        Contamination = p.Real("contamination"),
        Threads = p.Int("threads"),
    };
}
