using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace MinLGan.Torch;

/// <summary>
/// A module's parameters as managed arrays: what a trained discriminator is between Fit and Score, and what a
/// model file stores. No tensor outlives the call that made it.
/// </summary>
internal sealed class WeightSet
{
    private const int Magic = 0x4D4C4757; // "WGLM"
    private readonly List<(string Name, long[] Shape, float[] Data)> _entries;

    private WeightSet(List<(string, long[], float[])> entries) => _entries = entries;

    /// <summary>Names and shapes of the entries, in order.</summary>
    public IEnumerable<(string Name, long[] Shape)> Layout => _entries.Select(e => (e.Name, e.Shape));

    /// <summary>A weight set with the given layout and values (the batched trainer slices members out of stacks).</summary>
    public static WeightSet FromEntries(IEnumerable<(string Name, long[] Shape, float[] Data)> entries) => new(entries.ToList());

    /// <summary>Input width of the first weight matrix ([out, in] as nn.Linear stores it).</summary>
    public int InputWidth => _entries.First(e => e.Shape.Length == 2).Shape[1] is long w and <= int.MaxValue
        ? (int)w : throw new InvalidInputException("weights: no weight matrix");

    /// <summary>
    /// The (weight [out, in], bias [out]) pairs in parameter order, for a module made only of linear layers and
    /// parameter-free activations and dropouts (the tabular D).
    /// </summary>
    public IEnumerable<(float[] W, float[] B, int In, int Out)> LinearLayers() => LinearLayers("");

    /// <summary>The linear layers whose tensor names start with <paramref name="prefix"/> (one part of a module), in order.</summary>
    public IEnumerable<(float[] W, float[] B, int In, int Out)> LinearLayers(string prefix)
    {
        var entries = _entries.Where(e => e.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (entries.Count == 0 || entries.Count % 2 != 0) throw new InvalidInputException($"weights: expected weight/bias pairs under '{prefix}'");
        for (int i = 0; i < entries.Count; i += 2)
        {
            var (wn, ws, wd) = entries[i];
            var (bn, bs, bd) = entries[i + 1];
            if (!wn.EndsWith("weight", StringComparison.Ordinal) || !bn.EndsWith("bias", StringComparison.Ordinal) || ws.Length != 2 || bs.Length != 1 || bs[0] != ws[0])
                throw new InvalidInputException($"weights: {wn} and {bn} are not a linear layer's weight and bias");
            yield return (wd, bd, (int)ws[1], (int)ws[0]);
        }
    }

    /// <summary>Total number of values.</summary>
    public long Count => _entries.Sum(e => (long)e.Data.Length);

    /// <summary>Copies the module's parameters.</summary>
    public static WeightSet Capture(nn.Module module)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var list = module.named_parameters()
            .Select(p => (p.name, p.parameter.shape.ToArray(), p.parameter.detach().cpu().contiguous().data<float>().ToArray()))
            .ToList();
        return new WeightSet(list);
    }

    /// <summary>Writes the values into a module of the same architecture.</summary>
    public void Apply(nn.Module module)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var parameters = module.named_parameters().ToList();
        if (parameters.Count != _entries.Count)
            throw new InvalidInputException($"weights: {_entries.Count} tensors saved, the network has {parameters.Count}");
        for (int i = 0; i < parameters.Count; i++)
        {
            var (name, p) = parameters[i];
            var (savedName, shape, data) = _entries[i];
            if (name != savedName || !p.shape.SequenceEqual(shape))
                throw new InvalidInputException($"weights: tensor {i} is {savedName} [{string.Join(", ", shape)}], the network expects {name} [{string.Join(", ", p.shape)}]");
            p.copy_(tensor(data, shape));
        }
    }

    /// <summary>True when every value is finite.</summary>
    public bool AllFinite() => _entries.All(e => e.Data.All(float.IsFinite));

    /// <summary>Plain binary: magic, count, then per tensor name, rank, dims, float32 values.</summary>
    public void Write(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(_entries.Count);
        foreach (var (name, shape, data) in _entries)
        {
            w.Write(name);
            w.Write(shape.Length);
            foreach (long s in shape) w.Write(s);
            foreach (float v in data) w.Write(v);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote, checking sizes before allocating.</summary>
    public static WeightSet Read(Stream stream)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (r.ReadInt32() != Magic) throw new InvalidInputException("weights payload: bad magic number");
            int count = r.ReadInt32();
            if (count is < 1 or > 10000) throw new InvalidInputException("weights payload: bad tensor count");
            var list = new List<(string, long[], float[])>();
            for (int i = 0; i < count; i++)
            {
                string name = r.ReadString();
                int rank = r.ReadInt32();
                if (rank is < 1 or > 8) throw new InvalidInputException($"weights payload: tensor {name} has rank {rank}");
                var shape = new long[rank];
                long size = 1;
                for (int k = 0; k < rank; k++)
                {
                    shape[k] = r.ReadInt64();
                    if (shape[k] is < 1 or > 1 << 24) throw new InvalidInputException($"weights payload: tensor {name} has a bad dimension");
                    size *= shape[k];
                }
                if (size * 4 > stream.Length - stream.Position) throw new InvalidInputException("weights payload: truncated");
                var data = new float[size];
                for (long k = 0; k < size; k++) data[k] = r.ReadSingle();
                list.Add((name, shape, data));
            }
            if (stream.Position != stream.Length) throw new InvalidInputException("weights payload: trailing bytes");
            return new WeightSet(list);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidInputException("weights payload: truncated");
        }
    }
}
