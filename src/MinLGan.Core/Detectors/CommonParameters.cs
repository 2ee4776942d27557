namespace MinLGan.Detectors;

/// <summary>Parameters every detector shares, declared once: default, range and help text.</summary>
public static class CommonParameters
{
    /// <summary>Default contamination: 10% of training rows score above the threshold (scikit-learn's habit).</summary>
    public const double DefaultContamination = 0.1;

    /// <summary>Share of training rows above the threshold, in (0, 0.5].</summary>
    public static readonly ParameterSpec Contamination =
        new("contamination", ParameterKind.Real, "0.1", 0, 0.5, "share of training rows above the threshold", MinExclusive: true);

    /// <summary>The spec named <paramref name="name"/> in <paramref name="specs"/> (a programming error when absent).</summary>
    public static ParameterSpec Named(this IReadOnlyList<ParameterSpec> specs, string name) =>
        specs.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"no parameter named {name}", nameof(name));
}
