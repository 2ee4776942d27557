namespace MinLGan.Data;

/// <summary>
/// A generic comma-separated file: one header line, then rows. One column may be the label (any text);
/// every other column must be numeric. Fields follow RFC 4180 within a line: a field may be quoted, a quoted field may
/// hold commas and doubled quotes (""), and spaces around a field are dropped; a quoted field may not span lines. A
/// UTF-8 byte order mark before the header is dropped.
/// </summary>
public static class CsvReader
{
    /// <summary>Reads <paramref name="path"/> whole.</summary>
    /// <param name="path">The file (plain or .gz).</param>
    /// <param name="labelColumn">Name of the label column; null when there is none. When given, it must exist.</param>
    /// <param name="expectedFeatures">
    /// When given (scoring with a saved model), the feature columns must be exactly these names, in any order;
    /// they are returned in this order. A label column that is absent is then allowed.
    /// </param>
    public static LabeledTable Read(string path, string? labelColumn, IReadOnlyList<string>? expectedFeatures = null) =>
        ReadBatches(path, labelColumn, expectedFeatures, int.MaxValue).Single();

    /// <summary>
    /// Reads <paramref name="path"/> as consecutive tables of at most <paramref name="batchRows"/> rows each (the last
    /// may be shorter), so memory does not grow with the file; a line's error is raised when the reading reaches it,
    /// after the batches before it were yielded. Arguments as in <see cref="Read"/>; a file without data rows is an
    /// error before any batch.
    /// </summary>
    public static IEnumerable<LabeledTable> ReadBatches(string path, string? labelColumn, IReadOnlyList<string>? expectedFeatures, int batchRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchRows, 1);
        var src = TextSource.Open(path);
        string[]? header = null;
        int labelIndex = -1;
        int[] featureIndex = [];
        string[] featureNames = [];
        var values = new List<float>();
        var classes = new List<string>();
        bool any = false;
        foreach (var (number, text) in src.Lines())
        {
            if (header is null)
            {
                header = Header(text, path, number, labelColumn, expectedFeatures, out labelIndex, out featureIndex, out featureNames);
                continue;
            }
            if (string.IsNullOrWhiteSpace(text)) continue;
            var fields = Fields(text, path, number);
            if (fields.Length != header.Length)
                throw new DataFormatException(path, number, null, $"expected {header.Length} fields as in the header, found {fields.Length}");
            foreach (int i in featureIndex)
                values.Add(FieldParser.Parse(fields[i], path, number, header[i]));
            if (labelIndex >= 0) classes.Add(fields[labelIndex]);
            if (values.Count / featureIndex.Length == batchRows)
            {
                yield return Table(values, classes, featureNames, labelIndex, path);
                any = true;
            }
        }
        if (header is null) throw new DataFormatException(path, 0, null, "file is empty, expected a header line and rows");
        if (values.Count > 0) yield return Table(values, classes, featureNames, labelIndex, path);
        else if (!any) throw new DataFormatException(path, 0, null, "header only, no data rows");
    }

    /// <summary>The rows gathered so far as a table; the lists are emptied for the next batch.</summary>
    private static LabeledTable Table(List<float> values, List<string> classes, string[] featureNames, int labelIndex, string path)
    {
        var table = new LabeledTable(new Dataset(values.ToArray(), values.Count / featureNames.Length, featureNames),
            labelIndex >= 0 ? classes.ToArray() : null, [path], []);
        values.Clear();
        classes.Clear();
        return table;
    }

    /// <summary>Parses the header: the label's index (-1 when absent) and which columns make the features, in order.</summary>
    private static string[] Header(string text, string path, long number, string? labelColumn, IReadOnlyList<string>? expectedFeatures,
        out int labelIndex, out int[] featureIndex, out string[] featureNames)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DataFormatException(path, number, null, "empty header line, expected column names");
        var header = Fields(text.StartsWith('\uFEFF') ? text[1..] : text, path, number);
        var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new DataFormatException(path, number, duplicate.Key, "column name appears more than once in the header");
        labelIndex = -1;
        if (labelColumn is not null)
        {
            labelIndex = Array.IndexOf(header, labelColumn);
            if (labelIndex < 0 && expectedFeatures is null)
                throw new DataFormatException(path, number, labelColumn, $"label column not found; the header has: {string.Join(", ", header)}");
        }
        int label = labelIndex;
        var featureCols = Enumerable.Range(0, header.Length).Where(i => i != label).ToArray();
        if (expectedFeatures is null)
        {
            featureIndex = featureCols;
            featureNames = featureCols.Select(i => header[i]).ToArray();
            if (featureIndex.Length == 0) throw new DataFormatException(path, number, null, "no feature columns besides the label");
            return header;
        }
        var have = featureCols.Select(i => header[i]).ToArray();
        if (have.Length != expectedFeatures.Count)
            throw new DataFormatException(path, number, null,
                $"expected {expectedFeatures.Count} feature columns ({Names(expectedFeatures)}), found {have.Length}");
        featureIndex = expectedFeatures.Select(n =>
        {
            int i = Array.IndexOf(header, n);
            return i >= 0 && i != label ? i : throw new DataFormatException(path, number, n, $"feature column missing; the model expects {Names(expectedFeatures)}");
        }).ToArray();
        featureNames = expectedFeatures.ToArray();
        return header;
    }

    /// <summary>
    /// The fields of one line (RFC 4180 within the line): unquoted fields trimmed; a field whose first non-blank character
    /// is a quote runs to the matching closing quote, "" standing for one quote, and only blanks may follow it.
    /// </summary>
    internal static string[] Fields(string line, string path, long number)
    {
        var fields = new List<string>();
        var quoted = new System.Text.StringBuilder();
        int i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t') i++;
            if (i < line.Length && line[i] == '"')
            {
                int field = fields.Count + 1;
                quoted.Clear();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                        throw new DataFormatException(path, number, null, $"field {field}: a quoted field is not closed (a field may not span lines)");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { quoted.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    quoted.Append(line[i++]);
                }
                while (i < line.Length && line[i] is ' ' or '\t') i++;
                if (i < line.Length && line[i] != ',')
                    throw new DataFormatException(path, number, null, $"field {field}: text after the closing quote; expected a comma or the end of the line");
                fields.Add(quoted.ToString());
            }
            else
            {
                int comma = line.IndexOf(',', i);
                int end = comma < 0 ? line.Length : comma;
                fields.Add(line[i..end].Trim());
                i = end;
            }
            if (i >= line.Length) return fields.ToArray();
            i++; // the comma
        }
    }

    private static string Names(IReadOnlyList<string> names) =>
        names.Count <= 8 ? string.Join(", ", names) : string.Join(", ", names.Take(8)) + $", ... ({names.Count} in all)";
}
