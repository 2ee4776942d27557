using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MinLGan.Torch.Training;

/// <summary>
/// An exponential moving average of D's weights over the training steps (option <c>d_average</c>, the decay β):
/// after step t each average is β·avg + (1 − β)·w, started at zero and read divided by 1 − βᵗ (the bias correction
/// Adam uses for its moments), so early reads are averages of the steps so far, not of zeros. What the holdout judges
/// and what is kept is D with these weights (<see cref="WithAverage{T}"/>): a GAN's D moves from step to step as G
/// moves, and its holdout AUC with it; the average is D smoothed over about 1 / (1 − β) steps. The live weights train
/// on undisturbed. Works on any D (a solo module or N stacked members: the average is element-wise).
/// </summary>
internal sealed class DiscriminatorAverage
{
    private readonly Parameter[] _live;
    private readonly Tensor[] _sums;
    private readonly double _decay;
    private long _steps;

    /// <summary>Averages of <paramref name="parameters"/> (they must outlive this) with decay <paramref name="decay"/> in (0, 1).</summary>
    public DiscriminatorAverage(IEnumerable<Parameter> parameters, double decay)
    {
        if (decay is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(decay), decay, "the decay is in (0, 1)");
        _decay = decay;
        _live = parameters.ToArray();
        using var _ = no_grad();
        // Made in the caller's (the fit's) dispose scope, as the networks are.
        _sums = _live.Select(p => zeros_like(p)).ToArray();
    }

    /// <summary>Steps averaged so far.</summary>
    public long Steps => _steps;

    /// <summary>Adds the live weights after a step.</summary>
    public void Update()
    {
        using var _ = no_grad();
        using Scalar keep = _decay, add = 1 - _decay;
        for (int i = 0; i < _live.Length; i++) _sums[i].mul_(keep).add_(_live[i], add);
        _steps++;
    }

    /// <summary>
    /// Runs <paramref name="read"/> with D's parameters set to the averages, then puts the live weights back (before
    /// the first step the live weights are read as they are).
    /// </summary>
    public T WithAverage<T>(Func<T> read)
    {
        if (_steps == 0) return read();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var live = _live.Select(p => p.detach().clone()).ToArray();
        double correction = 1 - Math.Pow(_decay, _steps);
        for (int i = 0; i < _live.Length; i++) _live[i].copy_(Kept.Over(_sums[i], correction));
        try { return read(); }
        finally
        {
            for (int i = 0; i < _live.Length; i++) _live[i].copy_(live[i]);
        }
    }

    /// <summary>The step count and every average (a training checkpoint; TorchSharp's tensor format, as module.save writes).</summary>
    public void Save(BinaryWriter w)
    {
        w.Write(_steps);
        foreach (var s in _sums) s.Save(w);
    }

    /// <summary>Puts back what <see cref="Save"/> wrote, into averages of the same shapes (TorchSharp checks type and shape).</summary>
    public void Load(BinaryReader r)
    {
        _steps = r.ReadInt64();
        foreach (var s in _sums) s.Load(r);
    }
}
