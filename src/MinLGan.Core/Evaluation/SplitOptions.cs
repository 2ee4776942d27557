namespace MinLGan.Evaluation;

/// <summary>How a protocol splits rows. Defaults follow the paper: 80% of normal rows train.</summary>
public sealed record SplitOptions
{
    /// <summary>Share of normal rows used for training, in (0, 1). Default 0.8.</summary>
    public double TrainFraction { get; init; } = 0.8;

    /// <summary>
    /// Share of each class of the test pool carved out as the labeled holdout, in [0, 0.5]. Default 0.05.
    /// At least <see cref="MinHoldoutPerClass"/> rows of each class go to the holdout when the fraction is positive.
    /// </summary>
    public double HoldoutFraction { get; init; } = 0.05;

    /// <summary>Minimum holdout rows per class (when the class has more rows than that). Default 5.</summary>
    public int MinHoldoutPerClass { get; init; } = 5;

    /// <summary>
    /// At most this many training rows (0 = all): a seeded random subset of the training rows, for detectors whose fit
    /// grows faster than linearly (OCSVM: LIBSVM's kernel matrix is rows²). The test rows and holdout do not change.
    /// </summary>
    public int MaxTrain { get; init; }

    /// <summary>
    /// At most this many test rows (0 = all): a seeded random subset of the test rows that keeps each class's share (at
    /// least one row of each), for quick runs (<c>minlgan reproduce --budget tiny</c>). The holdout does not change.
    /// </summary>
    public int MaxTest { get; init; }

    /// <summary>
    /// Share of each class of the holdout kept back from selection, in [0, 0.9] (default 0: none). The detector's
    /// termination and a grid select on the rest of the holdout; these rows, never seen by the selection, give the
    /// check AUC (<see cref="SeedResult.CheckAuc"/>): how well the selection carries over, the way to compare selection
    /// rules without the test rows (the holdout AUC of the selected model is biased upwards by the choice itself).
    /// A class with fewer than two holdout rows stays whole on the selection side.
    /// </summary>
    public double CheckFraction { get; init; }

    /// <summary>Throws <see cref="InvalidInputException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (!(TrainFraction > 0 && TrainFraction < 1))
            throw new InvalidInputException($"train fraction {TrainFraction}: expected a number in (0, 1)");
        if (!(HoldoutFraction >= 0 && HoldoutFraction <= 0.5))
            throw new InvalidInputException($"holdout fraction {HoldoutFraction}: expected a number in [0, 0.5]");
        if (MaxTrain is < 0 or 1)
            throw new InvalidInputException($"at most {MaxTrain} training rows: expected 0 (all rows) or at least 2");
        if (MaxTest is < 0 or 1)
            throw new InvalidInputException($"at most {MaxTest} test rows: expected 0 (all rows) or at least 2");
        if (!(CheckFraction >= 0 && CheckFraction <= 0.9))
            throw new InvalidInputException($"check fraction {CheckFraction}: expected a number in [0, 0.9]");
        if (MinHoldoutPerClass < 0)
            throw new InvalidInputException($"minimum holdout per class {MinHoldoutPerClass}: expected a number >= 0");
    }
}
