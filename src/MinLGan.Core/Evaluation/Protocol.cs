using MinLGan.Data;

namespace MinLGan.Evaluation;

/// <summary>
/// One of the paper's set-ups (Table II), a generic CSV, or a toy set: which rows are normal and which are anomalies.
/// </summary>
public abstract class Protocol
{
    /// <summary>Name used on the command line (shu-a, kdd-a, ...).</summary>
    public abstract string Name { get; }

    /// <summary>One line: normal vs anomalies, and the source.</summary>
    public abstract string Summary { get; }

    /// <summary>Where this protocol's files are (or that they are missing).</summary>
    public abstract IReadOnlyList<ProtocolFile> Locate(DataLocator data);

    /// <summary>Reads the data. Missing files give an <see cref="InvalidInputException"/> naming what is needed.</summary>
    public abstract ProtocolData Load(DataLocator data, InputArguments? input);

    /// <summary>The missing-file message shared by the UCI protocols.</summary>
    protected InvalidInputException Missing(DataLocator data, string what) =>
        new($"protocol {Name} needs {what}; looked in {data.Root ?? "no data folder"} and its subfolders ({data.How}). See README, \"Data\"");
}
