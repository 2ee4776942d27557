using TorchSharp;
using static TorchSharp.torch;

namespace MinLGan.Torch.Modules;

/// <summary>Builds the hidden stacks of the tabular networks.</summary>
internal static class Mlp
{
    /// <summary>Linear + activation (+ dropout before each linear when <paramref name="dropout"/> > 0) for each width.</summary>
    public static nn.Module<Tensor, Tensor> Hidden(int input, IReadOnlyList<int> widths, string activation, double dropout)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int previous = input;
        for (int i = 0; i < widths.Count; i++)
        {
            if (dropout > 0) layers.Add(($"drop{i}", nn.Dropout(dropout)));
            layers.Add(($"fc{i}", nn.Linear(previous, widths[i])));
            layers.Add(($"act{i}", Training.HiddenActivation.Module(activation)));
            previous = widths[i];
        }
        return nn.Sequential(layers);
    }
}
