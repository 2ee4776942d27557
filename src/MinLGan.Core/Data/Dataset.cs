namespace MinLGan.Data;

/// <summary>
/// Rows of float features, stored row-major in one array ([rows, columns]), with feature names and optional
/// labels (0 = normal, 1 = anomaly). Immutable after construction.
/// </summary>
public sealed class Dataset
{
    private readonly float[] _values;

    /// <summary>Creates a data set from row-major values.</summary>
    /// <param name="values">[rows * columns] row-major; taken, not copied.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="featureNames">One name per column.</param>
    /// <param name="labels">Optional, one per row: 0 = normal, 1 = anomaly.</param>
    /// <param name="imageShape">For images: each row is one image, channel-major [channels, height, width].</param>
    public Dataset(float[] values, int rows, IReadOnlyList<string> featureNames, int[]? labels = null, ImageShape? imageShape = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (featureNames.Count == 0) throw new ArgumentException("a data set needs at least one feature", nameof(featureNames));
        if ((long)rows * featureNames.Count != values.Length)
            throw new ArgumentException($"values has {values.Length} entries, expected {rows} x {featureNames.Count}", nameof(values));
        if (labels is not null)
        {
            if (labels.Length != rows) throw new ArgumentException($"labels has {labels.Length} entries, expected {rows}", nameof(labels));
            if (labels.Any(l => l is not (0 or 1))) throw new ArgumentException("labels must be 0 (normal) or 1 (anomaly)", nameof(labels));
        }
        if (imageShape is { } shape && shape.Size != featureNames.Count)
            throw new ArgumentException($"image shape {shape} has {shape.Size} values per image, the rows have {featureNames.Count}", nameof(imageShape));
        _values = values;
        ImageShape = imageShape;
        Rows = rows;
        Columns = featureNames.Count;
        FeatureNames = featureNames.ToArray();
        Labels = labels;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>When the rows are images: their shape (channel-major); null for tabular rows.</summary>
    public ImageShape? ImageShape { get; }

    /// <summary>Number of feature columns.</summary>
    public int Columns { get; }

    /// <summary>Feature names, one per column.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Labels (0 normal, 1 anomaly), or null when unlabeled. Do not modify.</summary>
    public int[]? Labels { get; }

    /// <summary>All values, row-major [rows, columns].</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>One row's features.</summary>
    public ReadOnlySpan<float> Row(int row) => _values.AsSpan(row * Columns, Columns);

    /// <summary>Number of rows labeled anomaly (0 when unlabeled).</summary>
    public int AnomalyCount => Labels?.Count(l => l == 1) ?? 0;

    /// <summary>A new data set holding the given rows, in the given order.</summary>
    public Dataset Select(IReadOnlyList<int> rows)
    {
        var values = new float[rows.Count * Columns];
        for (int i = 0; i < rows.Count; i++)
            Row(rows[i]).CopyTo(values.AsSpan(i * Columns, Columns));
        int[]? labels = Labels is null ? null : rows.Select(r => Labels[r]).ToArray();
        return new Dataset(values, rows.Count, FeatureNames, labels, ImageShape);
    }

    /// <summary>The same rows with other labels.</summary>
    public Dataset WithLabels(int[]? labels) => new(_values, Rows, FeatureNames, labels, ImageShape);

    /// <summary>Same shape, new values (for example after scaling).</summary>
    public Dataset WithValues(float[] values) => new(values, Rows, FeatureNames, Labels, ImageShape);
}
