using MinLGan.Data;
using MinLGan.Torch.Modules;

namespace MinLGan.Torch;

/// <summary>
/// Scores rows with a trained <see cref="AutoEncoder"/> in managed double precision, row by row (so a row's score
/// does not depend on the other rows or the batch, and stays finite for inputs near float's range):
/// the AE's squared reconstruction error Σⱼ (xⱼ − x̂ⱼ)², or the VAE's negative reconstruction probability
/// −(1/L) Σₗ log p(x | zₗ) with zₗ = μ(x) + σ(x) εₗ (An and Cho 2015) for L fixed draws εₗ kept with the model.
/// </summary>
internal sealed class ReconstructionScorer
{
    private readonly Layer[] _encoder, _decoder;
    private readonly Layer _codeMean, _outputMean;
    private readonly Layer? _codeLogVar, _outputLogVar;
    private readonly double[] _eps;   // [samples, latent]
    private readonly int _latent;
    private readonly Func<double, double> _activate;
    private readonly string _activation;

    private sealed record Layer(double[] W, double[] B, int In, int Out);

    public ReconstructionScorer(WeightSet weights, string activation, bool variational, double[] eps)
    {
        _activate = Training.HiddenActivation.Double(activation);
        _activation = activation;
        static Layer[] Part(WeightSet w, string prefix) =>
            w.LinearLayers(prefix).Select(l => new Layer(Array.ConvertAll(l.W, v => (double)v), Array.ConvertAll(l.B, v => (double)v), l.In, l.Out)).ToArray();
        _encoder = Part(weights, "encoder.");
        _decoder = Part(weights, "decoder.");
        _codeMean = Part(weights, "codeMean.").Single();
        _outputMean = Part(weights, "outputMean.").Single();
        if (variational)
        {
            _codeLogVar = Part(weights, "codeLogVar.").Single();
            _outputLogVar = Part(weights, "outputLogVar.").Single();
        }
        _latent = _codeMean.Out;
        _eps = eps;
        if (variational && (eps.Length == 0 || eps.Length % _latent != 0))
            throw new InvalidInputException($"vae: {eps.Length} noise values do not make whole samples of a {_latent}-d code");
        if (_decoder[0].In != _latent || _outputMean.Out != _encoder[0].In)
            throw new InvalidInputException("weights: encoder and decoder widths do not chain");
    }

    public int Features => _encoder[0].In;

    public double[] Score(Dataset data)
    {
        if (data.Columns != Features) throw new InvalidInputException($"the autoencoder expects {Features} features, the data has {data.Columns}");
        var scores = new double[data.Rows];
        const int Chunk = 128;
        RowBlocks.For((data.Rows + Chunk - 1) / Chunk, null, c =>
        {
            for (int r = c * Chunk; r < Math.Min(data.Rows, (c + 1) * Chunk); r++)
                scores[r] = ScoreRow(data.Row(r));
        });
        return scores;
    }

    private double ScoreRow(ReadOnlySpan<float> row)
    {
        var x = new double[row.Length];
        for (int j = 0; j < x.Length; j++) x[j] = row[j];
        var h = Chain(_encoder, x, activateLast: true);
        var mean = Apply(_codeMean, h);
        if (_codeLogVar is null)
        {
            var recon = Apply(_outputMean, Chain(_decoder, mean, activateLast: true));
            double sum = 0;
            for (int j = 0; j < x.Length; j++) sum += (x[j] - recon[j]) * (x[j] - recon[j]);
            return sum;
        }
        var logVar = Apply(_codeLogVar, h);
        var sd = new double[_latent];
        for (int k = 0; k < _latent; k++) sd[k] = Math.Exp(0.5 * Math.Clamp(logVar[k], -AutoEncoder.LatentLogVarLimit, AutoEncoder.LatentLogVarLimit));
        int samples = _eps.Length / _latent;
        var z = new double[_latent];
        double total = 0;
        for (int l = 0; l < samples; l++)
        {
            for (int k = 0; k < _latent; k++) z[k] = mean[k] + sd[k] * _eps[l * _latent + k];
            var hd = Chain(_decoder, z, activateLast: true);
            var mu = Apply(_outputMean, hd);
            var lv = Apply(_outputLogVar!, hd);
            double logP = 0;
            for (int j = 0; j < x.Length; j++)
            {
                double v = Math.Clamp(lv[j], -AutoEncoder.OutputLogVarLimit, AutoEncoder.OutputLogVarLimit);
                double d = x[j] - mu[j];
                logP += -0.5 * (Math.Log(2 * Math.PI) + v + d * d * Math.Exp(-v));
            }
            total += logP;
        }
        return -total / samples;
    }

