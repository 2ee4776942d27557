namespace MinLGan.Data;

/// <summary>
/// One-hot encoding of KDD Cup 99's protocol_type, service and flag, with categories fixed from training rows.
/// A category unseen in training becomes all zeros in its block, and is counted. The feature names
/// (<c>service=http</c>) carry the vocabulary, so a saved model can rebuild the encoding from them.
/// </summary>
public sealed class Kdd99Encoding
{
    private readonly string[][] _vocabulary;

    private Kdd99Encoding(string[][] vocabulary)
    {
        _vocabulary = vocabulary;
        var names = new List<string>();
        int c = 0;
        for (int j = 0; j < Kdd99Reader.ColumnNames.Count; j++)
        {
            if (c < Kdd99Reader.CategoricalColumns.Count && Kdd99Reader.CategoricalColumns[c] == j)
            {
                names.AddRange(vocabulary[c].Select(v => $"{Kdd99Reader.ColumnNames[j]}={v}"));
                c++;
            }
            else
            {
                names.Add(Kdd99Reader.ColumnNames[j]);
            }
        }
        FeatureNames = names;
    }

    /// <summary>Encoded feature names, in order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The categories seen in the given training rows, sorted (ordinal).</summary>
    public static Kdd99Encoding Fit(Kdd99Raw raw, IReadOnlyList<int> trainRows)
    {
        int k = Kdd99Reader.CategoricalColumns.Count;
        var seen = Enumerable.Range(0, k).Select(_ => new HashSet<int>()).ToArray();
        foreach (int r in trainRows)
            for (int c = 0; c < k; c++)
                seen[c].Add(raw.Codes[r * k + c]);
        var vocab = Enumerable.Range(0, k)
            .Select(c => seen[c].Select(code => raw.Categories[c][code]).Order(StringComparer.Ordinal).ToArray())
            .ToArray();
        return new Kdd99Encoding(vocab);
    }

    /// <summary>Rebuilds the encoding from encoded feature names (as saved in a model).</summary>
    public static Kdd99Encoding FromFeatureNames(IReadOnlyList<string> featureNames)
    {
        var vocab = Kdd99Reader.CategoricalColumns
            .Select(j => featureNames.Where(n => n.StartsWith(Kdd99Reader.ColumnNames[j] + "=", StringComparison.Ordinal))
                .Select(n => n[(Kdd99Reader.ColumnNames[j].Length + 1)..]).ToArray())
            .ToArray();
        var encoding = new Kdd99Encoding(vocab);
        if (!encoding.FeatureNames.SequenceEqual(featureNames))
            throw new InvalidInputException("the model's feature names are not a KDD Cup 99 encoding");
        return encoding;
    }

    /// <summary>The note for rows with an unseen category: how many, and up to ten of the values.</summary>
    public static string UnseenNote(string where, int unseen, IReadOnlyCollection<string> values) =>
        $"{where}: {unseen} rows have a category unseen in training ({string.Join(", ", values.Take(10))}{(values.Count > 10 ? ", ..." : "")}); encoded as all zeros";

    /// <summary>Encodes the given rows. <paramref name="unseen"/> counts rows with at least one unseen category.</summary>
    public Dataset Encode(Kdd99Raw raw, IReadOnlyList<int> rows, int[]? labels, out int unseen, out SortedSet<string> unseenValues)
    {
        int k = Kdd99Reader.CategoricalColumns.Count;
        var lookup = _vocabulary.Select(v => v.Select((s, i) => (s, i)).ToDictionary(t => t.s, t => t.i, StringComparer.Ordinal)).ToArray();
        // Map each raw code to its one-hot offset (or -1 when unseen) once per column.
        var codeToSlot = new int[k][];
        for (int c = 0; c < k; c++)
            codeToSlot[c] = raw.Categories[c].Select(s => lookup[c].TryGetValue(s, out int i) ? i : -1).ToArray();

        int width = FeatureNames.Count;
        var values = new float[rows.Count * width];
        unseen = 0;
        unseenValues = new SortedSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < rows.Count; i++)
        {
            int r = rows[i];
            int o = i * width, n = 0, c = 0;
            bool rowUnseen = false;
            for (int j = 0; j < Kdd99Reader.ColumnNames.Count; j++)
            {
                if (c < k && Kdd99Reader.CategoricalColumns[c] == j)
                {
                    int code = raw.Codes[r * k + c];
                    int slot = codeToSlot[c][code];
                    if (slot >= 0) values[o + slot] = 1f;
                    else
                    {
                        rowUnseen = true;
                        unseenValues.Add($"{Kdd99Reader.ColumnNames[j]}={raw.Categories[c][code]}");
                    }
                    o += _vocabulary[c].Length;
                    c++;
                }
                else
                {
                    values[o++] = raw.Numeric[r * raw.NumericColumns + n++];
                }
            }
            if (rowUnseen) unseen++;
        }
        return new Dataset(values, rows.Count, FeatureNames, labels);
    }
}
