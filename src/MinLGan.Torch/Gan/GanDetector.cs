namespace MinLGan.Torch;

/// <summary>GAN baseline: feature-matching GAN (a = 0); score = -D(x).</summary>
public sealed class GanDetector : GanFamilyDetector
{
    /// <summary>The detector's name.</summary>
    public const string DetectorName = "gan";

    /// <summary>One line for listings.</summary>
    public const string Summary = "GAN baseline: feature-matching GAN (a = 0); score = -D(x)";

    /// <summary>Creates an unfitted detector.</summary>
    public GanDetector(GanOptions options, int seed) : base(options, seed, new MeanOfLogits(), ensemble: false)
    {
        if (options.A != 0 || options.ALadder.Count > 0) throw new InvalidInputException($"gan: a must be 0 (got a={options.A}); use the minlgan detector for a > 0");
    }

    /// <inheritdoc />
    public override string Name => DetectorName;
}
