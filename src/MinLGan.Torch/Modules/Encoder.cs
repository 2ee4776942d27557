using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MinLGan.Torch.Modules;

/// <summary>q(z|x): an MLP from x [batch, features] to the mean and log-variance of a diagonal Gaussian [batch, latent].</summary>
internal sealed class Encoder : nn.Module<Tensor, (Tensor Mean, Tensor LogVar)>
{
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly Linear mean;
    private readonly Linear logVar;

    public Encoder(int features, GanOptions o) : base("E")
    {
        var widths = o.GHidden.Reverse().ToArray();
        body = Mlp.Hidden(features, widths, o.Activation, 0);
        mean = nn.Linear(widths[^1], o.Latent);
        logVar = nn.Linear(widths[^1], o.Latent);
        RegisterComponents();
    }

    public override (Tensor Mean, Tensor LogVar) forward(Tensor x)
    {
        var h = body.forward(x);
        // Clamp the log-variance so exp() cannot overflow early in training.
        return (mean.forward(h), Kept.Clamp(logVar.forward(h), -12, 12));
    }
}
