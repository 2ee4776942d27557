namespace MinLGan.Data;

/// <summary>
/// Forest Covertype: the full UCI <c>covtype.data</c> (no header, 54 attributes and Cover_Type) or the
/// ODDS 10-attribute class-2/4 <c>cover.csv</c> (header line). The variant is chosen by file name and reported.
/// </summary>
public static class CovertypeReader
{
    /// <summary>The ten quantitative attributes, in UCI order.</summary>
    public static readonly IReadOnlyList<string> QuantitativeNames =
    [
        "Elevation", "Aspect", "Slope", "Horizontal_Distance_To_Hydrology", "Vertical_Distance_To_Hydrology",
        "Horizontal_Distance_To_Roadways", "Hillshade_9am", "Hillshade_Noon", "Hillshade_3pm", "Horizontal_Distance_To_Fire_Points",
    ];

    /// <summary>The 54 attribute names of the full file.</summary>
    public static readonly IReadOnlyList<string> FullNames =
        [.. QuantitativeNames, .. Enumerable.Range(1, 4).Select(i => $"Wilderness_Area{i}"), .. Enumerable.Range(1, 40).Select(i => $"Soil_Type{i}")];

    /// <summary>The variant a file name stands for, or null when the name is not a Covertype file.</summary>
    public static CovertypeVariant? VariantOf(string path)
    {
        string name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.Ordinal)) name = name[..^3];
        return name switch
        {
            "covtype.data" => CovertypeVariant.Full54,
            "cover.csv" => CovertypeVariant.Odds10,
            _ => null,
        };
    }

    /// <summary>Reads one Covertype file; the variant goes into the notes.</summary>
    public static (LabeledTable Table, CovertypeVariant Variant) Read(string path)
    {
        var variant = VariantOf(path)
            ?? throw new InvalidInputException($"{path}: not a Covertype file name; expected covtype.data or cover.csv (optionally .gz)");
        var names = variant == CovertypeVariant.Full54 ? FullNames : QuantitativeNames;
        int expected = names.Count + 1;
        var src = TextSource.Open(path);
        var values = new List<float>();
        var classes = new List<string>();
        bool header = variant == CovertypeVariant.Odds10;
        foreach (var (number, text) in src.Lines())
        {
            if (header)
            {
                header = false;
                var cols = text.Split(',');
                if (cols.Length != expected || cols[^1].Trim() != "Cover_Type")
                    throw new DataFormatException(path, number, null, $"expected a header of {expected} columns ending in Cover_Type");
                continue;
            }
            if (string.IsNullOrWhiteSpace(text)) continue;
            var fields = text.Split(',');
            if (fields.Length != expected)
                throw new DataFormatException(path, number, null, $"expected {expected} comma-separated fields, found {fields.Length}");
            for (int j = 0; j < names.Count; j++)
                values.Add(FieldParser.Parse(fields[j], path, number, names[j]));
            string cls = fields[^1].Trim();
            if (cls.Length != 1 || cls[0] < '1' || cls[0] > '7')
                throw new DataFormatException(path, number, "Cover_Type", $"'{cls}' is not a class 1..7");
            classes.Add(cls);
        }
        if (classes.Count == 0) throw new DataFormatException(path, 0, null, "no data rows");
        var notes = new List<string>
        {
            variant == CovertypeVariant.Full54
                ? $"{path}: full Covertype file, 54 attributes"
                : $"{path}: ODDS Covertype file, classes 2 and 4 only, 10 quantitative attributes (not the paper's 54)",
        };
        if (KnownFiles.Check(src) is string note) notes.Add(note);
        return (new LabeledTable(new Dataset(values.ToArray(), classes.Count, names), classes.ToArray(), [path], notes), variant);
    }
}
