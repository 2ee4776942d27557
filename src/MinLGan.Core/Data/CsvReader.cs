namespace MinLGan.Data;

/// <summary>
/// A generic comma-separated file: one header line, then rows. One column may be the label (any text);
/// every other column must be numeric. Quotes around a whole field are removed; quoted commas are not supported.
/// </summary>
public static class CsvReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <param name="path">The file (plain or .gz).</param>
    /// <param name="labelColumn">Name of the label column; null when there is none. When given, it must exist.</param>
    /// <param name="expectedFeatures">
    /// When given (scoring with a saved model), the feature columns must be exactly these names, in any order;
    /// they are returned in this order. A label column that is absent is then allowed.
    /// </param>
    public static LabeledTable Read(string path, string? labelColumn, IReadOnlyList<string>? expectedFeatures = null)
    {
        var src = TextSource.Open(path);
        string[]? header = null;
        int labelIndex = -1;
        int[] featureIndex = [];
        string[] featureNames = [];
        var values = new List<float>();
        var classes = new List<string>();
        foreach (var (number, text) in src.Lines())
        {
            if (header is null)
            {
                if (string.IsNullOrWhiteSpace(text)) throw new DataFormatException(path, number, null, "empty header line, expected column names");
                header = text.Split(',').Select(Unquote).ToArray();
                var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
                if (duplicate is not null) throw new DataFormatException(path, number, duplicate.Key, "column name appears more than once in the header");
                if (labelColumn is not null)
                {
                    labelIndex = Array.IndexOf(header, labelColumn);
                    if (labelIndex < 0 && expectedFeatures is null)
                        throw new DataFormatException(path, number, labelColumn, $"label column not found; the header has: {string.Join(", ", header)}");
                }
                var featureCols = Enumerable.Range(0, header.Length).Where(i => i != labelIndex).ToArray();
                if (expectedFeatures is null)
                {
                    featureIndex = featureCols;
                    featureNames = featureCols.Select(i => header[i]).ToArray();
                    if (featureIndex.Length == 0) throw new DataFormatException(path, number, null, "no feature columns besides the label");
                }
                else
                {
                    var have = featureCols.Select(i => header[i]).ToArray();
                    if (have.Length != expectedFeatures.Count)
                        throw new DataFormatException(path, number, null,
                            $"expected {expectedFeatures.Count} feature columns ({Names(expectedFeatures)}), found {have.Length}");
                    featureIndex = expectedFeatures.Select(n =>
                    {
                        int i = Array.IndexOf(header, n);
                        return i >= 0 && i != labelIndex ? i : throw new DataFormatException(path, number, n, $"feature column missing; the model expects {Names(expectedFeatures)}");
                    }).ToArray();
                    featureNames = expectedFeatures.ToArray();
                }
                continue;
            }
            if (string.IsNullOrWhiteSpace(text)) continue;
            var fields = text.Split(',');
            if (fields.Length != header.Length)
                throw new DataFormatException(path, number, null, $"expected {header.Length} fields as in the header, found {fields.Length}");
            foreach (int i in featureIndex)
                values.Add(FieldParser.Parse(Unquote(fields[i]), path, number, header[i]));
            if (labelIndex >= 0) classes.Add(Unquote(fields[labelIndex]));
        }
        if (header is null) throw new DataFormatException(path, 0, null, "file is empty, expected a header line and rows");
        int rows = values.Count / featureIndex.Length;
        if (rows == 0) throw new DataFormatException(path, 0, null, "header only, no data rows");
        return new LabeledTable(new Dataset(values.ToArray(), rows, featureNames), labelIndex >= 0 ? classes.ToArray() : null, [path], []);
    }

    private static string Unquote(string s)
    {
        s = s.Trim();
        return s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1] : s;
    }

    private static string Names(IReadOnlyList<string> names) =>
        names.Count <= 8 ? string.Join(", ", names) : string.Join(", ", names.Take(8)) + $", ... ({names.Count} in all)";
}
