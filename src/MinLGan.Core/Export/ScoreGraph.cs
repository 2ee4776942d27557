using System.Globalization;

namespace MinLGan.Export;

/// <summary>Element type of a graph value (the ONNX names: float, double, int64, bool).</summary>
public enum GraphType
{
    /// <summary>32-bit float.</summary>
    Float,
    /// <summary>64-bit float.</summary>
    Double,
    /// <summary>64-bit integer (shapes and axes).</summary>
    Int64,
    /// <summary>Boolean.</summary>
    Bool,
}

/// <summary>A named value in a <see cref="ScoreGraph"/> and its element type.</summary>
public readonly record struct GraphValue(string Name, GraphType Type);

/// <summary>A constant tensor: values are stored as double (float and int64 constants are exact in it).</summary>
public sealed record GraphConstant(string Name, GraphType Type, long[] Shape, double[] Values);

/// <summary>An operator's attribute: one of an int, a float, a string, or a list of them.</summary>
public sealed record GraphAttribute(string Name, long? Int = null, float? Float = null, string? Text = null,
    long[]? Ints = null, float[]? Floats = null, string[]? Texts = null);

/// <summary>One operator call: op type (ONNX operator names), its domain ("" or "ai.onnx.ml"), inputs, outputs and attributes.</summary>
public sealed record GraphNode(string Op, string Domain, string[] Inputs, string[] Outputs, GraphAttribute[] Attributes);

/// <summary>
/// A scoring path as a plain list of operators — what <c>minlgan export</c> writes as ONNX (the MinLGan.Onnx package
/// serialises it). It lives here, in the core library without native or protobuf dependencies, so every detector
/// (tabular ones here, the networks in MinLGan.Torch) can describe its own scoring with ONNX operators. The graph
/// has one input, <see cref="Input"/>: float [N, features], raw rows; a builder appends nodes and constants and
/// names the outputs.
/// </summary>
public sealed class ScoreGraph
{
    private readonly List<GraphNode> _nodes = [];
    private readonly List<GraphConstant> _constants = [];
    private readonly List<GraphValue> _outputs = [];
    private int _next;

    /// <summary>A graph whose input is float [N, <paramref name="features"/>].</summary>
    public ScoreGraph(int features)
    {
        if (features < 1) throw new ArgumentOutOfRangeException(nameof(features));
        Features = features;
        Input = new GraphValue(InputName, GraphType.Float);
    }

    /// <summary>The name of the graph's one input, float [N, features] of raw rows.</summary>
    public const string InputName = "input";

    /// <summary>Columns of the input.</summary>
    public int Features { get; }

    /// <summary>The graph input, float [N, <see cref="Features"/>].</summary>
    public GraphValue Input { get; }

    /// <summary>Operators in execution order.</summary>
    public IReadOnlyList<GraphNode> Nodes => _nodes;

    /// <summary>Constant tensors (ONNX initializers).</summary>
    public IReadOnlyList<GraphConstant> Constants => _constants;

    /// <summary>The named outputs, each of shape [N].</summary>
    public IReadOnlyList<GraphValue> Outputs => _outputs;

