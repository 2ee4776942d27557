namespace MinLGan.Data;

/// <summary>
/// KDD Cup 99 rows as read: numeric columns [rows, 38], category codes [rows, 3] into <see cref="Categories"/>,
/// and labels without the trailing '.'.
/// </summary>
public sealed record Kdd99Raw(
    string Path, int Rows, int NumericColumns, float[] Numeric, int[] Codes, string[][] Categories, string[] Labels, IReadOnlyList<string> Notes);
