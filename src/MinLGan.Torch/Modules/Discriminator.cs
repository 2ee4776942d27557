using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MinLGan.Torch.Modules;

/// <summary>D: an MLP from x [batch, features] to a logit [batch]; <see cref="Features"/> is f(x), its last hidden layer.</summary>
internal sealed class Discriminator : DiscriminatorNet
{
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly Linear head;
    private readonly double bound;

    public Discriminator(int features, GanOptions o) : base("D")
    {
        body = Mlp.Hidden(features, o.DHidden, o.Activation, o.Dropout);
        head = nn.Linear(o.DHidden[^1], 1);
        bound = o.InputBound;
        RegisterComponents();
    }

    /// <summary>f(x): [batch, last hidden width].</summary>
    public override Tensor Features(Tensor x) => body.forward(Kept.Squash(x, bound));

    /// <summary>The pre-sigmoid output D(x): [batch].</summary>
    public override Tensor forward(Tensor x) => head.forward(Features(x)).squeeze(1);

    /// <summary>Logit from features already computed.</summary>
    public override Tensor Head(Tensor features) => head.forward(features).squeeze(1);
}
