using System.Globalization;
using MinLGan.Data;
using MinLGan.Metrics;
using static TorchSharp.torch;

namespace MinLGan.Torch.Training;

/// <summary>What training produced for one member: the kept weights and why training ended.</summary>
/// <param name="Weights">The kept network.</param>
/// <param name="KeptEpoch">The epoch whose network was kept (0 = before training).</param>
/// <param name="EpochsRun">Epochs completed.</param>
/// <param name="HoldoutAuc">Holdout AUC of the kept network, when evaluated.</param>
/// <param name="Stop">Why training ended.</param>
internal sealed record MemberOutcome(WeightSet Weights, int KeptEpoch, int EpochsRun, double? HoldoutAuc, TrainingStop Stop);

/// <summary>
/// The epoch loop every neural detector shares: per epoch each member's rows are shuffled by its own seeded stream and
/// cut into full batches (the last partial batch is dropped, as improved-gan does); each step runs in its own dispose
/// scope; a member whose loss becomes NaN or infinite stops and keeps what it had; Ctrl-C ends training after the
/// current step (a partial epoch is never evaluated); after each epoch every live member is scored on the labeled
/// holdout (every <c>evalEvery</c> epochs and at the last) and the best epoch is kept, the paper's termination, or,
/// without a holdout, the last finite network; progress is reported per member and epoch.
/// </summary>
internal static class EpochRunner
{
    /// <summary>Trains <paramref name="run"/> on the rows <paramref name="x"/> [rows, features].</summary>
    /// <param name="run">The networks and their step.</param>
    /// <param name="x">The training rows.</param>
    /// <param name="shuffles">One stream per member for its batch order.</param>
    /// <param name="batchSize">Rows per step (capped at the row count).</param>
    /// <param name="epochs">Epochs.</param>
    /// <param name="evalEvery">Score the holdout every this many epochs (and after the last).</param>
    /// <param name="holdoutLabels">The holdout's labels when it is used for termination, else null (keep the last epoch).</param>
    /// <param name="progress">Called after every epoch of every member.</param>
    /// <param name="ct">Stops training between steps.</param>
    /// <param name="checkpoint">
    /// When given: the training continues from its file when there is one, is saved to it after an epoch whenever it
    /// is due (and when Ctrl-C ends the training, so it can be continued), and the file is removed once the training
    /// completes.
    /// </param>
    public static MemberOutcome[] Run(ITrainingRun run, Tensor x, SeededRandom[] shuffles, int batchSize, int epochs, int evalEvery,
        int[]? holdoutLabels, Action<TrainingProgress>? progress, CancellationToken ct, EpochCheckpoint? checkpoint = null)
    {
        int members = run.Members, n = (int)x.shape[0];
        if (shuffles.Length != members) throw new ArgumentException("one shuffle stream per member", nameof(shuffles));
        var orders = Enumerable.Range(0, members).Select(_ => Enumerable.Range(0, n).ToArray()).ToArray();
        int batch = Math.Min(batchSize, n);
        int steps = n / batch;

        // The untrained network is kept only if training fails before the first evaluation: termination by holdout
        // chooses among trained epochs (a random D can score well by accident on some data, KDD among them).
        var kept = Enumerable.Range(0, members).Select(run.Capture).ToArray();
        var keptEpoch = new int[members];
        var keptAuc = new double?[members];
        var stops = Enumerable.Repeat(TrainingStop.Completed, members).ToArray();
        var alive = Enumerable.Repeat(true, members).ToArray();
        bool cancelled = false;
        int completed = 0;
        if (checkpoint?.TryLoad(run, members, n) is { } saved)
        {
            completed = saved.Epoch;
            for (int m = 0; m < members; m++)
            {
                orders[m] = saved.Orders[m];
                shuffles[m].SetState(saved.Shuffles[m]);
            }
            kept = saved.Kept;
            keptEpoch = saved.KeptEpoch;
            keptAuc = saved.KeptAuc;
            stops = saved.Stops;
            alive = saved.Alive;
        }
        EpochCheckpoint.State Snapshot() =>
            new(completed, orders, shuffles.Select(r => r.GetState()).ToArray(), kept, keptEpoch, keptAuc, stops, alive);
        for (int epoch = completed + 1; epoch <= epochs; epoch++)
        {
            if (ct.IsCancellationRequested) { cancelled = true; break; }
            run.BeginEpoch(epoch);
            for (int m = 0; m < members; m++) shuffles[m].Shuffle(orders[m].AsSpan());
            double[][]? sums = null;
            for (int s = 0; s < steps && alive.Any(a => a); s++)
            {
                if (ct.IsCancellationRequested) break;
                using var stepScope = NewDisposeScope();
                var idx = new long[members * batch];
                for (int m = 0; m < members; m++)
                    for (int k = 0; k < batch; k++) idx[m * batch + k] = orders[m][s * batch + k];
                var losses = run.Step(x.index_select(0, tensor(idx)), batch);
                sums ??= losses.Select(l => new double[l.Length]).ToArray();
                for (int m = 0; m < members; m++)
                {
                    if (alive[m] && !losses[m].All(double.IsFinite))
                    {
                        alive[m] = false;
                        stops[m] = TrainingStop.NonFinite(string.Create(CultureInfo.InvariantCulture,
                            $"{run.Who(m)}: a loss became {(losses[m].Any(double.IsNaN) ? "NaN" : "infinite")} at epoch {epoch}, step {s + 1}; kept epoch {keptEpoch[m]}"));
                    }
                    for (int k = 0; k < losses[m].Length; k++) sums[m][k] += losses[m][k];
                }
                NativeHeap.TrimIfDue();
            }
            if (!alive.Any(a => a)) break;
            if (ct.IsCancellationRequested)
            {
                // A partial epoch is not evaluated (nor saved: its steps moved the state); the last saved state, kept,
                // is where a resumed training continues.
                cancelled = true;
                break;
            }
            completed = epoch;

            bool evaluate = holdoutLabels is not null && (epoch % evalEvery == 0 || epoch == epochs);
            for (int m = 0; m < members; m++)
            {
                if (!alive[m]) continue;
                double? auc = null;
                if (evaluate)
                {
                    var now = run.Capture(m);
                    var scores = run.HoldoutScores(m, now);
                    double a = scores.All(double.IsFinite) ? Auc.Compute(holdoutLabels!, scores) : double.NaN;
                    auc = a;
                    // NaN never wins, and a kept NaN loses to any finite AUC.
                    if (keptAuc[m] is null || (double.IsNaN(keptAuc[m]!.Value) && !double.IsNaN(a)) || a > keptAuc[m])
                    {
                        keptAuc[m] = a;
                        kept[m] = now;
                        keptEpoch[m] = epoch;
                    }
                }
                else if (holdoutLabels is null && run.Capture(m) is var last && last.AllFinite())
                {
                    kept[m] = last;
                    keptEpoch[m] = epoch;
                }
                // An epoch that completed ran at least one step, so its sums exist.
                progress?.Invoke(run.Progress(m, epoch, sums![m].Select(v => v / steps).ToArray(), auc));
            }
            // At most once a second, as between steps: on small data min_steps makes every step an epoch, and a trim
            // per epoch (tens of ms each) cost several times the training itself.
            NativeHeap.TrimIfDue();
            if (checkpoint is { Due: true } && epoch < epochs)
            {
                checkpoint.Save(Snapshot(), run);
                PausePoint.Reach($"epoch-saved-{epoch}"); // the kill test's point inside a training
            }
        }
        if (checkpoint is not null && !cancelled) checkpoint.Delete();
        for (int m = 0; m < members; m++)
            if (cancelled && alive[m]) stops[m] = TrainingStop.Cancelled;
        return Enumerable.Range(0, members).Select(m => new MemberOutcome(kept[m], keptEpoch[m], completed, keptAuc[m], stops[m])).ToArray();
    }

    /// <summary>The holdout's labels when termination uses it (selection=holdout or synthetic, both classes present), else null.</summary>
    public static int[]? HoldoutLabels(Dataset? holdout, SelectionMode selection) =>
        selection != SelectionMode.Last && holdout?.Labels is { } l && l.Contains(0) && l.Contains(1) ? l : null;

    /// <summary>The training rows as one tensor [rows, features].</summary>
    public static Tensor Rows(Dataset train) => tensor(train.Values.ToArray(), [train.Rows, train.Columns]);
}
