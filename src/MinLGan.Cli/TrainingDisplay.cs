using System.Globalization;
using MinLGan.Detectors;
using MinLGan.Torch;
using Spectre.Console;

namespace MinLGan.Cli;

/// <summary>
/// Shows neural training (GANs, autoencoders) as it goes: a Spectre.Console progress bar (epoch, D/G/encoder losses, holdout AUC) on a
/// terminal, plain lines on stderr otherwise (pipes, files, tests).
/// </summary>
internal sealed class TrainingDisplay(ConsoleIo io)
{
    private ProgressTask? _task;

    /// <summary>Runs <paramref name="body"/> inside a live progress display when stderr is a terminal.</summary>
    public T Run<T>(Func<T> body)
    {
        if (!io.Interactive) return body();
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                _task = ctx.AddTask("training", maxValue: 1);
                result = body();
                _task.Value = _task.MaxValue;
            });
        _task = null;
        return result;
    }

    /// <summary>Hooks a detector's progress callback, when it has one.</summary>
    public void Attach(IAnomalyDetector detector, int seed)
    {
        if (detector is not IReportsTraining reporter) return;
        reporter.Progress = p =>
        {
            Report(seed, p);
            PausePoint.Reach($"training-{seed}"); // the kill test's point inside a seed's training (after an epoch)
        };
    }

    private void Report(int seed, TrainingProgress p)
    {
        string losses = p.Losses ?? string.Create(CultureInfo.InvariantCulture,
            $"D {p.DLoss:F4}  G {p.GLoss:F4}  E {(double.IsNaN(p.ELoss) ? "-" : p.ELoss.ToString("F4", CultureInfo.InvariantCulture))}");
        string text = string.Create(CultureInfo.InvariantCulture,
            $"seed {seed} member {p.Member + 1}/{p.Members} epoch {p.Epoch}/{p.Epochs}  {losses}  holdout {(p.HoldoutAuc is double a ? a.ToString("F4", CultureInfo.InvariantCulture) : "-")}");
        if (_task is null)
        {
            io.Err.WriteLine(text);
            return;
        }
        _task.Description = Markup.Escape(text);
        _task.MaxValue = (double)p.Members * p.Epochs;
        _task.Value = (double)p.Member * p.Epochs + p.Epoch;
    }
}
