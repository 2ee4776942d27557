namespace MinLGan.Detectors;

/// <summary>
/// A detector whose fit can be kept as it goes and continued: the GAN family, ae and vae. With
/// <see cref="CheckpointFolder"/> set, Fit keeps there (atomically) each finished ensemble member and, every
/// <see cref="CheckpointSeconds"/>, the training in progress (weights, optimiser state, random state, batch order,
/// the epochs kept so far); before training a part it reads back what a fit with the same data, options, seed and
/// build left there, so a fit killed part-way continues where it was last saved and ends with the same model, bit
/// for bit (on the CPU). Batched ensemble members (member_training=batched) are not kept.
/// </summary>
public interface ICheckpointsFit
{
    /// <summary>Where the parts are kept; null (the default) keeps nothing.</summary>
    string? CheckpointFolder { get; set; }

    /// <summary>Seconds between saves of a training in progress (0: after every epoch). Default 60.</summary>
    double CheckpointSeconds { get; set; }

    /// <summary>After Fit: what was read back instead of trained (for example "members 0, 1; member 2 from epoch 7"); null when nothing.</summary>
    string? Resumed { get; }
}
