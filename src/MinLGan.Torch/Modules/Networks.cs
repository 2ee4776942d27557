using MinLGan.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MinLGan.Torch.Modules;

/// <summary>D as the trainers see it: rows in [batch, features] (images flattened), f(x) for feature matching, a logit per row.</summary>
internal abstract class DiscriminatorNet(string name) : nn.Module<Tensor, Tensor>(name)
{
    /// <summary>f(x): [batch, feature width].</summary>
    public abstract Tensor Features(Tensor x);

    /// <summary>The logit from f(x): [batch].</summary>
    public abstract Tensor Head(Tensor features);

    /// <summary>The pre-sigmoid output D(x): [batch].</summary>
    public override Tensor forward(Tensor x) => Head(Features(x));
}

/// <summary>Builds D, G and the encoder q(z|x) of one architecture.</summary>
internal static class Networks
{
    public static DiscriminatorNet Discriminator(int features, ImageShape? shape, GanOptions o) => o.Architecture switch
    {
        "dcgan-small" => new ConvDiscriminator(Require(shape, o), o),
        "improved-gan" => new ImprovedGanDiscriminator(Require(shape, o)),
        _ => new Discriminator(features, o),
    };

    public static nn.Module<Tensor, Tensor> Generator(int features, ImageShape? shape, GanOptions o) => o.Architecture switch
    {
        "dcgan-small" => new ConvGenerator(Require(shape, o), o),
        "improved-gan" => new ImprovedGanGenerator(Require(shape, o), o),
        _ => new Generator(features, o),
    };

    public static nn.Module<Tensor, (Tensor Mean, Tensor LogVar)> Encoder(int features, ImageShape? shape, GanOptions o) => o.Architecture switch
    {
        "dcgan-small" => new ConvEncoder(Require(shape, o), ConvStack.Create(Require(shape, o), 0), ConvStack.OutputWidth(Require(shape, o)), o.Latent),
        "improved-gan" => new ConvEncoder(Require(shape, o), ImprovedGanStack.Create(Require(shape, o), dropout: false), ImprovedGanStack.Width, o.Latent),
        _ => new Encoder(features, o),
    };

    /// <summary>The image shape a convolutional architecture needs (height and width divisible by 8).</summary>
    public static ImageShape Require(ImageShape? shape, GanOptions o)
    {
        if (shape is not { } s)
            throw new InvalidInputException($"arch={o.Architecture} needs image rows (a cifar10-k protocol); these rows are tabular — use arch=mlp");
        if (s.Height % 8 != 0 || s.Width % 8 != 0)
            throw new InvalidInputException($"arch={o.Architecture} halves the image three times: {s} needs a height and width divisible by 8");
        return s;
    }
}
