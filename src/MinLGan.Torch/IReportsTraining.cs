namespace MinLGan.Torch;

/// <summary>A detector that reports each training epoch (the CLI shows it as progress).</summary>
public interface IReportsTraining
{
    /// <summary>Called after every epoch (of every member).</summary>
    Action<TrainingProgress>? Progress { get; set; }
}
