namespace MinLGan.Detectors;

/// <summary>Something a fitted detector wants its user to see, with a kind a program can act on.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Message">One line for people.</param>
public sealed record DetectorWarning(WarningKind Kind, string Message);
