namespace MinLGan.Data;

/// <summary>
/// What a reader returns: numeric features (unlabeled), the class of each row as written in the file,
/// the files read and notes for the user (checksum mismatches, unseen categories).
/// </summary>
/// <param name="Features">[rows, features].</param>
/// <param name="Classes">One class value per row, as text (for example "1" or "normal"); null when the file has none.</param>
/// <param name="Files">The files that were read, in order.</param>
/// <param name="Notes">Things the user should know about the data.</param>
public sealed record LabeledTable(Dataset Features, string[]? Classes, IReadOnlyList<string> Files, IReadOnlyList<string> Notes);
