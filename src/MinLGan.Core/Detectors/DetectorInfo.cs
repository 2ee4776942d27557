namespace MinLGan.Detectors;

/// <summary>A detector a registry can build and load.</summary>
/// <param name="Name">Name on the command line.</param>
/// <param name="Summary">One line.</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="Create">Builds an unfitted detector from validated parameters and the run seed.</param>
/// <param name="Save">Writes the fitted detector's payloads through <c>(name, write)</c>.</param>
/// <param name="Load">Rebuilds a fitted detector from parameters, seed, threshold and a payload opener.</param>
/// <param name="Traits">What kind of detector it is.</param>
public sealed record DetectorInfo(
    string Name,
    string Summary,
    IReadOnlyList<ParameterSpec> Parameters,
    Func<DetectorParameters, int, IAnomalyDetector> Create,
    Action<IAnomalyDetector, Action<string, Action<Stream>>> Save,
    Func<DetectorParameters, int, double, Func<string, Stream>, IAnomalyDetector> Load,
    DetectorTraits Traits = DetectorTraits.None)
{
    /// <summary>True when the detector has every trait in <paramref name="traits"/>.</summary>
    public bool Has(DetectorTraits traits) => (Traits & traits) == traits;
}
