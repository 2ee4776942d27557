using MinLGan.Data;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MinLGan.Torch.Training;

/// <summary>
/// D, G and the encoder q(z|x) of one training run, as <see cref="MinLGanStep"/> sees them. Rows are [batch, features]
/// for one member and [members, batch, features] for stacked members; every method keeps the leading dimensions.
/// </summary>
internal interface IGanNetworks : IDisposable
{
    /// <summary>Members trained together (1 for a solo run).</summary>
    int Members { get; }

    /// <summary>The shape of a batch of z: [batch, latent] or [members, batch, latent].</summary>
    long[] LatentShape(int batch);

    /// <summary>D(x) before the sigmoid: [.., batch].</summary>
    Tensor Logits(Tensor x);

    /// <summary>f(x), D's feature-matching layer: [.., batch, width].</summary>
    Tensor Features(Tensor x);

    /// <summary>G(z): [.., batch, features].</summary>
    Tensor Generate(Tensor z);

    /// <summary>True when the encoder exists (a &gt; 0).</summary>
    bool HasEncoder { get; }

    /// <summary>q(z|x): mean and clamped log-variance, [.., batch, latent].</summary>
    (Tensor Mean, Tensor LogVar) Encode(Tensor x);

    /// <summary>D's, G's and the encoder's parameters (the encoder's are empty without one).</summary>
    IEnumerable<Parameter> DiscriminatorParameters { get; }

    /// <inheritdoc cref="DiscriminatorParameters"/>
    IEnumerable<Parameter> GeneratorParameters { get; }

    /// <inheritdoc cref="DiscriminatorParameters"/>
    IEnumerable<Parameter> EncoderParameters { get; }

    /// <summary>Every module whose weights or buffers training changes (D, G and the encoder), for a checkpoint.</summary>
    IReadOnlyList<TorchSharp.torch.nn.Module> TrainedModules { get; }

    /// <summary>Member m's D as a solo module's weights.</summary>
    WeightSet CaptureDiscriminator(int member);

    /// <summary>Member m's D(x) on <paramref name="rows"/>, from its live weights (<paramref name="captured"/> are the same weights).</summary>
    double[] Logits(int member, WeightSet captured, Dataset rows);
}
