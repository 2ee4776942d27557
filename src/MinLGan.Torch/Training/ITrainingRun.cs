using static TorchSharp.torch;

namespace MinLGan.Torch.Training;

/// <summary>What <see cref="EpochRunner"/> drives: one network, or N stacked members, with their optimisers.</summary>
internal interface ITrainingRun
{
    /// <summary>Members trained together (1 for one network).</summary>
    int Members { get; }

    /// <summary>The start of 1-based epoch <paramref name="epoch"/> (a learning-rate schedule acts here).</summary>
    void BeginEpoch(int epoch);

    /// <summary>
    /// One step on the gathered rows (member m's batch is rows [m·batch, (m+1)·batch)); returns the step's losses per
    /// member, [member][loss], as managed values.
    /// </summary>
    double[][] Step(Tensor rows, int batch);

    /// <summary>Member m's current weights (what is kept).</summary>
    WeightSet Capture(int member);

    /// <summary>Member m's anomaly scores on the holdout (higher = more anomalous), from its current weights.</summary>
    double[] HoldoutScores(int member, WeightSet current);

    /// <summary>The epoch's progress report for member m from its mean losses.</summary>
    TrainingProgress Progress(int member, int epoch, double[] meanLosses, double? holdoutAuc);

    /// <summary>How messages name member m ("member 2", "vae").</summary>
    string Who(int member);

    /// <summary>
    /// Writes everything the next steps depend on besides what <see cref="EpochRunner"/> holds: the networks' weights and
    /// buffers, the optimisers' state and the random state the steps draw from (<see cref="EpochCheckpoint"/>).
    /// </summary>
    void SaveState(BinaryWriter writer);

    /// <summary>Puts back what <see cref="SaveState"/> wrote into this run (built the same way).</summary>
    void LoadState(BinaryReader reader);
}
