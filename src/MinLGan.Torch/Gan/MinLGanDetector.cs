namespace MinLGan.Torch;

/// <summary>MinLGAN: a GAN whose generator carries the minimum-likelihood regulariser −a·KL(p_data‖p̃_G); score = −D(x).</summary>
public sealed class MinLGanDetector : GanFamilyDetector
{
    /// <summary>The detector's name.</summary>
    public const string DetectorName = "minlgan";

    /// <summary>One line for listings.</summary>
    public const string Summary = "MinLGAN: GAN with the minimum-likelihood regulariser -a KL(p_data||p~_G); score = -D(x)";

    /// <summary>Creates an unfitted detector.</summary>
    public MinLGanDetector(GanOptions options, int seed) : base(options, seed, new MeanOfLogits(), ensemble: false)
    {
    }

    /// <inheritdoc />
    public override string Name => DetectorName;
}