    /// <summary>Free-text facts written into the file's metadata (detector, seed, threshold, ...).</summary>
    public IDictionary<string, string> Metadata { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The ai.onnx.ml operators this graph uses (tree ensembles), so the writer can declare that domain.</summary>
    public bool UsesMlDomain => _nodes.Any(n => n.Domain == MlDomain);

    /// <summary>The ONNX-ML domain name.</summary>
    public const string MlDomain = "ai.onnx.ml";

    /// <summary>A constant tensor of the given type and shape.</summary>
    public GraphValue Constant(GraphType type, long[] shape, IReadOnlyList<double> values, string hint = "c")
    {
        long size = shape.Aggregate(1L, (a, b) => a * b);
        if (size != values.Count) throw new ArgumentException($"constant {hint}: {values.Count} values for shape [{string.Join(", ", shape)}]");
        var name = Fresh(hint);
        _constants.Add(new GraphConstant(name, type, shape.ToArray(), values.ToArray()));
        return new GraphValue(name, type);
    }

    /// <summary>A constant vector.</summary>
    public GraphValue Vector(GraphType type, IReadOnlyList<double> values, string hint = "v") => Constant(type, [values.Count], values, hint);

    /// <summary>A constant holding one value, shape [1] (broadcasts against anything).</summary>
    public GraphValue Scalar(GraphType type, double value, string hint = "s") => Constant(type, [1], [value], hint);

    /// <summary>A 64-bit integer vector (axes, shapes).</summary>
    public GraphValue Ints(params long[] values) => Constant(GraphType.Int64, [values.Length], values.Select(v => (double)v).ToArray(), "i");

    /// <summary>Appends an operator with one output of type <paramref name="type"/>.</summary>
    public GraphValue Op(string op, GraphType type, GraphValue[] inputs, params GraphAttribute[] attributes) =>
        OpIn("", op, type, inputs, attributes);

    /// <summary>Appends an operator from <paramref name="domain"/> with one output.</summary>
    public GraphValue OpIn(string domain, string op, GraphType type, GraphValue[] inputs, params GraphAttribute[] attributes)
    {
        var output = new GraphValue(Fresh(op.ToLowerInvariant()), type);
        _nodes.Add(new GraphNode(op, domain, inputs.Select(i => i.Name).ToArray(), [output.Name], attributes));
        return output;
    }

    /// <summary>Appends a node as it is (an operator with several outputs, such as TopK); its outputs are the caller's names.</summary>
    public void Append(GraphNode node) => _nodes.Add(node ?? throw new ArgumentNullException(nameof(node)));

    /// <summary>a op b for a binary elementwise operator (Add, Sub, Mul, Div, Max, Pow); the type is a's.</summary>
    public GraphValue Binary(string op, GraphValue a, GraphValue b) => Op(op, a.Type, [a, b]);

    /// <summary>f(x) for a unary elementwise operator (Tanh, Exp, Neg, Relu, Sqrt, ...).</summary>
    public GraphValue Unary(string op, GraphValue x) => Op(op, x.Type, [x]);

    /// <summary>x converted to <paramref name="type"/> (no node when it already is).</summary>
    public GraphValue Cast(GraphValue x, GraphType type) =>
        x.Type == type ? x : Op("Cast", type, [x], new GraphAttribute("to", Int: OnnxTypeCode(type)));

    /// <summary>The sum over the given axes (ReduceSum, axes as an input: opset 13 and later).</summary>
    public GraphValue Sum(GraphValue x, bool keepDims, params long[] axes) =>
        Op("ReduceSum", x.Type, [x, Ints(axes)], new GraphAttribute("keepdims", Int: keepDims ? 1 : 0));

    /// <summary>
    /// x·Wᵀ + b for a linear layer stored as nn.Linear stores it (W [out, in] row-major, b [out]); works on [N, in] and
    /// on [N, L, in]. The constants take <paramref name="type"/> (float layers stay float, double scorers use double).
    /// </summary>
    public GraphValue Linear(GraphValue x, IReadOnlyList<double> weight, IReadOnlyList<double> bias, int inputs, int outputs, GraphType type)
    {
        var transposed = new double[inputs * outputs];
        for (int o = 0; o < outputs; o++)
            for (int i = 0; i < inputs; i++) transposed[i * outputs + o] = weight[o * inputs + i];
        var w = Constant(type, [inputs, outputs], transposed, "w");
        var b = Vector(type, bias, "b");
        return Binary("Add", Op("MatMul", type, [Cast(x, type), w]), b);
    }

    /// <summary>Declares <paramref name="value"/> (shape [N]) as a graph output called <paramref name="name"/>.</summary>
    public void Output(string name, GraphValue value)
    {
        if (_outputs.Any(o => o.Name == name)) throw new ArgumentException($"output {name} is already declared");
        _nodes.Add(new GraphNode("Identity", "", [value.Name], [name], []));
        _outputs.Add(new GraphValue(name, value.Type));
    }

    /// <summary>The ONNX TensorProto.DataType code of a type.</summary>
    public static long OnnxTypeCode(GraphType type) => type switch
    {
        GraphType.Float => 1,
        GraphType.Double => 11,
        GraphType.Int64 => 7,
        _ => 9,
    };

    private string Fresh(string hint) => string.Create(CultureInfo.InvariantCulture, $"{hint}_{_next++}");
}

/// <summary>
/// A fitted detector that can write its scoring path into a <see cref="ScoreGraph"/>: from scaled rows (float [N,
/// features], what <see cref="Detectors.IAnomalyDetector.Score"/> receives) to the anomaly score, shape [N], computed as
/// the library computes it (same formula, same precision where it matters).
/// </summary>
public interface IExportsScoreGraph
{
    /// <summary>
    /// Null when this fitted detector can be exported; otherwise why not, in one sentence (for example a
    /// convolutional discriminator).
    /// </summary>
    string? ExportBlocker { get; }

    /// <summary>Appends the scoring operators for <paramref name="rows"/> (float [N, features]) and returns the score [N].</summary>
    GraphValue AppendScore(ScoreGraph graph, GraphValue rows);
}
