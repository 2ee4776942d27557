namespace MinLGan.Torch.Training;

/// <summary>Why a member's training ended.</summary>
/// <param name="Kind">Completed, cancelled or non-finite.</param>
/// <param name="Message">For a non-finite loss, where it happened.</param>
internal sealed record TrainingStop(TrainingStopKind Kind, string Message)
{
    /// <summary>Every epoch ran.</summary>
    public static readonly TrainingStop Completed = new(TrainingStopKind.Completed, "completed");

    /// <summary>Ctrl-C (or the caller's token) ended training.</summary>
    public static readonly TrainingStop Cancelled = new(TrainingStopKind.Cancelled, "cancelled");

    /// <summary>A loss became NaN or infinite.</summary>
    public static TrainingStop NonFinite(string message) => new(TrainingStopKind.NonFinite, message);
}

/// <summary>The kinds of <see cref="TrainingStop"/>.</summary>
internal enum TrainingStopKind
{
    /// <summary>Every epoch ran.</summary>
    Completed,
    /// <summary>Cancelled.</summary>
    Cancelled,
    /// <summary>A loss became NaN or infinite.</summary>
    NonFinite,
}
