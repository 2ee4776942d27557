using MinLGan.Data;

namespace MinLGan.Evaluation;

/// <summary>A protocol's data, read once; <see cref="Split"/> makes one seed's train/holdout/test.</summary>
public abstract class ProtocolData
{
    /// <summary>Creates protocol data.</summary>
    protected ProtocolData(string protocol, InputSpec input, IReadOnlyList<string> notes)
    {
        Protocol = protocol;
        Input = input;
        Notes = notes;
    }

    /// <summary>Protocol name.</summary>
    public string Protocol { get; }

    /// <summary>How raw files of this protocol are read (saved with models).</summary>
    public InputSpec Input { get; }

    /// <summary>What the reader reported (variants, checksum mismatches).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The split for one seed.</summary>
    public abstract ProtocolSplit Split(int seed, SplitOptions options);
}

/// <summary>Numeric rows with anomaly flags: the split selects rows.</summary>
public sealed class TabularProtocolData : ProtocolData
{
    private readonly Dataset _rows;
    private readonly int[] _isAnomaly;

    /// <summary>Wraps rows and their anomaly flags (0/1).</summary>
    public TabularProtocolData(string protocol, Dataset rows, int[] isAnomaly, InputSpec input, IReadOnlyList<string> notes)
        : base(protocol, input, notes)
    {
        _rows = rows.WithLabels(isAnomaly);
        _isAnomaly = isAnomaly;
    }

    /// <inheritdoc />
    public override ProtocolSplit Split(int seed, SplitOptions options)
    {
        var (train, holdout, test) = ProtocolSplitter.Split(_isAnomaly, seed, options);
        return new ProtocolSplit(Protocol, seed, _rows.Select(train), _rows.Select(holdout), _rows.Select(test), Input, Notes);
    }
}

/// <summary>KDD Cup 99 rows: the split fixes the one-hot categories from its training rows.</summary>
public sealed class KddProtocolData : ProtocolData
{
    private readonly Kdd99Raw _raw;
    private readonly int[] _isAnomaly;

    /// <summary>Wraps raw KDD rows; rows labeled <paramref name="normalLabel"/> are normal.</summary>
    public KddProtocolData(string protocol, Kdd99Raw raw, string normalLabel, InputSpec input)
        : base(protocol, input, raw.Notes)
    {
        _raw = raw;
        _isAnomaly = raw.Labels.Select(l => l == normalLabel ? 0 : 1).ToArray();
    }

    /// <inheritdoc />
    public override ProtocolSplit Split(int seed, SplitOptions options)
    {
        var (train, holdout, test) = ProtocolSplitter.Split(_isAnomaly, seed, options);
        var encoding = Kdd99Encoding.Fit(_raw, train);
        var notes = Notes.ToList();
        Dataset Encode(int[] rows, string what)
        {
            var d = encoding.Encode(_raw, rows, rows.Select(r => _isAnomaly[r]).ToArray(), out int unseen, out var values);
            if (unseen > 0)
                notes.Add(Kdd99Encoding.UnseenNote(what, unseen, values));
            return d;
        }
        var trainSet = Encode(train, "train");
        var holdoutSet = Encode(holdout, "holdout");
        var testSet = Encode(test, "test");
        return new ProtocolSplit(Protocol, seed, trainSet, holdoutSet, testSet, Input, notes);
    }
}

/// <summary>A toy set generated per seed: the toy points are normal, uniform points in the padded bounding box are anomalies.</summary>
public sealed class ToyProtocolData : ProtocolData
{
    private readonly Func<long, Dataset> _generate;
    private readonly int _anomalies;

    /// <summary>Wraps a seeded generator of normal points.</summary>
    public ToyProtocolData(string protocol, Func<long, Dataset> generate, int anomalies)
        : base(protocol, new InputSpec("csv", null, []), [])
    {
        _generate = generate;
        _anomalies = anomalies;
    }

