using System.Globalization;
using MinLGan.Data;
using MinLGan.Evaluation;

namespace MinLGan.Cli;

/// <summary>Writes a data set as CSV: feature columns then label (1 = anomaly), values round-trippable.</summary>
internal static class CsvExport
{
    public static void Write(string path, Dataset d, bool overwrite) => AtomicFile.WriteText(path, w =>
    {
        w.Write(string.Join(',', d.FeatureNames));
        w.WriteLine(d.Labels is null ? "" : ",label");
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < d.Rows; i++)
        {
            sb.Clear();
            var row = d.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                if (j > 0) sb.Append(',');
                sb.Append(row[j].ToString("R", CultureInfo.InvariantCulture));
            }
            if (d.Labels is not null) sb.Append(',').Append(d.Labels[i]);
            w.WriteLine(sb);
        }
    }, overwrite);
}
