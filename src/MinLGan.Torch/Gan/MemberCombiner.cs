namespace MinLGan.Torch;

/// <summary>
/// How a GAN-family detector turns its members' D(x) (pre-sigmoid) into one anomaly score. A single network is the
/// one-member case of <see cref="MeanOfLogits"/>: s = −D(x).
/// </summary>
public abstract class MemberCombiner
{
    /// <summary>Learns what the combination needs from each member's logits on the holdout (or the training rows).</summary>
    /// <returns>Messages for degenerate members (handled by a documented fallback).</returns>
    internal abstract IReadOnlyList<string> Fit(IReadOnlyList<double[]> logitsPerMember);

    /// <summary>The anomaly scores from each member's logits on the same rows.</summary>
    internal double[] Combine(IReadOnlyList<double[]> logitsPerMember)
    {
        int rows = logitsPerMember[0].Length;
        var sum = new double[rows];
        for (int i = 0; i < logitsPerMember.Count; i++)
        {
            var logits = logitsPerMember[i];
            var (offset, divisor) = Affine(i);
            for (int r = 0; r < rows; r++) sum[r] += (logits[r] - offset) / divisor;
        }
        for (int r = 0; r < rows; r++) sum[r] = -sum[r] / logitsPerMember.Count;
        return sum;
    }

    /// <summary>Member i's term of the mean is (Dᵢ(x) − offset) / divisor (also how an ONNX export writes it).</summary>
    internal abstract (double Offset, double Divisor) Affine(int member);

    /// <summary>True when <see cref="Fit"/> needs rows (a holdout) to be scored by every member.</summary>
    internal abstract bool NeedsFit { get; }

    /// <summary>Writes the learned state (nothing for a plain mean).</summary>
    internal abstract void Save(Action<string, Action<Stream>> write, int members);

    /// <summary>Reads the learned state.</summary>
    internal abstract void Load(Func<string, Stream> open, int members);
}
