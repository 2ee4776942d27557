namespace MinLGan.Data;

/// <summary>
/// A label-free stand-in for a labelled holdout: some training rows are held back as "normal", and as many
/// "anomalies" are made from those rows, of two of ADBench's synthetic kinds (Han et al., 2022): "dependency" anomalies,
/// every column shuffled on its own (each column keeps its values, the rows lose the relations between columns: samples of
/// the product of the marginals), and "local" anomalies, each row's deviation from the held-back rows' column means
/// stretched by √5 (ADBench scales the covariance by 5). Used by <c>selection=synthetic</c> to choose a network's epoch
/// without labels; the held-back rows are not trained on.
/// </summary>
public static class SyntheticHoldout
{
    /// <summary>The share of training rows held back by default.</summary>
    public const double DefaultFraction = 0.2;

    /// <summary>Fewest rows held back (and fewest left to train on).</summary>
    public const int MinRows = 5;

    /// <summary>Most rows held back.</summary>
    public const int MaxRows = 5000;

    /// <summary>The anomaly kinds by default: both, alternating (recipe-study round 16 chose it for the GAN family).</summary>
    public const string DefaultKinds = "both";

    /// <summary>The "local" anomalies' stretch of a row's deviation from the column means (√5: the covariance times 5).</summary>
    public static readonly double LocalStretch = Math.Sqrt(5);

    /// <summary>
    /// Splits <paramref name="train"/> (labels, if any, are ignored) into the rows to train on and a labelled holdout:
    /// the held-back rows (label 0) followed by as many anomalies (label 1) of the kinds asked.
    /// </summary>
    /// <param name="train">The training rows.</param>
    /// <param name="random">The stream for the choice of rows and the shuffles.</param>
    /// <param name="fraction">Share of rows held back, in (0, 1); clamped to [<see cref="MinRows"/>, <see cref="MaxRows"/>] rows.</param>
    /// <param name="kinds">Which anomalies: "dependency", "local", or "both" (alternating: dependency first).</param>
    public static (Dataset Fit, Dataset Holdout) Split(Dataset train, SeededRandom random, double fraction = DefaultFraction, string kinds = DefaultKinds)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(random);
        if (kinds is not ("dependency" or "local" or "both")) throw new ArgumentOutOfRangeException(nameof(kinds), kinds, "expected dependency, local or both");
        if (!(fraction is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "expected a share in (0, 1)");
        if (train.Rows < 2 * MinRows)
            throw new InvalidInputException($"selection=synthetic needs at least {2 * MinRows} training rows to hold some back; there are {train.Rows}");
        int held = Math.Clamp((int)Math.Round(fraction * train.Rows), MinRows, Math.Min(MaxRows, train.Rows - MinRows));
        var order = Enumerable.Range(0, train.Rows).ToArray();
        random.Shuffle(order.AsSpan());
        var heldRows = order[..held];
        Array.Sort(heldRows);
        var fitRows = order[held..];
        Array.Sort(fitRows);
        int c = train.Columns;
        var values = new float[2 * held * c];
        for (int i = 0; i < held; i++) train.Row(heldRows[i]).CopyTo(values.AsSpan(i * c, c));
        var perm = new int[held];
        for (int j = 0; j < c; j++)
        {
            for (int i = 0; i < held; i++) perm[i] = i;
            random.Shuffle(perm.AsSpan());
            double mean = 0;
            for (int i = 0; i < held; i++) mean += values[i * c + j];
            mean /= held;
            for (int i = 0; i < held; i++)
            {
                bool local = kinds == "local" || kinds == "both" && i % 2 == 1;
                values[(held + i) * c + j] = local
                    ? (float)(mean + LocalStretch * (values[i * c + j] - mean))
                    : values[perm[i] * c + j];
            }
        }
        var labels = new int[2 * held];
        Array.Fill(labels, 1, held, held);
        var holdout = new Dataset(values, 2 * held, train.FeatureNames, labels, train.ImageShape);
        return (train.Select(fitRows), holdout);
    }
}
