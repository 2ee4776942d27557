using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MinLGan.Torch.Modules;

/// <summary>G: an MLP from z [batch, latent] to x [batch, features], linear output (the data are standardised).</summary>
internal sealed class Generator : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly Linear output;

    public Generator(int features, GanOptions o) : base("G")
    {
        body = Mlp.Hidden(o.Latent, o.GHidden, o.Activation, 0);
        output = nn.Linear(o.GHidden[^1], features);
        RegisterComponents();
    }

    public override Tensor forward(Tensor z) => output.forward(body.forward(z));
}
