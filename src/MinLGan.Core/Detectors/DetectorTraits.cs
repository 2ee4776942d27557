namespace MinLGan.Detectors;

/// <summary>What kind of detector a registry entry is: presets and reports read these instead of names.</summary>
[Flags]
public enum DetectorTraits
{
    /// <summary>A classic detector (no neural network).</summary>
    None = 0,
    /// <summary>Trains a neural network with epochs and batches.</summary>
    Neural = 1,
    /// <summary>A GAN-family detector (D scores, G generates).</summary>
    Adversarial = 2,
    /// <summary>Trains several members and combines them.</summary>
    Ensemble = 4,
    /// <summary>Can draw samples from its generator (<see cref="IGeneratesSamples"/>).</summary>
    GeneratesSamples = 8,
}
