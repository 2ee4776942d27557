namespace MinLGan.Data;

/// <summary>
/// One raw input format, the one place that says how its files are read: its name (saved in model files), the name of
/// its label, and the reader. <see cref="InputFormats"/> lists them; protocols make their <see cref="InputSpec"/>s
/// from them and <c>minlgan score</c> reads through them, so a format is coded once.
/// </summary>
public abstract class InputFormat
{
    /// <summary>The name saved in model files: csv, shuttle, covertype, kddcup99, cifar10 or images.</summary>
    public abstract string Name { get; }

    /// <summary>The label's name in this format (csv: null, the column is named per file).</summary>
    public abstract string? LabelName { get; }

    /// <summary>True when rows are images (a folder may be read, and resized).</summary>
    public virtual bool IsImage => false;

    /// <summary>How a model trained on this format reads input: the label (column) and which values are normal.</summary>
    public InputSpec Spec(IReadOnlyList<string> normalLabels, string? labelColumn = null) =>
        new(Name, labelColumn ?? LabelName, normalLabels);

    /// <summary>
    /// Reads <paramref name="path"/>. With <paramref name="featureNames"/> the rows have exactly those features in
    /// that order (an error names the file when they differ); null keeps the file's own (every format but kddcup99,
    /// whose one-hot columns come from a model). Image formats read a folder decoded by <paramref name="imageDecoder"/>
    /// at <paramref name="resize"/> when given.
    /// </summary>
    public abstract InputRows Read(string path, string? labelColumn, IReadOnlyList<string>? featureNames,
        (int Width, int Height)? resize, IImageDecoder? imageDecoder);

    /// <summary>
    /// Reads <paramref name="path"/> as consecutive batches of at most <paramref name="batchRows"/> rows, so memory does
    /// not grow with the input (<c>minlgan score</c>); arguments as in <see cref="Read"/>. Every batch has the same
    /// features and label name, and notes come with the first. This default reads the file whole and yields it as one
    /// batch; formats that stream (csv, image folders) override it.
    /// </summary>
    public virtual IEnumerable<InputRows> ReadBatches(string path, string? labelColumn, IReadOnlyList<string>? featureNames,
        (int Width, int Height)? resize, IImageDecoder? imageDecoder, int batchRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchRows, 1);
        return [Read(path, labelColumn, featureNames, resize, imageDecoder)];
    }

    /// <summary>Throws when <paramref name="want"/> is given and differs from the file's features.</summary>
    protected static void CheckFeatures(string path, IReadOnlyList<string> have, IReadOnlyList<string>? want)
    {
        if (want is null) return;
        if (have.Count != want.Count)
            throw new InvalidInputException($"{path}: the file has {have.Count} features, the model expects {want.Count}");
        if (!have.SequenceEqual(want))
            throw new InvalidInputException($"{path}: the file's features differ from the model's");
    }
}
