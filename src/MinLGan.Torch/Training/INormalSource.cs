using static TorchSharp.torch;

namespace MinLGan.Torch.Training;

/// <summary>Where a training step's standard normal draws (z, and ε of the reparameterisation) come from.</summary>
internal interface INormalSource
{
    /// <summary>Standard normal draws of the given shape.</summary>
    Tensor Normal(long[] shape);
}

/// <summary>One member: libtorch's default generator, seeded with the member's seed before its networks were built.</summary>
internal sealed class DefaultNormalSource : INormalSource
{
    /// <inheritdoc />
    public Tensor Normal(long[] shape) => randn(shape);
}

/// <summary>
/// Stacked members: member m draws its slice [m, ...] from its own generator, which starts where the default generator
/// stood after member m's solo networks were built, so every member sees the draws its solo training would see.
/// </summary>
internal sealed class StackedNormalSource(Generator[] generators) : INormalSource, IDisposable
{
    /// <inheritdoc />
    public Tensor Normal(long[] shape)
    {
        if (shape[0] != generators.Length) throw new ArgumentException($"the first dimension must be the member count {generators.Length}", nameof(shape));
        var one = shape[1..];
        return stack(generators.Select(g => randn(one, generator: g)).ToArray());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var g in generators) g.Dispose();
    }
}