    /// <summary>
    /// The same score as ONNX operators in double (exports): the AE's Σⱼ (xⱼ − x̂ⱼ)²; the VAE's −(1/L) Σₗ log p(x | zₗ)
    /// with the L stored draws as a constant [L, latent], every draw decoded at once as [N, L, ·].
    /// </summary>
    public Export.GraphValue Append(Export.ScoreGraph g, Export.GraphValue rows)
    {
        const Export.GraphType D = Export.GraphType.Double;
        var x = g.Cast(rows, D);
        var h = GraphChain(g, _encoder, x);
        var mean = GraphLayer(g, _codeMean, h);
        if (_codeLogVar is null)
        {
            var diff = g.Binary("Sub", x, GraphLayer(g, _outputMean, GraphChain(g, _decoder, mean)));
            return g.Sum(g.Binary("Mul", diff, diff), keepDims: false, 1);
        }
        Export.GraphValue Clamp(Export.GraphValue v, double limit) =>
            g.Binary("Min", g.Binary("Max", v, g.Scalar(D, -limit, "low")), g.Scalar(D, limit, "high"));
        var logVar = GraphLayer(g, _codeLogVar, h);
        var sd = g.Unary("Exp", g.Binary("Mul", g.Scalar(D, 0.5, "half"), Clamp(logVar, AutoEncoder.LatentLogVarLimit)));
        int samples = _eps.Length / _latent;
        var eps = g.Constant(D, [samples, _latent], _eps, "eps");
        var axis1 = g.Ints(1);
        var z = g.Binary("Add", g.Op("Unsqueeze", D, [mean, axis1]), g.Binary("Mul", g.Op("Unsqueeze", D, [sd, axis1]), eps));
        var hd = GraphChain(g, _decoder, z);
        var mu = GraphLayer(g, _outputMean, hd);
        var v = Clamp(GraphLayer(g, _outputLogVar!, hd), AutoEncoder.OutputLogVarLimit);
        var d = g.Binary("Sub", g.Op("Unsqueeze", D, [x, axis1]), mu);
        var inner = g.Binary("Add", g.Binary("Add", g.Scalar(D, Math.Log(2 * Math.PI), "log_2pi"), v),
            g.Binary("Mul", g.Binary("Mul", d, d), g.Unary("Exp", g.Unary("Neg", v))));
        var logP = g.Binary("Mul", g.Scalar(D, -0.5, "minus_half"), inner);
        return g.Unary("Neg", g.Binary("Div", g.Sum(logP, keepDims: false, 1, 2), g.Scalar(D, samples, "samples")));
    }

    private Export.GraphValue GraphChain(Export.ScoreGraph g, Layer[] layers, Export.GraphValue x)
    {
        foreach (var layer in layers) x = Training.HiddenActivation.Graph(_activation, g, GraphLayer(g, layer, x));
        return x;
    }

    private static Export.GraphValue GraphLayer(Export.ScoreGraph g, Layer layer, Export.GraphValue x) =>
        g.Linear(x, layer.W, layer.B, layer.In, layer.Out, Export.GraphType.Double);

    private double[] Chain(Layer[] layers, double[] input, bool activateLast)
    {
        var a = input;
        for (int i = 0; i < layers.Length; i++)
        {
            a = Apply(layers[i], a);
            if (activateLast || i < layers.Length - 1)
                for (int k = 0; k < a.Length; k++) a[k] = _activate(a[k]);
        }
        return a;
    }

    private static double[] Apply(Layer layer, double[] input)
    {
        var output = new double[layer.Out];
        for (int o = 0; o < layer.Out; o++)
            output[o] = System.Numerics.Tensors.TensorPrimitives.Dot(layer.W.AsSpan(o * layer.In, layer.In), input) + layer.B[o];
        return output;
    }

}
