namespace MinLGan.Torch;

/// <summary>
/// EMinLGAN-2: s = −(1/N) Σ (Dᵢ(x) − nᵢ)/(mᵢ − nᵢ), mᵢ and nᵢ the max and min of Dᵢ over the holdout, so members whose
/// logits live on different scales weigh alike.
/// </summary>
public sealed class ScaledMeanOfLogits : MemberCombiner
{
    private double[] _low = [];
    private double[] _high = [];

    /// <summary>(Dᵢ − nᵢ)/(mᵢ − nᵢ) with the m = n guard: the denominator is 1 when mᵢ ≤ nᵢ.</summary>
    public static double Scaled(double logit, double low, double high) => (logit - low) / Divisor(low, high);

    private static double Divisor(double low, double high) => high > low ? high - low : 1.0;

    internal override bool NeedsFit => true;

    internal override IReadOnlyList<string> Fit(IReadOnlyList<double[]> logitsPerMember)
    {
        var messages = new List<string>();
        _low = logitsPerMember.Select(l => l.Min()).ToArray();
        _high = logitsPerMember.Select(l => l.Max()).ToArray();
        for (int i = 0; i < _low.Length; i++)
            if (!(_high[i] > _low[i])) messages.Add($"member {i} is constant on the scaling rows (m = n); its scale is taken as 1");
        return messages;
    }

    internal override (double Offset, double Divisor) Affine(int member) => (_low[member], Divisor(_low[member], _high[member]));

    internal override void Save(Action<string, Action<Stream>> write, int members) => write("scaling.bin", s =>
    {
        using var bw = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
        bw.Write(members);
        for (int i = 0; i < members; i++) { bw.Write(_low[i]); bw.Write(_high[i]); }
    });

    internal override void Load(Func<string, Stream> open, int members)
    {
        using var s = open("scaling.bin");
        using var r = new BinaryReader(s);
        try
        {
            if (r.ReadInt32() != members) throw new InvalidInputException("scaling payload: member count differs");
            _low = new double[members];
            _high = new double[members];
            for (int i = 0; i < members; i++) { _low[i] = r.ReadDouble(); _high[i] = r.ReadDouble(); }
        }
        catch (EndOfStreamException)
        {
            throw new InvalidInputException("scaling payload: truncated");
        }
    }
}
