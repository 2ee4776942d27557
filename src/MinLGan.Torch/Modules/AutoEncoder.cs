using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MinLGan.Torch.Modules;

/// <summary>
/// The autoencoder and the VAE of the paper's baselines, one shape for both: encoder MLP → code (mean, and for the
/// VAE a log-variance) → decoder MLP (mirrored widths) → reconstruction (mean, and for the VAE a per-feature
/// log-variance of a Gaussian p(x|z)). Log-variances are clamped, in training and in scoring alike.
/// </summary>
internal sealed class AutoEncoder : nn.Module<Tensor, Tensor>
{
    public const double LatentLogVarLimit = 12;
    public const double OutputLogVarLimit = 8;

    private readonly nn.Module<Tensor, Tensor> encoder;
    private readonly Linear codeMean;
    private readonly Linear? codeLogVar;
    private readonly nn.Module<Tensor, Tensor> decoder;
    private readonly Linear outputMean;
    private readonly Linear? outputLogVar;

    public AutoEncoder(int features, ReconstructionOptions o, bool variational) : base(variational ? "VAE" : "AE")
    {
        Variational = variational;
        encoder = Mlp.Hidden(features, o.Hidden, o.Activation, 0);
        codeMean = nn.Linear(o.Hidden[^1], o.Latent);
        if (variational) codeLogVar = nn.Linear(o.Hidden[^1], o.Latent);
        var widths = o.Hidden.Reverse().ToArray();
        decoder = Mlp.Hidden(o.Latent, widths, o.Activation, 0);
        outputMean = nn.Linear(widths[^1], features);
        if (variational) outputLogVar = nn.Linear(widths[^1], features);
        RegisterComponents();
    }

    public bool Variational { get; }

    /// <summary>q(z|x): mean and clamped log-variance (the AE's log-variance is null).</summary>
    public (Tensor Mean, Tensor? LogVar) Encode(Tensor x)
    {
        var h = encoder.forward(x);
        return (codeMean.forward(h), codeLogVar is null ? null : Kept.Clamp(codeLogVar.forward(h), -LatentLogVarLimit, LatentLogVarLimit));
    }

    /// <summary>p(x|z): mean and clamped log-variance (the AE's log-variance is null).</summary>
    public (Tensor Mean, Tensor? LogVar) Decode(Tensor z)
    {
        var h = decoder.forward(z);
        return (outputMean.forward(h), outputLogVar is null ? null : Kept.Clamp(outputLogVar.forward(h), -OutputLogVarLimit, OutputLogVarLimit));
    }

    /// <summary>The AE's reconstruction (the VAE's decoded mean of its code mean).</summary>
    public override Tensor forward(Tensor x) => Decode(Encode(x).Mean).Mean;
}
