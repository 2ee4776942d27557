using TorchSharp;
using static TorchSharp.torch;

namespace MinLGan.Torch.Training;

/// <summary>
/// The hidden activation of the tabular networks, named once: lrelu (slope 0.2), relu or tanh. The same function as a
/// module (training), on tensors (stacked members) and on single values (managed scoring in float and double).
/// </summary>
internal static class HiddenActivation
{
    /// <summary>The names an option may take.</summary>
    public static readonly IReadOnlyList<string> Names = ["lrelu", "relu", "tanh"];

    /// <summary>lReLU's slope for negative inputs.</summary>
    public const float Slope = 0.2f;

    // The slope as TorchSharp's LeakyReLU(double) passed it (the float widened), kept for the process (see Kept).
    private static readonly Scalar SlopeScalar = (double)Slope;

    /// <summary>The activation as a parameter-free module.</summary>
    public static nn.Module<Tensor, Tensor> Module(string name) => name switch
    {
        "relu" => nn.ReLU(),
        "tanh" => nn.Tanh(),
        _ => new Modules.KeptLeakyReLU(SlopeScalar),
    };

    /// <summary>The activation applied to a tensor.</summary>
    public static Tensor Apply(string name, Tensor x) => name switch
    {
        "relu" => nn.functional.relu(x),
        "tanh" => x.tanh(),
        _ => x.leaky_relu(SlopeScalar),
    };

    /// <summary>A managed float form (bit-compatible with the tensor forms on CPU).</summary>
    public static Func<float, float> Float(string name) => name switch
    {
        "relu" => v => v > 0 ? v : 0,
        "tanh" => MathF.Tanh,
        _ => v => v > 0 ? v : Slope * v,
    };

    /// <summary>
    /// The activation as ONNX operators (exports): on float, LeakyRelu/Relu/Tanh as the float form; on double,
    /// max(v, 0.2·v) and max(v, 0), which equal the double form for every v.
    /// </summary>
    public static Export.GraphValue Graph(string name, Export.ScoreGraph g, Export.GraphValue x) => (name, x.Type) switch
    {
        ("tanh", _) => g.Unary("Tanh", x),
        ("relu", Export.GraphType.Float) => g.Unary("Relu", x),
        ("relu", _) => g.Binary("Max", x, g.Scalar(x.Type, 0, "zero")),
        (_, Export.GraphType.Float) => g.Op("LeakyRelu", x.Type, [x], new Export.GraphAttribute("alpha", Float: Slope)),
        _ => g.Binary("Max", x, g.Binary("Mul", x, g.Scalar(x.Type, 0.2, "slope"))),
    };

    /// <summary>A managed double form (the reconstruction scorers work in double).</summary>
    public static Func<double, double> Double(string name) => name switch
    {
        "relu" => v => v > 0 ? v : 0,
        "tanh" => Math.Tanh,
        _ => v => v > 0 ? v : 0.2 * v, // the double 0.2, as the scorers have always used (not (double)0.2f)
    };
}
