using static TorchSharp.torch;

namespace MinLGan.Torch.Training;

/// <summary>Where a training step's standard normal draws (z, and ε of the reparameterisation) come from.</summary>
internal interface INormalSource
{
    /// <summary>Standard normal draws of the given shape.</summary>
    Tensor Normal(long[] shape);

    /// <summary>Writes the state of its own generators (none for the default one, which the run saves).</summary>
    void SaveState(BinaryWriter writer);

    /// <summary>Puts back what <see cref="SaveState"/> wrote.</summary>
    void LoadState(BinaryReader reader);
}

/// <summary>One member: libtorch's default generator, seeded with the member's seed before its networks were built.</summary>
internal sealed class DefaultNormalSource : INormalSource
{
    /// <inheritdoc />
    public Tensor Normal(long[] shape) => randn(shape);

    /// <inheritdoc />
    public void SaveState(BinaryWriter writer) { }

    /// <inheritdoc />
    public void LoadState(BinaryReader reader) { }
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
    public void SaveState(BinaryWriter writer)
    {
        foreach (var g in generators)
        {
            using var state = g.get_state();
            var bytes = state.data<byte>().ToArray();
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
    }

    /// <inheritdoc />
    public void LoadState(BinaryReader reader)
    {
        foreach (var g in generators)
        {
            using var state = tensor(reader.ReadBytes(reader.ReadInt32()), dtype: ScalarType.Byte);
            g.set_state(state);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var g in generators) g.Dispose();
    }
}
