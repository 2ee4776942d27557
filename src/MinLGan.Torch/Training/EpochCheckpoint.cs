using System.Runtime.InteropServices;
using System.Text;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MinLGan.Torch.Training;

/// <summary>
/// A training in progress, kept in one file so that <see cref="EpochRunner"/> can continue it after a kill: after an epoch,
/// when <see cref="Seconds"/> have passed since the last save, everything the next epochs depend on is written (through
/// a temporary file, fsync and a rename): the epoch, each member's batch order and its random stream, the kept
/// discriminators with their epochs and holdout AUCs, and the run's own state (<see cref="ITrainingRun.SaveState"/>:
/// weights and buffers of every network, the optimisers' moments and step counts, libtorch's random state). A run
/// continued from it takes exactly the steps the uninterrupted run would have taken, so it ends with the same model,
/// bit for bit (on the CPU, with the same build and thread count). The file is removed when the training completes.
/// </summary>
internal sealed class EpochCheckpoint(string path, string key, double seconds)
{
    private const int Magic = 0x4550434B; // "KCPE"
    private const int Version = 1;
    private readonly System.Diagnostics.Stopwatch _sinceSave = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>Seconds between saves (0: after every epoch).</summary>
    public double Seconds { get; } = seconds;

    /// <summary>After a run: the epoch it continued from (null when it started from the beginning).</summary>
    public int? ResumedFrom { get; private set; }

    /// <summary>The state after a completed epoch, as <see cref="EpochRunner"/> holds it.</summary>
    public sealed record State(int Epoch, int[][] Orders, ulong[][] Shuffles, WeightSet[] Kept, int[] KeptEpoch, double?[] KeptAuc,
        TrainingStop[] Stops, bool[] Alive);

    /// <summary>True when a save is due after this epoch.</summary>
    public bool Due => _sinceSave.Elapsed.TotalSeconds >= Seconds;

    /// <summary>Writes <paramref name="state"/> and <paramref name="run"/>'s state.</summary>
    public void Save(State state, ITrainingRun run)
    {
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        AtomicFile.Write(Path, s =>
        {
            using var w = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(Version);
            w.Write(key);
            w.Write(state.Epoch);
            w.Write(state.Orders.Length);
            for (int m = 0; m < state.Orders.Length; m++)
            {
                w.Write(state.Orders[m].Length);
                foreach (int i in state.Orders[m]) w.Write(i);
                foreach (ulong v in state.Shuffles[m]) w.Write(v);
                var weights = new MemoryStream();
                state.Kept[m].Write(weights); // length-prefixed: a weight set is read to its stream's end
                w.Write((int)weights.Length);
                w.Write(weights.GetBuffer(), 0, (int)weights.Length);
                w.Write(state.KeptEpoch[m]);
                w.Write(state.KeptAuc[m].HasValue);
                if (state.KeptAuc[m] is double a) w.Write(a);
                w.Write((int)state.Stops[m].Kind);
                w.Write(state.Stops[m].Message);
                w.Write(state.Alive[m]);
            }
            run.SaveState(w);
            w.Write(Magic); // the end: a file cut short cannot pass for whole
        }, overwrite: true);
        _sinceSave.Restart();
    }

    /// <summary>
    /// The saved state, with <paramref name="run"/>'s put back, when the file is there; null otherwise. A file that
    /// does not read, or was made for other members or rows, is an <see cref="InvalidInputException"/> naming it.
    /// </summary>
    public State? TryLoad(ITrainingRun run, int members, int rows)
    {
        if (!File.Exists(Path)) return null;
        try
        {
            using var fs = File.OpenRead(Path);
            using var r = new BinaryReader(fs, Encoding.UTF8, leaveOpen: true);
            if (r.ReadInt32() != Magic || r.ReadInt32() != Version) throw new InvalidDataException("not a training checkpoint of this version");
            if (r.ReadString() != key) throw new InvalidDataException("made for another training (its key differs)");
            int epoch = r.ReadInt32();
            if (r.ReadInt32() != members) throw new InvalidDataException($"not {members} members");
            var orders = new int[members][];
            var shuffles = new ulong[members][];
            var kept = new WeightSet[members];
            var keptEpoch = new int[members];
            var keptAuc = new double?[members];
            var stops = new TrainingStop[members];
            var alive = new bool[members];
            for (int m = 0; m < members; m++)
            {
                if (r.ReadInt32() != rows) throw new InvalidDataException($"not {rows} rows");
                orders[m] = new int[rows];
                for (int i = 0; i < rows; i++) orders[m][i] = r.ReadInt32();
                shuffles[m] = [r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64()];
                int length = r.ReadInt32();
                if (length < 0 || length > fs.Length - fs.Position) throw new InvalidDataException("bad weights length");
                kept[m] = WeightSet.Read(new MemoryStream(r.ReadBytes(length)));
                keptEpoch[m] = r.ReadInt32();
                keptAuc[m] = r.ReadBoolean() ? r.ReadDouble() : null;
                stops[m] = new TrainingStop((TrainingStopKind)r.ReadInt32(), r.ReadString());
                alive[m] = r.ReadBoolean();
            }
            run.LoadState(r);
            if (r.ReadInt32() != Magic || fs.Position != fs.Length) throw new InvalidDataException("it does not end where it should");
            ResumedFrom = epoch;
            return new State(epoch, orders, shuffles, kept, keptEpoch, keptAuc, stops, alive);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidInputException or ArgumentException or ExternalException)
        {
            throw new InvalidInputException($"{Path}: not a readable training checkpoint ({e.Message}); delete it to train from the first epoch");
        }
    }

    /// <summary>Removes the file (the training completed).</summary>
    public void Delete()
    {
        if (File.Exists(Path)) File.Delete(Path);
    }

    /// <summary>libtorch's default random state.</summary>
    public static void SaveRandom(BinaryWriter w)
    {
        using var state = random.get_rng_state();
        var bytes = state.data<byte>().ToArray();
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    /// <summary>Puts back what <see cref="SaveRandom"/> wrote.</summary>
    public static void LoadRandom(BinaryReader r)
    {
        var bytes = r.ReadBytes(r.ReadInt32());
        using var state = tensor(bytes, dtype: ScalarType.Byte);
        random.set_rng_state(state);
    }

    /// <summary>Every parameter and buffer of <paramref name="modules"/>, and each optimiser's state (moments, step counts, options).</summary>
    public static void SaveTraining(BinaryWriter w, IEnumerable<nn.Module?> modules, IEnumerable<optim.Optimizer?> optimizers)
    {
        foreach (var m in modules) m?.save(w);
        foreach (var o in optimizers)
            if (o is not null) Helper(o).save_state_dict(w);
    }

    /// <summary>Puts back what <see cref="SaveTraining"/> wrote, into the same (freshly built) modules and optimisers.</summary>
    public static void LoadTraining(BinaryReader r, IEnumerable<nn.Module?> modules, IEnumerable<optim.Optimizer?> optimizers)
    {
        foreach (var m in modules) m?.load(r);
        foreach (var o in optimizers)
            if (o is not null) Helper(o).load_state_dict(r);
    }

    private static OptimizerHelper Helper(optim.Optimizer o) =>
        o as OptimizerHelper ?? throw new InvalidOperationException($"{o.GetType().Name}: its state cannot be saved");
}
