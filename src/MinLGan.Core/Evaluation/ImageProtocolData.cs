using MinLGan.Data;

namespace MinLGan.Evaluation;

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
                $"{protocol}: training images are {train.Shape.Width}x{train.Shape.Height}, test images {test.Shape.Width}x{test.Shape.Height}; resize them to one size WxH to read both");
        _train = train;
        _test = test;
        _normal = normalClasses.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The same protocol data with features attached to both splits by <paramref name="attach"/> (for example
    /// <see cref="Features.FeatureCache.Attach"/>) and <paramref name="notes"/> added to the notes.
    /// </summary>
    public ImageProtocolData WithFeatures(Func<ImageSet, ImageSet> attach, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(attach);
        var train = _train is null ? null : attach(_train);
        var test = attach(_test);
        return new ImageProtocolData(Protocol, train, test, _normal, Input, [.. Notes, .. notes]);
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
            return new ProtocolSplit(Protocol, seed, _test.ToDataset(tr, null), Labeled(ho), Labeled(te), Input, Notes) { TestClasses = ClassesOf(te) };
        }
        var trainFlags = Flags(_train);
        var trainRows = Enumerable.Range(0, _train.Count).Where(i => trainFlags[i] == 0).ToArray();
        if (trainRows.Length < 2)
            throw new InvalidInputException($"{Protocol}: the training split has {trainRows.Length} images of class {string.Join(", ", _normal.Order(StringComparer.Ordinal))}; at least 2 are needed");
        if (options.MaxTrain > 0 && trainRows.Length > options.MaxTrain)
            trainRows = ProtocolSplitter.Subsample(trainRows.Length, options.MaxTrain, seed).Select(i => trainRows[i]).ToArray();
        var (holdout, test) = ProtocolSplitter.SplitPool(flags, seed, options);
        return new ProtocolSplit(Protocol, seed, _train.ToDataset(trainRows, null), Labeled(holdout), Labeled(test), Input, Notes) { TestClasses = ClassesOf(test) };

        Dataset Labeled(int[] rows) => _test.ToDataset(rows, rows.Select(i => flags[i]).ToArray());
        string[] ClassesOf(int[] rows) => rows.Select(i => _test.ClassNames[_test.Classes[i]]).ToArray();
    }
}
