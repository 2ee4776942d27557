namespace MinLGan.Torch;

/// <summary>EMinLGAN-2: N MinLGAN discriminators scaled by their holdout max/min; score = -mean (D_i - n_i)/(m_i - n_i).</summary>
public sealed class EMinLGan2Detector : GanFamilyDetector
{
    /// <summary>The detector's name.</summary>
    public const string DetectorName = "eminlgan2";

    /// <summary>One line for listings.</summary>
    public const string Summary = "EMinLGAN-2: N MinLGAN discriminators scaled by their holdout max/min; score = -mean (D_i - n_i)/(m_i - n_i)";

    /// <summary>Creates an unfitted detector.</summary>
    public EMinLGan2Detector(GanOptions options, int seed) : base(options, seed, new ScaledMeanOfLogits(), ensemble: true)
    {
    }

    /// <inheritdoc />
    public override string Name => DetectorName;
}
