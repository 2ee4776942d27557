namespace MinLGan.Evaluation;

/// <summary>
/// The paper's split: a seeded shuffle puts <see cref="SplitOptions.TrainFraction"/> of the normal rows in
/// training; the remaining normal rows and every anomaly form the test pool; a stratified holdout is carved
/// from the pool. Row indices only; the caller builds the data sets.
/// </summary>
public static class ProtocolSplitter
{
    /// <summary>Splits rows by their anomaly flags (0 normal, 1 anomaly). Each index list is sorted.</summary>
    public static (int[] Train, int[] Holdout, int[] Test) Split(IReadOnlyList<int> isAnomaly, int seed, SplitOptions options)
    {
        options.Validate();
        var normal = Enumerable.Range(0, isAnomaly.Count).Where(i => isAnomaly[i] == 0).ToArray();
        var anomalies = Enumerable.Range(0, isAnomaly.Count).Where(i => isAnomaly[i] == 1).ToArray();
        if (normal.Length < 2) throw new InvalidInputException($"the protocol needs at least 2 normal rows, found {normal.Length}");
        if (anomalies.Length == 0) throw new InvalidInputException("the protocol needs anomalies in the test pool, found none");

        var rng = new SeededRandom(seed);
        rng.Shuffle(normal.AsSpan());
        rng.Shuffle(anomalies.AsSpan());
        int nTrain = Math.Clamp((int)Math.Round(options.TrainFraction * normal.Length), 1, normal.Length - 1);
        var poolNormal = normal[nTrain..];
        // The shuffled prefix is a random sample, so a row cap (MaxTrain) keeps its first rows; the test pool is unchanged.
        var train = normal[..(options.MaxTrain > 0 ? Math.Min(nTrain, options.MaxTrain) : nTrain)];

        var (holdout, test) = Carve(poolNormal, anomalies, options);
        Array.Sort(train);
        return (train, holdout, test);
    }

    /// <summary>
    /// A test pool split into a stratified labeled holdout and the test rows, for protocols whose training rows come
    /// from elsewhere (CIFAR-10: the training split). Each index list is sorted.
    /// </summary>
    public static (int[] Holdout, int[] Test) SplitPool(IReadOnlyList<int> isAnomaly, int seed, SplitOptions options)
    {
        options.Validate();
        var normal = Enumerable.Range(0, isAnomaly.Count).Where(i => isAnomaly[i] == 0).ToArray();
        var anomalies = Enumerable.Range(0, isAnomaly.Count).Where(i => isAnomaly[i] == 1).ToArray();
        if (normal.Length == 0 || anomalies.Length == 0)
            throw new InvalidInputException($"the test pool needs normal rows and anomalies, found {normal.Length} and {anomalies.Length}");
        var rng = SeedStreams.Of(seed, SeedStreams.SplitStream);
        rng.Shuffle(normal.AsSpan());
        rng.Shuffle(anomalies.AsSpan());
        return Carve(normal, anomalies, options);
    }

    private static (int[] Holdout, int[] Test) Carve(int[] poolNormal, int[] anomalies, SplitOptions options)
    {
        int nHoldNormal = HoldoutCount(poolNormal.Length, options);
        int nHoldAnomaly = HoldoutCount(anomalies.Length, options);
        var holdout = poolNormal[..nHoldNormal].Concat(anomalies[..nHoldAnomaly]).Order().ToArray();
        var (testNormal, testAnomalies) = (poolNormal[nHoldNormal..], anomalies[nHoldAnomaly..]);
        int nTest = testNormal.Length + testAnomalies.Length;
        if (options.MaxTest > 0 && nTest > options.MaxTest)
        {
            // Both lists are shuffled, so their prefixes are random samples; each class keeps its share, at least one row.
            int keepNormal = Math.Clamp((int)Math.Round((double)options.MaxTest * testNormal.Length / nTest), 1, options.MaxTest - 1);
            keepNormal = Math.Min(keepNormal, testNormal.Length);
            int keepAnomalies = Math.Min(options.MaxTest - keepNormal, testAnomalies.Length);
            (testNormal, testAnomalies) = (testNormal[..keepNormal], testAnomalies[..keepAnomalies]);
        }
        var test = testNormal.Concat(testAnomalies).Order().ToArray();
        return (holdout, test);
    }

    /// <summary>
    /// Splits holdout rows (by their labels) into the rows selection may use and the rows kept back to check it
    /// (<see cref="SplitOptions.CheckFraction"/>), per class: round(fraction · n) rows, at least one and at most n − 1,
    /// drawn from the run seed's <see cref="SeedStreams.CheckStream"/>; a class with fewer than two rows is not split.
    /// Each index list is sorted.
    /// </summary>
    public static (int[] Select, int[] Check) SplitCheck(IReadOnlyList<int> labels, int seed, double fraction)
    {
        var select = new List<int>();
        var check = new List<int>();
        var rng = SeedStreams.Of(seed, SeedStreams.CheckStream);
        foreach (int cls in new[] { 0, 1 })
        {
            var rows = Enumerable.Range(0, labels.Count).Where(i => labels[i] == cls).ToArray();
            int k = fraction <= 0 || rows.Length < 2 ? 0 : Math.Clamp((int)Math.Round(fraction * rows.Length), 1, rows.Length - 1);
            rng.Shuffle(rows.AsSpan());
            check.AddRange(rows[..k]);
            select.AddRange(rows[k..]);
        }
        return (select.Order().ToArray(), check.Order().ToArray());
    }

    /// <summary>A seeded random subset of <paramref name="max"/> of the rows 0..n−1, ascending (all rows when n ≤ max).</summary>
    public static int[] Subsample(int n, int max, int seed)
    {
        var rows = Enumerable.Range(0, n).ToArray();
        if (n <= max) return rows;
        SeedStreams.Of(seed, SeedStreams.SubsampleStream).Shuffle(rows.AsSpan());
        var kept = rows[..max];
        Array.Sort(kept);
        return kept;
    }

    private static int HoldoutCount(int n, SplitOptions o)
    {
        if (o.HoldoutFraction == 0 || n < 2) return 0;
        int k = Math.Max((int)Math.Round(o.HoldoutFraction * n), Math.Min(o.MinHoldoutPerClass, n / 2));
        return Math.Min(k, n - 1); // the test set keeps at least one row of each class
    }
}
