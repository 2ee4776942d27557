using MinLGan.Detectors;

namespace MinLGan.Torch;

/// <summary>Registers the TorchSharp detectors (gan, minlgan, eminlgan1, eminlgan2, ae, vae) in a registry.</summary>
public static class TorchDetectors
{
    private const DetectorTraits GanTraits = DetectorTraits.Neural | DetectorTraits.Adversarial | DetectorTraits.GeneratesSamples;

    /// <summary>Adds this library's detectors to <paramref name="registry"/>.</summary>
    public static DetectorRegistry AddTo(DetectorRegistry registry)
    {
        AddGan(registry, GanDetector.DetectorName, GanDetector.Summary, GanOptions.PlainGanSpecs(), GanTraits, o => new GanDetector(o.Options, o.Seed));
        AddGan(registry, MinLGanDetector.DetectorName, MinLGanDetector.Summary, GanOptions.Specs(ensemble: false), GanTraits,
            o => new MinLGanDetector(o.Options, o.Seed));
        AddGan(registry, EMinLGan1Detector.DetectorName, EMinLGan1Detector.Summary, GanOptions.Specs(ensemble: true), GanTraits | DetectorTraits.Ensemble,
            o => new EMinLGan1Detector(o.Options, o.Seed));
        AddGan(registry, EMinLGan2Detector.DetectorName, EMinLGan2Detector.Summary, GanOptions.Specs(ensemble: true), GanTraits | DetectorTraits.Ensemble,
            o => new EMinLGan2Detector(o.Options, o.Seed));
        AddReconstruction(registry, variational: false);
        AddReconstruction(registry, variational: true);
        return registry;
    }

    private static void AddGan(DetectorRegistry registry, string name, string summary, IReadOnlyList<ParameterSpec> specs, DetectorTraits traits,
        Func<(GanOptions Options, int Seed), GanFamilyDetector> create) => registry.Add(new DetectorInfo(
            name, summary, specs,
            (p, seed) => create((GanOptions.FromParameters(p), seed)),
            (d, write) => ((GanFamilyDetector)d).Save(write),
            (p, seed, threshold, open) =>
            {
                var det = create((GanOptions.FromParameters(p), seed));
                det.Load(threshold, open);
                return det;
            },
            traits));

    private static void AddReconstruction(DetectorRegistry registry, bool variational) => registry.Add(new DetectorInfo(
        variational ? "vae" : "ae",
        variational
            ? "VAE baseline: Gaussian p(x|z); score = -(1/L) sum_l log p(x | z_l), z_l ~ q(z|x) (reconstruction probability)"
            : "autoencoder baseline: MLP; score = squared reconstruction error",
        ReconstructionOptions.Specs(variational),
        (p, seed) => new ReconstructionDetector(variational, ReconstructionOptions.FromParameters(p), seed),
        (d, write) => ((ReconstructionDetector)d).Save(write),
        (p, seed, threshold, open) => ReconstructionDetector.Load(variational, ReconstructionOptions.FromParameters(p), seed, threshold, open),
        DetectorTraits.Neural));
}
