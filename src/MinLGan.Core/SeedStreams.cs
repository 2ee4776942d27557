using MinLGan.Detectors;

namespace MinLGan;

/// <summary>
/// Every random stream derived from a run seed, in one place, so that no two uses can share a stream.
/// <see cref="SeededRandom.Derive"/>(seed, stream) gives independent streams for different stream numbers; the numbers
/// are split into namespaces:
/// <list type="bullet">
/// <item>[0, 2³²): a detector's own streams, private to the detector fitted with that seed (an Isolation Forest's
/// tree t, an ensemble's member i + 1, the fixed streams below 2¹⁶ such as <see cref="BatchOrderStream"/>); a detector
/// never shares a run seed's stream with another detector in one fit.</item>
/// <item>the run's data streams (splits, subsets, generated toy data), which every detector of the run sees together:
/// the toy data at 2³² and above, and the split and subset streams at their historical numbers 0x9001 and 0x5AB5, which
/// no detector stream takes (trees 0..9,999, members 1..1,000, and the fixed 0x5eed, 0xE95 and 0x5E7). So a detector cannot
/// replay the stream that made or split its data; <see cref="DataStreams"/> and <see cref="DetectorStreamsContain"/>
/// let a test check it.</item>
/// </list>
/// </summary>
public static class SeedStreams
{
    /// <summary>The first stream number of the run-level data namespace.</summary>
    public const long DataNamespace = 1L << 32;

    /// <summary>The protocol split's shuffles of normal rows and anomalies (kept from the first releases: below 2³²).</summary>
    public const long SplitStream = 0x9001;

    /// <summary>A seeded subset of training rows (--max-train; kept from the first releases).</summary>
    public const long SubsampleStream = 0x5AB5;

    /// <summary>The toy protocols' normal points (circles, moons).</summary>
    public const long ToyNormalStream = DataNamespace + 1;

    /// <summary>The toy protocols' uniform anomalies.</summary>
    public const long ToyAnomalyStream = DataNamespace + 2;

    /// <summary>Which holdout rows are kept back from selection (<see cref="Evaluation.SplitOptions.CheckFraction"/>).</summary>
    public const long CheckStream = DataNamespace + 3;

    /// <summary>A neural network's batch order, derived from the seed its libtorch stream was seeded with.</summary>
    public const long BatchOrderStream = 0x5eed;

    /// <summary>The VAE's fixed scoring draws ε (saved with the model).</summary>
    public const long VaeScoringStream = 0xE95;

    /// <summary>The rows a label-free fit holds back and shuffles to choose its epoch (<c>selection=synthetic</c>).</summary>
    public const long SyntheticHoldoutStream = 0x5E7;

    /// <summary>Isolation Forest tree <paramref name="tree"/> (0-based; at most 10,000 trees).</summary>
    public static long IsolationTree(int tree) => tree;

    /// <summary>The seed of ensemble member <paramref name="member"/> (0-based, at most 1,000 members).</summary>
    public static long EnsembleMember(long seed, int member) => SeededRandom.Derive(seed, member + 1);

    /// <summary>A neural network's batch-order stream.</summary>
    public static SeededRandom BatchOrder(long seed) => new(SeededRandom.Derive(seed, BatchOrderStream));

    /// <summary>Every run-level data stream number.</summary>
    public static IReadOnlyList<long> DataStreams => [SplitStream, SubsampleStream, ToyNormalStream, ToyAnomalyStream, CheckStream];

    /// <summary>True when a detector may derive <paramref name="stream"/> from a run seed.</summary>
    public static bool DetectorStreamsContain(long stream) =>
        stream is >= 0 and < IsolationForestOptions.MaxTrees || stream is >= 1 and <= MaxMembers || stream is BatchOrderStream or VaeScoringStream or SyntheticHoldoutStream;

    /// <summary>The most ensemble members a seed's streams allow.</summary>
    public const int MaxMembers = 1000;

    /// <summary>A stream of the run seed.</summary>
    public static SeededRandom Of(long seed, long stream) => new(SeededRandom.Derive(seed, stream));
}
