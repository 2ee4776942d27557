namespace MinLGan.Detectors;

/// <summary>
/// A detector whose fit can be kept as it goes and continued: the GAN family, ae and vae. With
/// <see cref="CheckpointFolder"/> set, Fit keeps there (atomically) each finished ensemble member and, every
/// <see cref="CheckpointSeconds"/>, the training in progress (weights, optimiser state, random state, batch order,
/// the epochs kept so far); before training a part it reads back what a fit with the same data, options, seed and
/// build left there, so a fit killed part-way continues where it was last saved and ends with the same model, bit
/// for bit (on the CPU). Batched ensemble members (member_training=batched) are kept when their stack finishes.
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

/// <summary>
/// A checkpointing fit that can also read finished members from other fits' checkpoint folders: a member is read there
/// only under the same key as its own (build, options, seed, member index, training and holdout rows), so it is the
/// member this fit would train, bit for bit. <c>minlgan reproduce</c> uses it for EMinLGAN-1 and EMinLGAN-2, which
/// train the same members and differ only in how their logits are combined: one training serves both.
/// </summary>
public interface ISharedCheckpointsFit : ICheckpointsFit
{
    /// <summary>Folders read for finished members (never written); empty by default.</summary>
    IReadOnlyList<string> SharedFolders { get; set; }

    /// <summary>After Fit: the members read from <see cref="SharedFolders"/> (for example "members 0, 1 from DIR"); null when none.</summary>
    string? SharedRead { get; }
}
