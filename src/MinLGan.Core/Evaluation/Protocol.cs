using MinLGan.Data;

namespace MinLGan.Evaluation;

/// <summary>A file a protocol reads, and where it was found (null when missing).</summary>
public sealed record ProtocolFile(string Description, string? Path);

/// <summary>Arguments of the protocols that read the user's own data: <c>csv</c> and <c>images</c>.</summary>
/// <param name="Input">The CSV file, or the image folder's root.</param>
/// <param name="LabelColumn">Name of the label column (csv); null for images, whose classes are folder names.</param>
/// <param name="NormalLabels">Label values (csv) or class folder names (images) that are normal; every other one is an anomaly.</param>
/// <param name="Resize">Images only: decode every image at this (width, height); null keeps the files' size, which must be one.</param>
public sealed record InputArguments(string Input, string? LabelColumn, IReadOnlyList<string> NormalLabels, (int Width, int Height)? Resize = null);

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
