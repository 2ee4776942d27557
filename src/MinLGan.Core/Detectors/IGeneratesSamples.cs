using MinLGan.Data;

namespace MinLGan.Detectors;

/// <summary>A generative detector that can show what its generator learned (Figure 1, the generator sheets).</summary>
public interface IGeneratesSamples
{
    /// <summary>When positive, Fit also draws this many generator samples after training (scores do not change).</summary>
    int GeneratorSampleCount { get; set; }

    /// <summary>The samples drawn by the last Fit, in the training features' space; null when none were asked for.</summary>
    Dataset? GeneratorSamples { get; }
}
