using System.Globalization;
using MinLGan.Data;
using MinLGan.Torch.Modules;
using static TorchSharp.torch;

namespace MinLGan.Torch.Training;

/// <summary>
/// The reconstruction baselines' training run for <see cref="EpochRunner"/>. AE: mean squared error. VAE: the negative
/// ELBO per row, averaged: −E_q log N(x | μ(z), σ²(z)) + KL(q(z|x) ‖ N(0, I)), one reparameterised draw.
/// </summary>
internal sealed class AutoEncoderRun : ITrainingRun, IDisposable
{
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);
    private readonly AutoEncoder _net;
    private readonly optim.Optimizer _opt;
    private readonly ReconstructionOptions _o;
    private readonly bool _variational;
    private readonly double[] _eps;
    private readonly Dataset? _holdout;
    private readonly string _name;

    /// <summary>Builds the network from libtorch's default generator (the caller seeds it) and its Adam.</summary>
    public AutoEncoderRun(int features, ReconstructionOptions o, bool variational, double[] eps, Dataset? holdout, string name)
    {
        _net = new AutoEncoder(features, o, variational);
        _opt = new KeptScalarAdam(_net.parameters(), o.LearningRate, beta1: 0.9);
        _o = o;
        _variational = variational;
        _eps = eps;
        _holdout = holdout;
        _name = name;
        _net.train();
    }

    public int Members => 1;

    public void BeginEpoch(int epoch) { }

    public double[][] Step(Tensor rows, int batch)
    {
        _opt.zero_grad();
        Tensor loss;
        if (!_variational)
        {
            loss = nn.functional.mse_loss(_net.forward(rows), rows);
        }
        else
        {
            var (mu, logVar) = _net.Encode(rows);
            var z = Kept.Plus(mu, Kept.Times(logVar!, 0.5).exp() * randn_like(mu));
            var (xMu, xLogVar) = _net.Decode(z);
            var nll = Kept.Times(Kept.Plus(Kept.Plus(xLogVar!, Log2Pi), Kept.Square(rows - xMu) * (-xLogVar!).exp()), 0.5).sum(1);
            var kl = Kept.Times(Kept.Plus(logVar!, 1) - Kept.Square(mu) - logVar!.exp(), -0.5).sum(1);
            loss = Kept.Plus(nll, kl).mean();
        }
        loss.backward();
        _opt.step();
        return [[loss.item<float>()]];
    }

    public WeightSet Capture(int member) => WeightSet.Capture(_net);

    public double[] HoldoutScores(int member, WeightSet current) =>
        new ReconstructionScorer(current, _o.Activation, _variational, _eps).Score(_holdout!);

    public TrainingProgress Progress(int member, int epoch, double[] meanLosses, double? holdoutAuc) =>
        new(0, 1, epoch, _o.Epochs, meanLosses[0], double.NaN, double.NaN, holdoutAuc,
            string.Create(CultureInfo.InvariantCulture, $"loss {meanLosses[0]:F4}"));

    public string Who(int member) => _name;

    public void SaveState(BinaryWriter writer)
    {
        EpochCheckpoint.SaveTraining(writer, [_net], [_opt]);
        EpochCheckpoint.SaveRandom(writer); // the VAE's reparameterisation draws
    }

    public void LoadState(BinaryReader reader)
    {
        EpochCheckpoint.LoadTraining(reader, [_net], [_opt]);
        EpochCheckpoint.LoadRandom(reader);
    }

    public void Dispose()
    {
        _opt.Dispose();
        _net.Dispose();
    }
}
