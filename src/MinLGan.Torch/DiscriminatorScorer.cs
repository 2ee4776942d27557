using MinLGan.Data;
using MinLGan.Torch.Modules;

namespace MinLGan.Torch;

/// <summary>Scores rows with a kept discriminator: D's pre-sigmoid output per row, from its saved weights.</summary>
internal static class DiscriminatorScorer
{
    /// <summary>
    /// D's logits for every row [rows]: MLPs from managed weights (batch-invariant; see <see cref="MlpScorer"/>),
    /// convolutional D with libtorch in fixed-size batches (see <see cref="ConvScorer"/>).
    /// </summary>
    public static double[] Logits(WeightSet weights, Dataset data, GanOptions o, ImageShape? shape) =>
        o.IsConvolutional ? ConvScorer.Logits(weights, data, o, Networks.Require(shape, o)) : new MlpScorer(weights, o.Activation, o.InputBound).Logits(data);
}
