using MinLGan.Data;

namespace MinLGan.Evaluation;

/// <summary>A protocol's data, read once; <see cref="Split"/> makes one seed's train/holdout/test.</summary>
public abstract class ProtocolData
{
    /// <summary>Creates protocol data.</summary>
    protected ProtocolData(string protocol, InputSpec input, IReadOnlyList<string> notes)
    {
        Protocol = protocol;
        Input = input;
        Notes = notes;
    }

    /// <summary>Protocol name.</summary>
    public string Protocol { get; }

    /// <summary>How raw files of this protocol are read (saved with models).</summary>
    public InputSpec Input { get; }

    /// <summary>What the reader reported (variants, checksum mismatches).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The split for one seed.</summary>
    public abstract ProtocolSplit Split(int seed, SplitOptions options);
}
