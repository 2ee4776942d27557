namespace MinLGan.Torch;

/// <summary>EMinLGAN-1: N MinLGAN discriminators; score = -mean D_i(x).</summary>
public sealed class EMinLGan1Detector : GanFamilyDetector
{
    /// <summary>The detector's name.</summary>
    public const string DetectorName = "eminlgan1";

    /// <summary>One line for listings.</summary>
    public const string Summary = "EMinLGAN-1: N MinLGAN discriminators; score = -mean D_i(x)";

    /// <summary>Creates an unfitted detector.</summary>
    public EMinLGan1Detector(GanOptions options, int seed) : base(options, seed, new MeanOfLogits(), ensemble: true)
    {
    }

    /// <inheritdoc />
    public override string Name => DetectorName;
}
