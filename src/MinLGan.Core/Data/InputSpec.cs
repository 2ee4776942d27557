namespace MinLGan.Data;

/// <summary>
/// How raw input for a model is read: the file format, and for labeled formats which label values are normal.
/// Saved with a model so that <c>minlgan score</c> reads new files the way training did.
/// </summary>
/// <param name="Format">One of <c>csv</c>, <c>shuttle</c>, <c>kddcup99</c>, <c>covertype</c>, <c>cifar10</c> (a binary batch
/// file or an image folder), <c>images</c> (an image folder).</param>
/// <param name="LabelColumn">For csv: the label column's name (null when none). For others: a display name.</param>
/// <param name="NormalLabels">Label values that mean normal.</param>
public sealed record InputSpec(string Format, string? LabelColumn, IReadOnlyList<string> NormalLabels)
{
    /// <summary>The formats <see cref="Format"/> may take (the names in <see cref="InputFormats"/>).</summary>
    public static IReadOnlyList<string> Formats => InputFormats.All.Select(f => f.Name).ToList();
}
