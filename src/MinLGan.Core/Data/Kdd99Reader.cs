namespace MinLGan.Data;

/// <summary>
/// KDD Cup 99 (<c>kddcup.data_10_percent</c>, <c>corrected</c>, plain or .gz): 41 features and a label ending
/// in '.', no header. <see cref="ReadRaw"/> keeps the three text columns as category codes; a
/// <see cref="Kdd99Encoding"/> fixed from training rows turns them into one-hot columns.
/// </summary>
public static class Kdd99Reader
{
    /// <summary>The 41 feature columns, in file order.</summary>
    public static readonly IReadOnlyList<string> ColumnNames =
    [
        "duration", "protocol_type", "service", "flag", "src_bytes", "dst_bytes", "land", "wrong_fragment",
        "urgent", "hot", "num_failed_logins", "logged_in", "num_compromised", "root_shell", "su_attempted", "num_root",
        "num_file_creations", "num_shells", "num_access_files", "num_outbound_cmds", "is_host_login", "is_guest_login", "count",
        "srv_count", "serror_rate", "srv_serror_rate", "rerror_rate", "srv_rerror_rate", "same_srv_rate", "diff_srv_rate",
        "srv_diff_host_rate", "dst_host_count", "dst_host_srv_count", "dst_host_same_srv_rate", "dst_host_diff_srv_rate",
        "dst_host_same_src_port_rate", "dst_host_srv_diff_host_rate", "dst_host_serror_rate", "dst_host_srv_serror_rate",
        "dst_host_rerror_rate", "dst_host_srv_rerror_rate",
    ];

    /// <summary>Indices (into <see cref="ColumnNames"/>) of the text columns.</summary>
    public static readonly IReadOnlyList<int> CategoricalColumns = [1, 2, 3];

    /// <summary>Reads the file, keeping categories as codes.</summary>
    public static Kdd99Raw ReadRaw(string path)
    {
        var src = TextSource.Open(path);
        int numeric = ColumnNames.Count - CategoricalColumns.Count;
        var values = new List<float>();
        var codes = new List<int>();
        var dictionaries = CategoricalColumns.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var labels = new List<string>();
        foreach (var (number, text) in src.Lines())
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            var fields = text.Split(',');
            if (fields.Length != 42)
                throw new DataFormatException(path, number, null, $"expected 42 comma-separated fields (41 features and the label), found {fields.Length}");
            int c = 0;
            for (int j = 0; j < 41; j++)
            {
                if (c < CategoricalColumns.Count && CategoricalColumns[c] == j)
                {
                    string cat = fields[j].Trim();
                    if (cat.Length == 0) throw new DataFormatException(path, number, ColumnNames[j], "empty, expected a category");
                    var dict = dictionaries[c];
                    if (!dict.TryGetValue(cat, out int code)) dict[cat] = code = dict.Count;
                    codes.Add(code);
                    c++;
                }
                else
                {
                    values.Add(FieldParser.Parse(fields[j], path, number, ColumnNames[j]));
                }
            }
            string label = fields[41].Trim();
            if (label.Length < 2 || label[^1] != '.')
                throw new DataFormatException(path, number, "label", $"'{label}' is not a label ending in '.' (like 'normal.')");
            labels.Add(label[..^1]);
        }
        if (labels.Count == 0) throw new DataFormatException(path, 0, null, "no data rows");
        var notes = new List<string>();
        if (KnownFiles.Check(src) is string note) notes.Add(note);
        var categories = dictionaries.Select(d => d.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray()).ToArray();
        return new Kdd99Raw(path, labels.Count, numeric, values.ToArray(), codes.ToArray(), categories, labels.ToArray(), notes);
    }
}
