using MinLGan.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MinLGan.Torch.Modules;

/// <summary>
/// A weight-normalised convolution (Salimans and Kingma 2016): the kernel is g · v / ‖v‖, the norm taken per output
/// channel, so direction (v) and length (g) train separately. TorchSharp has no weight-norm helper; this layer keeps v,
/// g and the bias as parameters and convolves with the kernel it computes. g starts at ‖v‖ (the kernel starts as v).
/// A 1×1 kernel over a 1×1 input is a weight-normalised linear layer.
/// </summary>
internal sealed class WeightNormConv2d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter v;
    private readonly Parameter g;
    private readonly Parameter bias;
    private readonly long _stride;
    private readonly long _padding;

    public WeightNormConv2d(long input, long output, long kernel, long stride = 1, long padding = 0) : base("WNConv2d")
    {
        // A Parameter takes over its tensor's handle: compute g from v before wrapping either.
        var direction = Kept.MulAdd_(randn([output, input, kernel, kernel]), 0.05, 0); // torch.normal(0, 0.05, …), kept scalars
        Tensor length;
        using (no_grad()) length = direction.flatten(1).norm(1);
        g = new Parameter(length);
        v = new Parameter(direction);
        bias = new Parameter(zeros(output));
        _stride = stride;
        _padding = padding;
        RegisterComponents();
    }

    /// <summary>The kernel g · v / ‖v‖: [output, input, k, k].</summary>
    public Tensor Kernel()
    {
        var norm = Kept.ClampMin(v.flatten(1).norm(1), 1e-12);
        return v * (g / norm).view(-1, 1, 1, 1);
    }

    public override Tensor forward(Tensor x) =>
        nn.functional.conv2d(x, Kernel(), bias, strides: [_stride, _stride], padding: [_padding, _padding]);
}

/// <summary>
/// improved-gan's CIFAR-10 discriminator body (the paper's base code): dropout 0.2, 3×conv3×3-96 (the last stride 2),
/// dropout 0.5, 3×conv3×3-192 (the last stride 2), dropout 0.5, conv3×3-192 valid, two NIN (1×1) layers of 192, global
/// average pooling; lReLU(0.2) and weight normalisation throughout. [batch, 3, 32, 32] → f(x) [batch, 192].
/// </summary>
internal static class ImprovedGanStack
{
    public const int Width = 192;

    public static nn.Module<Tensor, Tensor> Create(ImageShape shape, bool dropout)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        void Drop(string name, double p) { if (dropout) layers.Add((name, nn.Dropout(p))); }
        void Conv(string name, long i, long o, long k, long s, long p)
        {
            layers.Add((name, new WeightNormConv2d(i, o, k, s, p)));
            layers.Add((name + "act", new KeptLeakyReLU(ConvStack.Slope)));
        }
        Drop("drop0", 0.2);
        Conv("conv0", shape.Channels, 96, 3, 1, 1);
        Conv("conv1", 96, 96, 3, 1, 1);
        Conv("conv2", 96, 96, 3, 2, 1);
        Drop("drop1", 0.5);
        Conv("conv3", 96, 192, 3, 1, 1);
        Conv("conv4", 192, 192, 3, 1, 1);
        Conv("conv5", 192, 192, 3, 2, 1);
        Drop("drop2", 0.5);
        Conv("conv6", 192, 192, 3, 1, 0);
        Conv("nin0", 192, 192, 1, 1, 0);
        Conv("nin1", 192, 192, 1, 1, 0);
        layers.Add(("pool", nn.AdaptiveAvgPool2d(1)));
        layers.Add(("flat", nn.Flatten()));
        return nn.Sequential(layers);
    }
}

/// <summary>improved-gan's D: the stack above and a weight-normalised linear logit on the pooled 192-d f(x).</summary>
internal sealed class ImprovedGanDiscriminator : DiscriminatorNet
{
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly WeightNormConv2d head;
    private readonly long[] _imageShape;

    public ImprovedGanDiscriminator(ImageShape shape) : base("D")
    {
        _imageShape = [-1, shape.Channels, shape.Height, shape.Width];
        body = ImprovedGanStack.Create(shape, dropout: true);
        head = new WeightNormConv2d(ImprovedGanStack.Width, 1, 1);
        RegisterComponents();
    }

    public override Tensor Features(Tensor x) => body.forward(x.reshape(_imageShape));

    public override Tensor Head(Tensor features) => head.forward(features.view(-1, ImprovedGanStack.Width, 1, 1)).flatten();
}

/// <summary>
/// improved-gan's G: z(100) → 4·4·512 → 5×5 stride-2 transposed convolutions to 256, 128 and 3 channels (8, 16, 32
/// pixels), batch norm and ReLU between, tanh out; rows [batch, 3·32·32].
/// </summary>
internal sealed class ImprovedGanGenerator : nn.Module<Tensor, Tensor>
{
    private readonly Linear project;
    private readonly KeptBatchNorm bn0;
    private readonly ConvTranspose2d up1, up2, up3;
    private readonly KeptBatchNorm bn1, bn2;
    private readonly long _features;

    public ImprovedGanGenerator(ImageShape shape, GanOptions o) : base("G")
    {
        if (shape.Height != 32 || shape.Width != 32)
            throw new InvalidInputException($"arch=improved-gan is built for 32x32 images (CIFAR-10); these are {shape}");
        _features = shape.Size;
        project = nn.Linear(o.Latent, 4 * 4 * 512);
        bn0 = new KeptBatchNorm(4 * 4 * 512, 2);
        up1 = nn.ConvTranspose2d(512, 256, 5, stride: 2, padding: 2, output_padding: 1);
        bn1 = new KeptBatchNorm(256, 4);
        up2 = nn.ConvTranspose2d(256, 128, 5, stride: 2, padding: 2, output_padding: 1);
        bn2 = new KeptBatchNorm(128, 4);
        up3 = nn.ConvTranspose2d(128, shape.Channels, 5, stride: 2, padding: 2, output_padding: 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor z)
    {
        var h = nn.functional.relu(bn0.forward(project.forward(z))).view(-1, 512, 4, 4);
        h = nn.functional.relu(bn1.forward(up1.forward(h)));
        h = nn.functional.relu(bn2.forward(up2.forward(h)));
        return up3.forward(h).tanh().reshape(-1, _features);
    }
}
