using MinLGan.Data;
using MinLGan.Torch.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MinLGan.Torch.Training;

/// <summary>One member's D, G and encoder, built from libtorch's default generator in that order (the caller seeds it).</summary>
internal sealed class SoloGanNetworks : IGanNetworks
{
    private readonly DiscriminatorNet _d;
    private readonly nn.Module<Tensor, Tensor> _g;
    private readonly nn.Module<Tensor, (Tensor Mean, Tensor LogVar)>? _e;
    private readonly GanOptions _o;

    public SoloGanNetworks(int features, ImageShape? shape, GanOptions o)
    {
        _o = o;
        _d = Networks.Discriminator(features, shape, o);
        _g = Networks.Generator(features, shape, o);
        _e = o.A > 0 ? Networks.Encoder(features, shape, o) : null;
        _d.train();
    }

    /// <summary>The modules themselves (the stacked trainer copies their initial weights).</summary>
    public nn.Module DiscriminatorModule => _d;

    /// <inheritdoc cref="DiscriminatorModule"/>
    public nn.Module GeneratorModule => _g;

    /// <inheritdoc cref="DiscriminatorModule"/>
    public nn.Module? EncoderModule => _e;

    public int Members => 1;
    public IReadOnlyList<nn.Module> TrainedModules => _e is null ? [_d, _g] : [_d, _g, _e];
    public long[] LatentShape(int batch) => [batch, _o.Latent];
    public Tensor Logits(Tensor x) => _d.forward(x);
    public Tensor Features(Tensor x) => _d.Features(x);
    public Tensor Generate(Tensor z) => Kept.Squash(_g.forward(z), _o.GeneratorBound);
    public bool HasEncoder => _e is not null;
    public (Tensor Mean, Tensor LogVar) Encode(Tensor x) => _e!.forward(x);
    public IEnumerable<Parameter> DiscriminatorParameters => _d.parameters();
    public IEnumerable<Parameter> GeneratorParameters => _g.parameters();
    public IEnumerable<Parameter> EncoderParameters => _e?.parameters() ?? [];
    public WeightSet CaptureDiscriminator(int member) => WeightSet.Capture(_d);

    public double[] Logits(int member, WeightSet captured, Dataset rows)
    {
        if (!_o.IsConvolutional) return DiscriminatorScorer.Logits(captured, rows, _o, null);
        // The live network in eval mode: building another would draw from the training's random stream.
        _d.eval();
        try { return ConvScorer.Logits(_d, rows); }
        finally { _d.train(); }
    }

    public void Dispose()
    {
        _d.Dispose();
        _g.Dispose();
        _e?.Dispose();
    }
}
