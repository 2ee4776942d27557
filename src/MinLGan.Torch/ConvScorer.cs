using MinLGan.Data;
using MinLGan.Torch.Modules;
using static TorchSharp.torch;

namespace MinLGan.Torch;

/// <summary>
/// Scores rows with a convolutional D in libtorch, in batches of exactly <see cref="Batch"/> rows (the last one
/// padded with zeros): every row passes through the same kernels whatever rows come with it and however many, so a
/// row's score does not depend on the others. Eval mode (no dropout), no gradients, a dispose scope per batch.
/// </summary>
internal static class ConvScorer
{
    public const int Batch = 64;

    /// <summary>Logits of a saved D.</summary>
    public static double[] Logits(WeightSet weights, Dataset data, GanOptions o, ImageShape shape)
    {
        if (data.Columns != shape.Size) throw new InvalidInputException($"the discriminator expects {shape} images ({shape.Size} values), the data has {data.Columns}");
        // Building the module draws from libtorch's global generator: hold the training lock meanwhile.
        lock (Training.TorchRandomLock.Gate)
        {
            using var scope = NewDisposeScope();
            using var d = Networks.Discriminator(shape.Size, shape, o);
            weights.Apply(d);
            d.eval();
            return Logits(d, data);
        }
    }

    /// <summary>Logits of a live D (already in eval mode).</summary>
    public static double[] Logits(DiscriminatorNet d, Dataset data)
    {
        using var _ = no_grad();
        int f = data.Columns;
        var result = new double[data.Rows];
        var buffer = new float[Batch * f];
        for (int start = 0; start < data.Rows; start += Batch)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(Batch, data.Rows - start);
            data.Values.Slice(start * f, count * f).CopyTo(buffer);
            if (count < Batch) Array.Clear(buffer, count * f, (Batch - count) * f);
            var logits = d.forward(tensor(buffer, [Batch, f])).data<float>().ToArray();
            for (int i = 0; i < count; i++) result[start + i] = logits[i];
        }
        return result;
    }
}
