using System.Numerics;
using MinLGan.Data;

namespace MinLGan.Torch;

/// <summary>
/// D's forward pass for scoring, in managed code: the linear layers of a <see cref="WeightSet"/> with the
/// hidden activation between them (dropout is off at scoring). Each row is computed on its own with a fixed
/// accumulation order, so a row's score is bit-identical whatever other rows are scored with it and whatever
/// the batch size — libtorch's GEMM does not promise that (a single row takes a different kernel). Rows run in
/// parallel on all cores.
/// </summary>
internal sealed class MlpScorer
{
    private readonly (float[] W, float[] B, int In, int Out)[] _layers;
    private readonly Func<float, float> _activate;
    private readonly float _bound;

    /// <param name="weights">D's linear layers.</param>
    /// <param name="activation">The hidden activation.</param>
    /// <param name="inputBound">b &gt; 0: each input is squashed to b·tanh(x/b) first (GanOptions.InputBound); 0 = off.</param>
    public MlpScorer(WeightSet weights, string activation, double inputBound = 0)
    {
        _bound = (float)inputBound;
        _layers = weights.LinearLayers().ToArray();
        _activate = Training.HiddenActivation.Float(activation);
        for (int i = 1; i < _layers.Length; i++)
            if (_layers[i].In != _layers[i - 1].Out) throw new InvalidInputException("weights: layer widths do not chain");
        if (_layers[^1].Out != 1) throw new InvalidInputException("weights: the last layer must have one output");
    }

    /// <summary>Input width.</summary>
    public int Features => _layers[0].In;

    /// <summary>D(x) before the sigmoid, one per row.</summary>
    public double[] Logits(Dataset data)
    {
        if (data.Columns != Features) throw new InvalidInputException($"the discriminator expects {Features} features, the data has {data.Columns}");
        var result = new double[data.Rows];
        int widest = _layers.Max(l => Math.Max(l.In, l.Out));
        const int Chunk = 256;
        RowBlocks.For((data.Rows + Chunk - 1) / Chunk, null, c =>
        {
            var a = new float[widest];
            var b = new float[widest];
            for (int r = c * Chunk; r < Math.Min(data.Rows, (c + 1) * Chunk); r++)
            {
                data.Row(r).CopyTo(a);
                if (_bound > 0)
                    for (int i = 0; i < data.Columns; i++) a[i] = _bound * MathF.Tanh(a[i] / _bound);
                for (int l = 0; l < _layers.Length; l++)
                {
                    var (w, bias, nIn, nOut) = _layers[l];
                    var input = a.AsSpan(0, nIn);
                    for (int o = 0; o < nOut; o++)
                    {
                        float v = Dot(w.AsSpan(o * nIn, nIn), input) + bias[o];
                        b[o] = l == _layers.Length - 1 ? v : _activate(v);
                    }
                    (a, b) = (b, a);
                }
                result[r] = a[0];
            }
        });
        return result;
    }

    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        int n = x.Length, i = 0;
        var acc = Vector<float>.Zero;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            acc += new Vector<float>(x.Slice(i)) * new Vector<float>(y.Slice(i));
        float sum = Vector.Sum(acc);
        for (; i < n; i++) sum += x[i] * y[i];
        return sum;
    }
}
