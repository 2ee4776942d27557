namespace MinLGan.Torch;

/// <summary>s = −(1/N) Σ Dᵢ(x): the plain GAN and MinLGAN (N = 1) and EMinLGAN-1.</summary>
public sealed class MeanOfLogits : MemberCombiner
{
    internal override bool NeedsFit => false;

    internal override IReadOnlyList<string> Fit(IReadOnlyList<double[]> logitsPerMember) => [];

    internal override (double Offset, double Divisor) Affine(int member) => (0, 1);

    internal override void Save(Action<string, Action<Stream>> write, int members) { }

    internal override void Load(Func<string, Stream> open, int members) { }
}
