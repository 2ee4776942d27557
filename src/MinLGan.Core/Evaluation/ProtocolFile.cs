namespace MinLGan.Evaluation;

/// <summary>A file a protocol reads, and where it was found (null when missing).</summary>
public sealed record ProtocolFile(string Description, string? Path);
