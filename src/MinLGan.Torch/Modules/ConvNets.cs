using MinLGan.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MinLGan.Torch.Modules;

/// <summary>
/// dcgan-small's convolution stack, shared by D and the encoder: three 4×4 stride-2 convolutions (64, 128, 256
/// channels) with lReLU(0.2), [batch, C, H, W] → [batch, 256 · H/8 · W/8].
/// </summary>
internal static class ConvStack
{
    public static readonly int[] Widths = [64, 128, 256];

    /// <summary>The conv stacks' LeakyReLU slope, 0.2, kept for the process (see <see cref="Kept"/>).</summary>
    public static readonly TorchSharp.Scalar Slope = 0.2;

    public static nn.Module<Tensor, Tensor> Create(ImageShape shape, double dropout)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        long channels = shape.Channels;
        for (int i = 0; i < Widths.Length; i++)
        {
            if (dropout > 0) layers.Add(($"drop{i}", nn.Dropout(dropout)));
            layers.Add(($"conv{i}", nn.Conv2d(channels, Widths[i], 4, stride: 2, padding: 1)));
            layers.Add(($"act{i}", new KeptLeakyReLU(Slope)));
            channels = Widths[i];
        }
        layers.Add(("flat", nn.Flatten()));
        return nn.Sequential(layers);
    }

    public static int OutputWidth(ImageShape shape) => Widths[^1] * (shape.Height / 8) * (shape.Width / 8);
}

/// <summary>dcgan-small D: the convolution stack, f(x) its flattened output, and a linear logit.</summary>
internal sealed class ConvDiscriminator : DiscriminatorNet
{
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly Linear head;
    private readonly long[] _imageShape;

    public ConvDiscriminator(ImageShape shape, GanOptions o) : base("D")
    {
        _imageShape = [-1, shape.Channels, shape.Height, shape.Width];
        body = ConvStack.Create(shape, o.Dropout);
        head = nn.Linear(ConvStack.OutputWidth(shape), 1);
        RegisterComponents();
    }

    public override Tensor Features(Tensor x) => body.forward(x.reshape(_imageShape));

    public override Tensor Head(Tensor features) => head.forward(features).squeeze(1);
}

/// <summary>dcgan-small G: z → 256 · H/8 · W/8 → three 4×4 stride-2 transposed convolutions (128, 64, C) with batch norm and ReLU, tanh out; rows [batch, C·H·W].</summary>
internal sealed class ConvGenerator : nn.Module<Tensor, Tensor>
{
    private readonly Linear project;
    private readonly KeptBatchNorm bn0;
    private readonly ConvTranspose2d up1, up2, up3;
    private readonly KeptBatchNorm bn1, bn2;
    private readonly long[] _start;
    private readonly long _features;

    public ConvGenerator(ImageShape shape, GanOptions o) : base("G")
    {
        _start = [-1, 256, shape.Height / 8, shape.Width / 8];
        _features = shape.Size;
        project = nn.Linear(o.Latent, ConvStack.OutputWidth(shape));
        bn0 = new KeptBatchNorm(256, 4);
        up1 = nn.ConvTranspose2d(256, 128, 4, stride: 2, padding: 1);
        bn1 = new KeptBatchNorm(128, 4);
        up2 = nn.ConvTranspose2d(128, 64, 4, stride: 2, padding: 1);
        bn2 = new KeptBatchNorm(64, 4);
        up3 = nn.ConvTranspose2d(64, shape.Channels, 4, stride: 2, padding: 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor z)
    {
        var h = nn.functional.relu(bn0.forward(project.forward(z).reshape(_start)));
        h = nn.functional.relu(bn1.forward(up1.forward(h)));
        h = nn.functional.relu(bn2.forward(up2.forward(h)));
        return up3.forward(h).tanh().reshape(-1, _features);
    }
}

/// <summary>
/// A convolutional q(z|x): a convolution stack ([batch, C, H, W] → [batch, width], its own weights), then the mean and
/// the clamped log-variance of z. dcgan-small and improved-gan each pass their D's stack (without dropout).
/// </summary>
internal sealed class ConvEncoder : nn.Module<Tensor, (Tensor Mean, Tensor LogVar)>
{
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly Linear mean;
    private readonly Linear logVar;
    private readonly long[] _imageShape;

    public ConvEncoder(ImageShape shape, nn.Module<Tensor, Tensor> stack, int width, int latent) : base("E")
    {
        _imageShape = [-1, shape.Channels, shape.Height, shape.Width];
        body = stack;
        mean = nn.Linear(width, latent);
        logVar = nn.Linear(width, latent);
        RegisterComponents();
    }

    public override (Tensor Mean, Tensor LogVar) forward(Tensor x)
    {
        var h = body.forward(x.reshape(_imageShape));
        return (mean.forward(h), Kept.Clamp(logVar.forward(h), -12, 12));
    }
}
