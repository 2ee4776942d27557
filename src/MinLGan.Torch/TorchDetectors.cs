using MinLGan.Detectors;

namespace MinLGan.Torch;

/// <summary>Registers the TorchSharp detectors (gan, minlgan, eminlgan1, eminlgan2, ae, vae) in a registry.</summary>
public static class TorchDetectors
{
    /// <summary>Adds this library's detectors to <paramref name="registry"/>.</summary>
    public static DetectorRegistry AddTo(DetectorRegistry registry)
    {
        Add(registry, "gan", "GAN baseline: feature-matching GAN (a = 0); score = -D(x)", ensemble: false, defaultA: 0);
        Add(registry, "minlgan", "MinLGAN: GAN with the minimum-likelihood regulariser -a KL(p_data||p~_G); score = -D(x)", ensemble: false, defaultA: GanOptions.Defaults.A);
        Add(registry, "eminlgan1", "EMinLGAN-1: N MinLGAN discriminators; score = -mean D_i(x)", ensemble: true, defaultA: GanOptions.Defaults.A);
        Add(registry, "eminlgan2", "EMinLGAN-2: N MinLGAN discriminators scaled by their holdout max/min; score = -mean (D_i - n_i)/(m_i - n_i)", ensemble: true, defaultA: GanOptions.Defaults.A);
        AddReconstruction(registry, variational: false);
        AddReconstruction(registry, variational: true);
        return registry;
    }

    private static void Add(DetectorRegistry registry, string name, string summary, bool ensemble, double defaultA)
    {
        var specs = GanOptions.Specs(ensemble, defaultA);
        if (name == "gan") specs = specs.Select(s => s.Name == "a" ? s with { Max = 0, Description = "must be 0 for the plain GAN" } : s).ToList();
        registry.Add(new DetectorInfo(
            name, summary, specs,
            (p, seed) => new GanDetector(name, GanOptions.FromParameters(p), seed),
            (d, write) => ((GanDetector)d).Save(write),
            (p, seed, threshold, open) => GanDetector.Load(name, GanOptions.FromParameters(p), seed, threshold, open, FeatureCount(open))));
    }

    private static void AddReconstruction(DetectorRegistry registry, bool variational) => registry.Add(new DetectorInfo(
        variational ? "vae" : "ae",
        variational
            ? "VAE baseline: Gaussian p(x|z); score = -(1/L) sum_l log p(x | z_l), z_l ~ q(z|x) (reconstruction probability)"
            : "autoencoder baseline: MLP; score = squared reconstruction error",
        ReconstructionOptions.Specs(variational),
        (p, seed) => new ReconstructionDetector(variational, ReconstructionOptions.FromParameters(p), seed),
        (d, write) => ((ReconstructionDetector)d).Save(write),
        (p, seed, threshold, open) => ReconstructionDetector.Load(variational, ReconstructionOptions.FromParameters(p), seed, threshold, open)));

    // The feature count is the input width of D's first layer, read from the first member's payload (convolutional
    // models replace it with their saved image shape).
    private static int FeatureCount(Func<string, Stream> open)
    {
        using var s = open("member-0.bin");
        var w = WeightSet.Read(s);
        return w.Layout.First().Shape.Length == 2 ? w.InputWidth : 0;
    }
}
