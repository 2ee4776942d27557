using MinLGan.Data;

namespace MinLGan.Evaluation;

/// <summary>
/// The rows a model is fitted on when there is no protocol: every normal row of one file (all rows when the input has
/// no labels), read by <see cref="InputReader"/>, the reader <c>minlgan score</c> uses, so a model scores new files
/// exactly the way it was trained. Used by <c>minlgan train --input FILE</c>.
/// </summary>
public static class TrainingRows
{
    /// <summary>The training rows, how many labelled rows were left out, and what was read and done.</summary>
    public sealed record Result(Dataset Train, int LeftOut, IReadOnlyList<string> Notes);

    /// <summary>
    /// Reads <paramref name="path"/> as <paramref name="input"/> says and keeps the rows whose label is one of its
    /// <see cref="InputSpec.NormalLabels"/> (every row when the file has no labels). With <paramref name="maxTrain"/>
    /// above 0, a seeded random subset of at most that many rows (the subsample stream of <paramref name="seed"/>).
    /// </summary>
    public static Result Read(InputSpec input, string path, int maxTrain, int seed, (int Width, int Height)? resize = null, IImageDecoder? imageDecoder = null)
    {
        new SplitOptions { MaxTrain = maxTrain }.Validate();
        var read = InputReader.Read(input, path, null, resize, imageDecoder);
        var notes = read.Notes.ToList();
        var rows = read.Rows;
        int leftOut = 0;
        if (read.Labels is null)
        {
            if (input.NormalLabels.Count > 0)
                throw new InvalidInputException($"{path}: has no labels, so normal labels {string.Join(", ", input.NormalLabels)} cannot be chosen");
            notes.Add($"training on all {rows.Rows} rows of {path} (no labels)");
        }
        else
        {
            if (input.NormalLabels.Count == 0)
                throw new InvalidInputException($"{path}: has labels ({read.LabelName}); say which values are normal");
            var normal = input.NormalLabels.ToHashSet(StringComparer.Ordinal);
            var keep = Enumerable.Range(0, rows.Rows).Where(i => normal.Contains(read.Labels[i])).ToArray();
            if (keep.Length == 0)
                throw new InvalidInputException($"{path}: no row has {read.LabelName} in {{{string.Join(", ", input.NormalLabels)}}}");
            leftOut = rows.Rows - keep.Length;
            rows = rows.Select(keep);
            notes.Add($"training on {keep.Length} normal rows of {path}; {leftOut} rows with another {read.LabelName} left out");
        }
        if (maxTrain > 0 && rows.Rows > maxTrain)
        {
            rows = rows.Select(ProtocolSplitter.Subsample(rows.Rows, maxTrain, seed));
            notes.Add($"using a seeded random {maxTrain} of them (at most {maxTrain} training rows)");
        }
        if (rows.Rows < 2) throw new InvalidInputException($"{path}: {rows.Rows} training row; at least 2 are needed");
        return new Result(rows, leftOut, notes);
    }
}
