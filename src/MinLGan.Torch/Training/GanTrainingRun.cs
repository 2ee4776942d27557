using MinLGan.Data;
using static TorchSharp.torch;

namespace MinLGan.Torch.Training;

/// <summary>
/// A GAN-family training run for <see cref="EpochRunner"/>: the networks, their step and how members are named (member m
/// of the run is the ensemble's member <paramref name="memberIds"/>[m] of <paramref name="totalMembers"/>).
/// </summary>
internal sealed class GanTrainingRun(IGanNetworks nets, INormalSource noise, GanOptions o, Dataset? holdout, IReadOnlyList<int> memberIds, int totalMembers)
    : ITrainingRun, IDisposable
{
    private readonly MinLGanStep _step = new(nets, noise, o);

    public int Members => nets.Members;

    public void BeginEpoch(int epoch) => _step.SetLearningRate(o.LearningRate * o.LearningRateFactor(epoch));

    public double[][] Step(Tensor rows, int batch)
    {
        var x = nets.Members == 1 ? rows : rows.view(nets.Members, batch, rows.shape[^1]);
        var (d, g, e) = _step.Run(x);
        var dv = d.data<float>().ToArray();
        var gv = g.data<float>().ToArray();
        var ev = e?.data<float>().ToArray();
        return Enumerable.Range(0, nets.Members).Select(m => new double[] { dv[m], gv[m], ev?[m] ?? 0 }).ToArray();
    }

    public WeightSet Capture(int member) => _step.WithKeptDiscriminator(() => nets.CaptureDiscriminator(member));

    // The average (mlp only) is already in current: the mlp networks score from the captured weights, not the live ones.
    public double[] HoldoutScores(int member, WeightSet current) => Negate(nets.Logits(member, current, holdout!));

    public TrainingProgress Progress(int member, int epoch, double[] meanLosses, double? holdoutAuc) =>
        new(memberIds[member], totalMembers, epoch, o.Epochs, meanLosses[0], meanLosses[1], nets.HasEncoder ? meanLosses[2] : double.NaN, holdoutAuc);

    public string Who(int member) => $"member {memberIds[member]}";

    public void SaveState(BinaryWriter writer)
    {
        _step.SaveState(writer, nets.TrainedModules);
        EpochCheckpoint.SaveRandom(writer); // z, ε, the background and dropout draw from it
        noise.SaveState(writer);
    }

    public void LoadState(BinaryReader reader)
    {
        _step.LoadState(reader, nets.TrainedModules);
        EpochCheckpoint.LoadRandom(reader);
        noise.LoadState(reader);
    }

    public void Dispose() => _step.Dispose();

    private static double[] Negate(double[] logits)
    {
        for (int i = 0; i < logits.Length; i++) logits[i] = -logits[i];
        return logits;
    }
}
