using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MinLGan.Data;
using MinLGan.Torch.Training;

namespace MinLGan.Torch;

/// <summary>
/// The finished members of one GAN-family fit, kept in a folder (<see cref="Detectors.ICheckpointsFit"/>): one file per
/// member, <c>member-I-KEY.bin</c>, and for the member in training <c>member-I-KEY.training</c>
/// (<see cref="EpochCheckpoint"/>; ae and vae keep theirs the same way, as member 0). The key is the sha256 of what decides the member (the build, its options, its
/// seed and index, the training and holdout rows and labels). A member trained one after another depends on nothing
/// else (libtorch is seeded with its own seed), so a member read back equals the one training would give, bit for bit.
/// Files are written through a temporary file, fsync and a rename; a cancelled member is not kept.
/// </summary>
internal sealed class MemberCheckpoints
{
    private const int Magic = 0x4D434B50; // "MCKP"
    private const int Version = 1;
    private readonly string _folder;
    private readonly IReadOnlyList<string> _shared;
    private readonly byte[] _dataHash;

    /// <param name="folder">Where members are kept and read back.</param>
    /// <param name="train">The training rows (part of every key).</param>
    /// <param name="holdout">The holdout rows (part of every key).</param>
    /// <param name="shared">Other fits' folders, read (never written) for a member not kept in <paramref name="folder"/>.</param>
    public MemberCheckpoints(string folder, Dataset train, Dataset? holdout, IReadOnlyList<string>? shared = null)
    {
        _folder = folder;
        _shared = shared ?? [];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var d in holdout is null ? [train] : new[] { train, holdout })
        {
            sha.AppendData(BitConverter.GetBytes(d.Rows));
            sha.AppendData(BitConverter.GetBytes(d.Columns));
            sha.AppendData(MemoryMarshal.AsBytes(d.Values));
            if (d.Labels is { } l) sha.AppendData(MemoryMarshal.AsBytes(l.AsSpan()));
        }
        _dataHash = sha.GetHashAndReset();
    }

    /// <summary>
    /// The key of member <paramref name="member"/> trained with <paramref name="o"/> from <paramref name="seed"/>, with
    /// <paramref name="samples"/> generator samples drawn after it (images); the build is this assembly's module id
    /// (deterministic: the same source gives the same id). A member trained in a stack of <paramref name="stack"/> &gt; 1
    /// members (member_training=batched) has a key of its own: it equals its solo training only up to rounding.
    /// </summary>
    public string Key(object o, long seed, int member, int samples, int stack = 1)
    {
        string build = typeof(MemberCheckpoints).Assembly.ManifestModule.ModuleVersionId.ToString();
        string text = $"{build}\n{o.GetType().Name}\n{JsonSerializer.Serialize(o, o.GetType())}\n{seed}\n{member}\n{samples}\n{Convert.ToHexStringLower(_dataHash)}"
            + (stack > 1 ? $"\nstack of {stack}" : "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>One key for several members' keys (a stack's training in progress).</summary>
    public static string Combine(IEnumerable<string> keys) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", keys))));

    private string PathFor(int member, string key) => Path.Combine(_folder, $"member-{member}-{key[..16]}.bin");

    /// <summary>Member <paramref name="member"/>'s training in progress (<see cref="EpochCheckpoint"/>), saved every <paramref name="seconds"/>.</summary>
    public EpochCheckpoint Training(int member, string key, double seconds) =>
        new(Path.Combine(_folder, $"member-{member}-{key[..16]}.training"), key, seconds);

    /// <summary>The members <see cref="Load"/> found in a shared folder, and where.</summary>
    public SortedDictionary<int, string> SharedHits { get; } = [];

    /// <summary>
    /// Member <paramref name="member"/> as kept under <paramref name="key"/> in this folder or, failing that, in a shared
    /// one (recorded in <see cref="SharedHits"/>); null when it is in neither.
    /// </summary>
    public TrainedMember? Load(int member, string key)
    {
        string path = PathFor(member, key);
        if (File.Exists(path)) return Read(path, member, key);
        foreach (string folder in _shared)
        {
            string other = Path.Combine(folder, Path.GetFileName(path));
            if (!File.Exists(other)) continue;
            var found = Read(other, member, key);
            SharedHits[member] = folder;
            return found;
        }
        return null;
    }

    private static TrainedMember Read(string path, int member, string key)
    {
        try
        {
            using var fs = File.OpenRead(path);
            using var r = new BinaryReader(fs, Encoding.UTF8, leaveOpen: true);
            if (r.ReadInt32() != Magic || r.ReadInt32() != Version) throw new InvalidDataException("not a member checkpoint of this version");
            if (r.ReadString() != key) throw new InvalidDataException("its key differs from its name");
            int keptEpoch = r.ReadInt32(), epochsRun = r.ReadInt32();
            double? auc = r.ReadBoolean() ? r.ReadDouble() : null;
            var stop = new TrainingStop((TrainingStopKind)r.ReadInt32(), r.ReadString());
            float[]? samples = null;
            if (r.ReadBoolean())
            {
                int n = r.ReadInt32();
                if (n < 0 || n > (fs.Length - fs.Position) / sizeof(float)) throw new InvalidDataException("bad sample count");
                samples = new float[n];
                for (int i = 0; i < n; i++) samples[i] = r.ReadSingle();
            }
            var weights = WeightSet.Read(fs);
            if (fs.Position != fs.Length) throw new InvalidDataException("bytes after the weights");
            return new TrainedMember(new MemberOutcome(weights, keptEpoch, epochsRun, auc, stop), samples);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidInputException or ArgumentException)
        {
            throw new InvalidInputException($"{path}: not a readable member checkpoint ({e.Message}); delete it to train member {member} again");
        }
    }

    /// <summary>Keeps <paramref name="trained"/> as member <paramref name="member"/> under <paramref name="key"/> (not when it was cancelled).</summary>
    public void Save(int member, string key, TrainedMember trained)
    {
        var m = trained.Outcome;
        if (m.Stop.Kind == TrainingStopKind.Cancelled) return;
        AtomicFile.Write(PathFor(member, key), s =>
        {
            using (var w = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true))
            {
                w.Write(Magic);
                w.Write(Version);
                w.Write(key);
                w.Write(m.KeptEpoch);
                w.Write(m.EpochsRun);
                w.Write(m.HoldoutAuc.HasValue);
                if (m.HoldoutAuc is double a) w.Write(a);
                w.Write((int)m.Stop.Kind);
                w.Write(m.Stop.Message);
                w.Write(trained.GeneratorSamples is not null);
                if (trained.GeneratorSamples is { } g)
                {
                    w.Write(g.Length);
                    foreach (float v in g) w.Write(v);
                }
            }
            m.Weights.Write(s);
        }, overwrite: true);
    }
}
