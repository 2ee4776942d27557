using static TorchSharp.torch;

namespace MinLGan.Torch.Training;

/// <summary>
/// The MinLGAN training step of Section IV, one iteration per batch in the paper's order:
/// <list type="number">
/// <item>D: maximise E log D(x) + E log(1 − D(G(z))) (<see cref="GanLosses.Discriminator"/>), plus, when the
/// background weight w &gt; 0 (not in the paper), w · E log(1 − D(u)) for u from a broad distribution around the batch;</item>
/// <item>the encoder q(z|x) (only when a &gt; 0): maximise the ELBO of x under p(x|z) = G(z) + n, G fixed;</item>
/// <item>G: feature matching ‖E f(x) − E f(G(z))‖ + a · E_q log p(x|G(z)), which pushes G(z) away from x
/// (the −a·KL(p_data‖p̃_G) regulariser through the variational bound); a = 0 is the plain feature-matching GAN.</item>
/// </list>
/// The same code trains one member (x [batch, features]) or N stacked members (x [members, batch, features]): the losses
/// reduce over the last dimensions and come back per member. The caller owns the dispose scope of the step.
/// </summary>
internal sealed class MinLGanStep : IDisposable
{
    private readonly IGanNetworks _nets;
    private readonly INormalSource _noise;
    private readonly GanOptions _o;
    private readonly optim.Optimizer _optD, _optG;
    private readonly optim.Optimizer? _optE;
    private readonly DiscriminatorAverage? _average;

    /// <summary>Adam for D, G and the encoder (when there is one), lr and β1 from the options.</summary>
    public MinLGanStep(IGanNetworks nets, INormalSource noise, GanOptions o)
    {
        _nets = nets;
        _noise = noise;
        _o = o;
        _optD = new KeptScalarAdam(nets.DiscriminatorParameters, o.LearningRate, o.Beta1);
        _optG = new KeptScalarAdam(nets.GeneratorParameters, o.LearningRate, o.Beta1);
        _optE = nets.HasEncoder ? new KeptScalarAdam(nets.EncoderParameters, o.LearningRate, o.Beta1) : null;
        _average = o.DAverage > 0 && !o.IsConvolutional ? new DiscriminatorAverage(nets.DiscriminatorParameters, o.DAverage) : null;
    }

    /// <summary>
    /// Runs <paramref name="read"/> on the D that is judged and kept: with <c>d_average</c>, D's parameters set to their
    /// average for the duration; else the live D.
    /// </summary>
    public T WithKeptDiscriminator<T>(Func<T> read) => _average is null ? read() : _average.WithAverage(read);

    /// <summary>The networks' weights and buffers, every optimiser's state and D's average (<see cref="EpochCheckpoint"/>).</summary>
    public void SaveState(BinaryWriter writer, IEnumerable<nn.Module> modules)
    {
        EpochCheckpoint.SaveTraining(writer, modules, [_optD, _optG, _optE]);
        _average?.Save(writer);
    }

    /// <summary>Puts back what <see cref="SaveState"/> wrote.</summary>
    public void LoadState(BinaryReader reader, IEnumerable<nn.Module> modules)
    {
        EpochCheckpoint.LoadTraining(reader, modules, [_optD, _optG, _optE]);
        _average?.Load(reader);
    }

    /// <summary>Sets every optimiser's learning rate (the schedule calls this at the start of an epoch).</summary>
    public void SetLearningRate(double lr)
    {
        foreach (var opt in new optim.Optimizer?[] { _optD, _optG, _optE })
            if (opt is not null)
                foreach (var group in opt.ParamGroups) group.LearningRate = lr;
    }

    /// <summary>One step on the rows <paramref name="x"/>; the losses per member (the encoder's is null when a = 0).</summary>
    public (Tensor D, Tensor G, Tensor? E) Run(Tensor x)
    {
        int batch = (int)x.shape[^2];

        // D step.
        _optD.zero_grad();
        Tensor fake;
        using (no_grad()) fake = _nets.Generate(_noise.Normal(_nets.LatentShape(batch)));
        var dLoss = GanLosses.Discriminator(_nets.Logits(x), _nets.Logits(fake));
        if (_o.UsesBackground)
        {
            // "auto" is resolved to a concrete kind per candidate (GanOptions.Candidates); a network handed "auto" directly uses gaussian.
            string kind = _o.BackgroundKind == "auto" ? "gaussian" : _o.BackgroundKind;
            double w = kind == "both" ? _o.Background / 2 : _o.Background;
            if (kind != "marginal") dLoss = Kept.Plus(dLoss, Kept.Times(GanLosses.Rejection(_nets.Logits(Background(x))), w));
            if (kind != "gaussian") dLoss = Kept.Plus(dLoss, Kept.Times(GanLosses.Rejection(_nets.Logits(Marginal(x))), w));
        }
        Backward(dLoss);
        _optD.step();
        _average?.Update();

        // Encoder step: maximise the ELBO of x (G fixed: only the encoder's optimiser steps).
        Tensor? eLoss = null;
        if (_optE is not null)
        {
            _optE.zero_grad();
            var z = Sample(x);
            eLoss = -GanLosses.OverRows(GanLosses.Elbo(x, _nets.Generate(z.Sample), z.Mean, z.LogVar, _o.Noise, _o.NoiseScale, _o.Reduction));
            Backward(eLoss);
            _optE.step();
        }

        // G step: feature matching + a · E_q log p(x | G(z)).
        _optG.zero_grad();
        Tensor realFeatures;
        using (no_grad()) realFeatures = _nets.Features(x);
        var gLoss = GanLosses.FeatureMatching(realFeatures, _nets.Features(_nets.Generate(_noise.Normal(_nets.LatentShape(batch)))));
        if (_optE is not null)
        {
            Tensor zq;
            using (no_grad()) zq = Sample(x).Sample;
            var ll = GanLosses.LogLikelihood(x, _nets.Generate(zq), _o.Noise, _o.NoiseScale, _o.Reduction);
            gLoss = GanLosses.Generator(gLoss, ll, _o.A);
        }
        Backward(gLoss);
        _optG.step();
        return (dLoss, gLoss, eLoss);
    }

    /// <summary>Rows of the background distribution around the batch: mean + scale · std · ε per feature (no gradient).</summary>
    private Tensor Background(Tensor x)
    {
        using var _ = no_grad();
        var mean = x.mean([-2], keepdim: true);
        var std = Kept.ClampMin(x.std([-2], keepdim: true), 1e-3);
        return Kept.Plus(mean, Kept.Times(std, _o.BackgroundScale) * _noise.Normal(x.shape));
    }

    /// <summary>The batch with every column shuffled on its own (independent permutations of the rows per column): the product of the marginals.</summary>
    private Tensor Marginal(Tensor x)
    {
        using var _ = no_grad();
        return x.gather(-2, _noise.Normal(x.shape).argsort(-2));
    }

    /// <summary>z ~ q(z|x) by reparameterisation: mean + σ · ε.</summary>
    private (Tensor Sample, Tensor Mean, Tensor LogVar) Sample(Tensor x)
    {
        var (mean, logVar) = _nets.Encode(x);
        return (Kept.Plus(mean, Kept.Times(logVar, 0.5).exp() * _noise.Normal(mean.shape)), mean, logVar);
    }

    // A stack's members are independent: the sum of their losses gives each member its own gradient.
    private static void Backward(Tensor loss)
    {
        if (loss.dim() == 0) loss.backward();
        else loss.sum().backward();
    }

    public void Dispose()
    {
        _optD.Dispose();
        _optG.Dispose();
        _optE?.Dispose();
    }
}
