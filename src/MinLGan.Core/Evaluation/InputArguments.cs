namespace MinLGan.Evaluation;

/// <summary>Arguments of the protocols that read the user's own data: <c>csv</c> and <c>images</c>.</summary>
/// <param name="Input">The CSV file, or the image folder's root.</param>
/// <param name="LabelColumn">Name of the label column (csv); null for images, whose classes are folder names.</param>
/// <param name="NormalLabels">Label values (csv) or class folder names (images) that are normal; every other one is an anomaly.</param>
/// <param name="Resize">Images only: decode every image at this (width, height); null keeps the files' size, which must be one.</param>
public sealed record InputArguments(string Input, string? LabelColumn, IReadOnlyList<string> NormalLabels, (int Width, int Height)? Resize = null);