    /// <inheritdoc />
    public override ProtocolSplit Split(int seed, SplitOptions options)
    {
        var normal = _generate(SeededRandom.Derive(seed, SeedStreams.ToyNormalStream));
        var rng = SeedStreams.Of(seed, SeedStreams.ToyAnomalyStream);
        int d = normal.Columns;
        var lo = Enumerable.Range(0, d).Select(j => Enumerable.Range(0, normal.Rows).Min(i => normal.Row(i)[j]) - 0.5).ToArray();
        var hi = Enumerable.Range(0, d).Select(j => Enumerable.Range(0, normal.Rows).Max(i => normal.Row(i)[j]) + 0.5).ToArray();
        var values = new float[(normal.Rows + _anomalies) * d];
        normal.Values.CopyTo(values);
        for (int i = 0; i < _anomalies; i++)
            for (int j = 0; j < d; j++)
                values[(normal.Rows + i) * d + j] = (float)(lo[j] + (hi[j] - lo[j]) * rng.NextDouble());
        var flags = Enumerable.Repeat(0, normal.Rows).Concat(Enumerable.Repeat(1, _anomalies)).ToArray();
        var all = new Dataset(values, flags.Length, normal.FeatureNames, flags);
        var (train, holdout, test) = ProtocolSplitter.Split(flags, seed, options);
        return new ProtocolSplit(Protocol, seed, all.Select(train), all.Select(holdout), all.Select(test), Input, Notes);
    }
}

/// <summary>
/// Some classes of an image set against the rest (the paper's CIFAR-10 set-up, and the <c>images</c> protocol). With
/// a training split: training images are its images of the normal classes; the test pool is the whole test split
/// (normal classes 0, every other class 1), from which a stratified holdout is carved. Without one (a single folder of
/// classes): the images are split like tabular rows (<see cref="ProtocolSplitter.Split"/>). Classes are matched by
/// name, so the two splits may have different class folders. Pixels become floats (x − 127.5)/128 only for the
/// selected images.
/// </summary>
public sealed class ImageProtocolData : ProtocolData
{
    private readonly ImageSet? _train;
    private readonly ImageSet _test;
    private readonly HashSet<string> _normal;

    /// <summary>Wraps both splits and the normal class index (CIFAR-10: the same class names in both).</summary>
    public ImageProtocolData(string protocol, ImageSet train, ImageSet test, int normalClass, InputSpec input, IReadOnlyList<string> notes)
        : this(protocol, train, test, [train.ClassNames[normalClass]], input, notes)
    {
    }

    /// <summary>
    /// Wraps a training split (or null: split <paramref name="test"/> itself) and a test split, and the names of the
    /// normal classes.
    /// </summary>
    public ImageProtocolData(string protocol, ImageSet? train, ImageSet test, IReadOnlyCollection<string> normalClasses, InputSpec input, IReadOnlyList<string> notes)
        : base(protocol, input, notes)
    {
        if (train is not null && train.Shape != test.Shape)
            throw new InvalidInputException(
                $"{protocol}: training images are {train.Shape.Width}x{train.Shape.Height}, test images {test.Shape.Width}x{test.Shape.Height}; give --resize WxH to read both at one size");
        _train = train;
        _test = test;
        _normal = normalClasses.ToHashSet(StringComparer.Ordinal);
    }

    private int[] Flags(ImageSet set) => set.Classes.Select(c => _normal.Contains(set.ClassNames[c]) ? 0 : 1).ToArray();

    /// <inheritdoc />
    public override ProtocolSplit Split(int seed, SplitOptions options)
    {
        options.Validate();
        var flags = Flags(_test);
        if (_train is null)
        {
            var (tr, ho, te) = ProtocolSplitter.Split(flags, seed, options);
            return new ProtocolSplit(Protocol, seed, _test.ToDataset(tr, null), Labeled(ho), Labeled(te), Input, Notes);
        }
        var trainFlags = Flags(_train);
        var trainRows = Enumerable.Range(0, _train.Count).Where(i => trainFlags[i] == 0).ToArray();
        if (trainRows.Length < 2)
            throw new InvalidInputException($"{Protocol}: the training split has {trainRows.Length} images of class {string.Join(", ", _normal.Order(StringComparer.Ordinal))}; at least 2 are needed");
        if (options.MaxTrain > 0 && trainRows.Length > options.MaxTrain)
            trainRows = ProtocolSplitter.Subsample(trainRows.Length, options.MaxTrain, seed).Select(i => trainRows[i]).ToArray();
        var (holdout, test) = ProtocolSplitter.SplitPool(flags, seed, options);
        return new ProtocolSplit(Protocol, seed, _train.ToDataset(trainRows, null), Labeled(holdout), Labeled(test), Input, Notes);

        Dataset Labeled(int[] rows) => _test.ToDataset(rows, rows.Select(i => flags[i]).ToArray());
    }
}
