using MinLGan.Data;

namespace MinLGan.Detectors;

/// <summary>
/// An ensemble that scores with its first k members alone, for every k, from one pass of its members: the paper's
/// Figures 2 and 3 (AUC against the number of base discriminators) without training an ensemble per k.
/// </summary>
public interface IScoresMemberPrefixes
{
    /// <summary>Members the score combines (after any left out by the holdout).</summary>
    int MembersUsed { get; }

    /// <summary>
    /// The scores of <paramref name="rows"/> by the ensembles of the first 1, 2, ..., <see cref="MembersUsed"/> members,
    /// in training order, each combined as the whole ensemble combines its members (the last equals Score).
    /// </summary>
    IReadOnlyList<double[]> ScoreMemberPrefixes(Dataset rows);
}
