using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MinLGan.Data;

namespace MinLGan.MLNet;

/// <summary>Reads an IDataView's feature vector column (and a label column) into a <see cref="Dataset"/>.</summary>
internal static class ColumnReader
{
    /// <param name="data">The rows.</param>
    /// <param name="featureColumn">A vector of Single of known size.</param>
    /// <param name="names">The feature names to use (a holdout takes the training rows' names); null: the column's slot
    /// names when it has distinct ones (Concatenate gives them), else f0, f1, ...</param>
    /// <param name="labelColumn">Null: no labels; else Boolean (true = anomaly) or a number (non-zero = anomaly).</param>
    public static Dataset Rows(IDataView data, string featureColumn, IReadOnlyList<string>? names, string? labelColumn)
    {
        string what = labelColumn is null ? "the data" : "the holdout";
        string hint = labelColumn is null ? "" : " (a holdout must go through the pipeline's earlier steps first, for example concatenate.Fit(holdout).Transform(holdout))";
        var column = data.Schema.GetColumnOrNull(featureColumn)
            ?? throw new InvalidInputException($"{what} has no column '{featureColumn}' (AnomalyDetectorOptions.FeatureColumnName){hint}; columns: {string.Join(", ", data.Schema.Select(c => c.Name))}");
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType n, Size: > 0 } vector || n != NumberDataViewType.Single)
            throw new InvalidInputException($"column '{featureColumn}': expected a vector of Single of known size (for example from Concatenate), found {column.Type}");
        int d = vector.Size;
        if (names is not null && names.Count != d)
            throw new InvalidInputException($"column '{featureColumn}': {d} features, the training rows had {names.Count}");
        names ??= SlotNames(column, d);

        DataViewSchema.Column? label = null;
        if (labelColumn is not null)
            label = data.Schema.GetColumnOrNull(labelColumn)
                ?? throw new InvalidInputException($"the holdout has no label column '{labelColumn}' (AnomalyDetectorOptions.LabelColumnName)");
        var values = new List<float>();
        var labels = new List<int>();
        using var cursor = data.GetRowCursor(label is { } l ? [column, l] : [column]);
        var features = cursor.GetGetter<VBuffer<float>>(column);
        var labelOf = label is { } lc ? LabelGetter(cursor, lc) : null;
        VBuffer<float> row = default;
        long line = 0;
        while (cursor.MoveNext())
        {
            features(ref row);
            int j = 0;
            foreach (float v in row.DenseValues())
            {
                if (!float.IsFinite(v))
                    throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture, $"column '{featureColumn}', row {line}, feature {names[j]}: {v} is not a finite number"));
                values.Add(v);
                j++;
            }
            if (labelOf is not null) labels.Add(labelOf() ? 1 : 0);
            line++;
        }
        return new Dataset(values.ToArray(), (int)line, names, labelOf is null ? null : labels.ToArray());
    }

    private static string[] SlotNames(DataViewSchema.Column column, int d)
    {
        if (column.HasSlotNames())
        {
            VBuffer<ReadOnlyMemory<char>> slots = default;
            column.GetSlotNames(ref slots);
            var names = slots.DenseValues().Select(m => m.ToString()).ToArray();
            if (names.All(n => n.Length > 0) && names.Distinct(StringComparer.Ordinal).Count() == d) return names;
        }
        return Enumerable.Range(0, d).Select(i => $"f{i}").ToArray();
    }

    private static Func<bool> LabelGetter(DataViewRowCursor cursor, DataViewSchema.Column label)
    {
        if (label.Type == BooleanDataViewType.Instance)
        {
            var get = cursor.GetGetter<bool>(label);
            return () => { bool v = false; get(ref v); return v; };
        }
        if (label.Type == NumberDataViewType.Single)
        {
            var get = cursor.GetGetter<float>(label);
            return () => { float v = 0; get(ref v); return v != 0; };
        }
        if (label.Type == NumberDataViewType.Double)
        {
            var get = cursor.GetGetter<double>(label);
            return () => { double v = 0; get(ref v); return v != 0; };
        }
        if (label.Type == NumberDataViewType.Int32)
        {
            var get = cursor.GetGetter<int>(label);
            return () => { int v = 0; get(ref v); return v != 0; };
        }
        throw new InvalidInputException($"label column '{label.Name}': expected Boolean, Single, Double or Int32, found {label.Type}");
    }
}
