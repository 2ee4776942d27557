namespace MinLGan.Data;

/// <summary>Rows read from one input file or folder, with the label column's name and values when it has labels.</summary>
/// <param name="Rows">The rows (features in the order asked for).</param>
/// <param name="LabelName">The label's name (the CSV column, <c>class</c>, <c>Cover_Type</c>, <c>label</c>); null without labels.</param>
/// <param name="Labels">One label per row, or null.</param>
/// <param name="Notes">What the reader reported (variants, checksum mismatches, unseen categories).</param>
public sealed record InputRows(Dataset Rows, string? LabelName, string[]? Labels, IReadOnlyList<string> Notes);
