namespace MinLGan.Data;

/// <summary>
/// Statlog (Shuttle): <c>shuttle.trn</c> / <c>shuttle.tst</c>, plain or .gz. Ten whitespace-separated numbers per
/// line: nine attributes (the first is time), then the class 1..7.
/// </summary>
public static class ShuttleReader
{
    /// <summary>Attribute names: the first is time; UCI leaves the others unnamed.</summary>
    public static readonly IReadOnlyList<string> FeatureNames = ["time", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"];

    /// <summary>Reads and concatenates the given files.</summary>
    public static LabeledTable Read(params string[] paths)
    {
        var values = new List<float>();
        var classes = new List<string>();
        var notes = new List<string>();
        foreach (var path in paths)
        {
            var src = TextSource.Open(path);
            int before = classes.Count;
            foreach (var (number, text) in src.Lines())
            {
                if (string.IsNullOrWhiteSpace(text)) continue;
                var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length != 10)
                    throw new DataFormatException(path, number, null, $"expected 10 space-separated fields (9 attributes and the class), found {fields.Length}");
                for (int j = 0; j < 9; j++)
                    values.Add(FieldParser.Parse(fields[j], path, number, FeatureNames[j]));
                string cls = fields[9];
                if (cls.Length != 1 || cls[0] < '1' || cls[0] > '7')
                    throw new DataFormatException(path, number, "class", $"'{cls}' is not a class 1..7");
                classes.Add(cls);
            }
            if (classes.Count == before) throw new DataFormatException(path, 0, null, "no data rows");
            if (KnownFiles.Check(src) is string note) notes.Add(note);
        }
        return new LabeledTable(new Dataset(values.ToArray(), classes.Count, FeatureNames), classes.ToArray(), paths, notes);
    }
}
