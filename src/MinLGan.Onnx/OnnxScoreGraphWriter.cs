using Google.Protobuf;
using Onnx;

namespace MinLGan.Export;

/// <summary>
/// Serialises a <see cref="ScoreGraph"/> as an ONNX model (opset 17; ai.onnx.ml 3 when a tree ensemble is used) with
/// input <c>input</c> float [N, features] and outputs of shape [N]; the graph's metadata goes into the model's
/// metadata_props. The file is written to a temporary name and renamed, so an existing file is replaced whole or not at all.
/// </summary>
public static class OnnxScoreGraphWriter
{
    /// <summary>The default-domain opset the graphs are written for.</summary>
    public const int Opset = 17;

    /// <summary>The ai.onnx.ml opset (TreeEnsembleRegressor with list attributes).</summary>
    public const int MlOpset = 3;

    /// <summary>The ONNX model bytes.</summary>
    public static byte[] ToBytes(ScoreGraph graph, string producerVersion)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var g = new GraphProto { Name = "minlgan_score" };
        g.Input.Add(Tensor(graph.Input.Name, graph.Input.Type, [null, graph.Features]));
        foreach (var output in graph.Outputs) g.Output.Add(Tensor(output.Name, output.Type, [null]));
        foreach (var c in graph.Constants) g.Initializer.Add(Constant(c));
        foreach (var n in graph.Nodes)
        {
            var node = new NodeProto { OpType = n.Op, Domain = n.Domain, Name = $"{n.Op}_{g.Node.Count}" };
            node.Input.AddRange(n.Inputs);
            node.Output.AddRange(n.Outputs);
            foreach (var a in n.Attributes) node.Attribute.Add(Attribute(a));
            g.Node.Add(node);
        }
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "minlgan",
            ProducerVersion = producerVersion,
            Graph = g,
            DocString = "MinLGan.NET anomaly scores: input float[N, features] (raw rows), output score float[N] (higher = more anomalous) and is_anomaly bool[N].",
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        if (graph.UsesMlDomain) model.OpsetImport.Add(new OperatorSetIdProto { Domain = ScoreGraph.MlDomain, Version = MlOpset });
        foreach (var (key, value) in graph.Metadata) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model.ToByteArray();
    }

    /// <summary>Writes the model to <paramref name="path"/> (temporary file, then rename); an existing file only when <paramref name="overwrite"/>.</summary>
    public static void Write(ScoreGraph graph, string path, string producerVersion, bool overwrite)
    {
        var bytes = ToBytes(graph, producerVersion);
        AtomicFile.Write(path, s => s.Write(bytes), overwrite);
    }

    private static ValueInfoProto Tensor(string name, GraphType type, long?[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d is long v ? new TensorShapeProto.Types.Dimension { DimValue = v } : new TensorShapeProto.Types.Dimension { DimParam = "N" });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)ScoreGraph.OnnxTypeCode(type), Shape = shape } },
        };
    }

    private static TensorProto Constant(GraphConstant c)
    {
        var t = new TensorProto { Name = c.Name, DataType = (int)ScoreGraph.OnnxTypeCode(c.Type) };
        t.Dims.AddRange(c.Shape);
        switch (c.Type)
        {
            case GraphType.Float: t.FloatData.AddRange(c.Values.Select(v => (float)v)); break;
            case GraphType.Double: t.DoubleData.AddRange(c.Values); break;
            case GraphType.Int64: t.Int64Data.AddRange(c.Values.Select(v => (long)v)); break;
            default: t.Int32Data.AddRange(c.Values.Select(v => v != 0 ? 1 : 0)); break;
        }
        return t;
    }

    private static AttributeProto Attribute(GraphAttribute a)
    {
        var p = new AttributeProto { Name = a.Name };
        if (a.Int is long i) { p.Type = AttributeProto.Types.AttributeType.Int; p.I = i; }
        else if (a.Float is float f) { p.Type = AttributeProto.Types.AttributeType.Float; p.F = f; }
        else if (a.Text is string s) { p.Type = AttributeProto.Types.AttributeType.String; p.S = ByteString.CopyFromUtf8(s); }
        else if (a.Ints is { } ints) { p.Type = AttributeProto.Types.AttributeType.Ints; p.Ints.AddRange(ints); }
        else if (a.Floats is { } floats) { p.Type = AttributeProto.Types.AttributeType.Floats; p.Floats.AddRange(floats); }
        else if (a.Texts is { } texts) { p.Type = AttributeProto.Types.AttributeType.Strings; p.Strings.AddRange(texts.Select(ByteString.CopyFromUtf8)); }
        else throw new ArgumentException($"attribute {a.Name} has no value");
        return p;
    }
}
