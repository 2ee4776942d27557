using MinLGan.Data;
using static TorchSharp.torch;

namespace MinLGan.Torch.Training;

/// <summary>What training one discriminator produced.</summary>
/// <param name="Outcome">The kept D, its epoch and holdout AUC, and why training ended.</param>
/// <param name="GeneratorSamples">G(z) for fresh z after the last epoch, [count * features], when asked for.</param>
internal sealed record TrainedMember(MemberOutcome Outcome, float[]? GeneratorSamples = null);

/// <summary>
/// Trains GAN-family discriminators with <see cref="MinLGanStep"/> under <see cref="EpochRunner"/>: one member at a time
/// (<see cref="TrainOne"/>) or N tabular members stacked into one network (<see cref="TrainStacked"/>). Each holds
/// <see cref="TorchRandomLock"/> from seeding to the end; every tensor lives in the training's dispose scope.
/// </summary>
internal static class GanTrainer
{
    /// <summary>
    /// One member: libtorch seeded with <paramref name="seed"/> builds D, G and the encoder and draws z and ε; the batch
    /// order comes from <see cref="SeedStreams.BatchOrder"/> of the seed.
    /// </summary>
    public static TrainedMember TrainOne(Dataset train, Dataset? holdout, GanOptions o, long seed, int member, int members,
        Action<TrainingProgress>? progress, CancellationToken ct, int generatorSamples = 0, EpochCheckpoint? checkpoint = null)
    {
        int evalInterval = o.EvalIntervalFor(train.Rows);
        o = o with { Epochs = o.EpochsFor(train.Rows) };
        lock (TorchRandomLock.Gate)
        {
            using var fitScope = NewDisposeScope();
            if (o.Threads > 0) set_num_threads(o.Threads);
            random.manual_seed(seed);
            using var nets = new SoloGanNetworks(train.Columns, train.ImageShape, o);
            using var run = new GanTrainingRun(nets, new DefaultNormalSource(), o, holdout, [member], members);
            var outcome = EpochRunner.Run(run, EpochRunner.Rows(train), [SeedStreams.BatchOrder(seed)], o.BatchSize, o.Epochs, evalInterval,
                EpochRunner.HoldoutLabels(holdout, o.Selection), progress, ct, checkpoint)[0];
            float[]? samples = null;
            if (generatorSamples > 0)
            {
                using var sampleScope = NewDisposeScope();
                using var _ = no_grad();
                samples = nets.Generate(randn(generatorSamples, o.Latent)).data<float>().ToArray();
            }
            return new TrainedMember(outcome, samples);
        }
    }

    /// <summary>
    /// N tabular members as one stacked network; member i starts and draws as <see cref="TrainOne"/> would with seeds[i],
    /// and reports as the ensemble's member memberIds[i] of <paramref name="members"/> (default: i of N).
    /// </summary>
    public static TrainedMember[] TrainStacked(Dataset train, Dataset? holdout, GanOptions o, long[] seeds,
        Action<TrainingProgress>? progress, CancellationToken ct, EpochCheckpoint? checkpoint = null, int[]? memberIds = null, int members = 0)
    {
        int evalInterval = o.EvalIntervalFor(train.Rows);
        o = o with { Epochs = o.EpochsFor(train.Rows) };
        lock (TorchRandomLock.Gate)
        {
            using var fitScope = NewDisposeScope();
            if (o.Threads > 0) set_num_threads(o.Threads);
            var (nets, noise) = StackedGanNetworks.Build(train.Columns, o, seeds);
            using (nets)
            using (noise)
            using (var run = new GanTrainingRun(nets, noise, o, holdout, memberIds ?? [.. Enumerable.Range(0, seeds.Length)], members > 0 ? members : seeds.Length))
            {
                return EpochRunner.Run(run, EpochRunner.Rows(train), seeds.Select(SeedStreams.BatchOrder).ToArray(), o.BatchSize, o.Epochs, evalInterval,
                    EpochRunner.HoldoutLabels(holdout, o.Selection), progress, ct, checkpoint).Select(m => new TrainedMember(m)).ToArray();
            }
        }
    }
}
