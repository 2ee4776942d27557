namespace MinLGan.Data;

/// <summary>The registry of input formats (<see cref="InputFormat"/>): each is coded here once.</summary>
public static class InputFormats
{
    /// <summary>Any CSV file with a header; the label column is named per file.</summary>
    public static readonly InputFormat Csv = new CsvFormat();

    /// <summary>Statlog Shuttle (space-separated, class in the last column).</summary>
    public static readonly InputFormat Shuttle = new TableFormat("shuttle", "class", path => ShuttleReader.Read(path));

    /// <summary>Covertype (covtype.data, 54 attributes, or cover.csv, 10).</summary>
    public static readonly InputFormat Covertype = new TableFormat("covertype", "Cover_Type", path => CovertypeReader.Read(path).Table);

    /// <summary>KDD Cup 99 (categories one-hot encoded as a model's features say).</summary>
    public static readonly InputFormat Kdd99 = new Kdd99Format();

    /// <summary>CIFAR-10: a binary batch file, or an image folder.</summary>
    public static readonly InputFormat Cifar10 = new Cifar10Format();

    /// <summary>An image folder: class folders (labels from their names) or image files (unlabeled).</summary>
    public static readonly InputFormat Images = new ImagesFormat();

    /// <summary>Every format.</summary>
    public static readonly IReadOnlyList<InputFormat> All = [Csv, Shuttle, Kdd99, Covertype, Cifar10, Images];

    /// <summary>The format with this name; an unknown name is an <see cref="InvalidInputException"/>.</summary>
    public static InputFormat Get(string name) =>
        All.FirstOrDefault(f => f.Name == name)
        ?? throw new InvalidInputException($"unknown input format '{name}'; expected one of {string.Join(", ", All.Select(f => f.Name))}");

    private static void NoResize(string format, (int Width, int Height)? resize)
    {
        if (resize is not null) throw new InvalidInputException($"a resize is for image models; this model reads {format} files");
    }

    private sealed class CsvFormat : InputFormat
    {
        public override string Name => "csv";
        public override string? LabelName => null;

        public override InputRows Read(string path, string? labelColumn, IReadOnlyList<string>? featureNames, (int Width, int Height)? resize, IImageDecoder? imageDecoder)
        {
            NoResize(Name, resize);
            var t = CsvReader.Read(path, labelColumn, featureNames);
            return new InputRows(t.Features, t.Classes is null ? null : labelColumn, t.Classes, t.Notes);
        }

        public override IEnumerable<InputRows> ReadBatches(string path, string? labelColumn, IReadOnlyList<string>? featureNames,
            (int Width, int Height)? resize, IImageDecoder? imageDecoder, int batchRows)
        {
            NoResize(Name, resize);
            return CsvReader.ReadBatches(path, labelColumn, featureNames, batchRows)
                .Select(t => new InputRows(t.Features, t.Classes is null ? null : labelColumn, t.Classes, t.Notes));
        }
    }

    /// <summary>A labelled table with fixed columns (shuttle, covertype): read whole, features checked against the model's.</summary>
    private sealed class TableFormat(string name, string labelName, Func<string, LabeledTable> read) : InputFormat
    {
        public override string Name => name;
        public override string LabelName => labelName;

        public override InputRows Read(string path, string? labelColumn, IReadOnlyList<string>? featureNames, (int Width, int Height)? resize, IImageDecoder? imageDecoder)
        {
            NoResize(Name, resize);
            var t = read(path);
            CheckFeatures(path, t.Features.FeatureNames, featureNames);
            return new InputRows(t.Features, LabelName, t.Classes, t.Notes);
        }
    }

    private sealed class Kdd99Format : InputFormat
    {
        public override string Name => "kddcup99";
        public override string LabelName => "label";

        public override InputRows Read(string path, string? labelColumn, IReadOnlyList<string>? featureNames, (int Width, int Height)? resize, IImageDecoder? imageDecoder)
        {
            NoResize(Name, resize);
            if (featureNames is null)
                throw new InvalidInputException($"{path}: a kddcup99 file is read for a model (its one-hot columns come from the model's training rows); use the kdd-a protocol to train");
            var raw = Kdd99Reader.ReadRaw(path);
            var encoding = Kdd99Encoding.FromFeatureNames(featureNames);
            var rows = encoding.Encode(raw, Enumerable.Range(0, raw.Rows).ToArray(), null, out int unseen, out var values);
            var notes = raw.Notes.ToList();
            if (unseen > 0) notes.Add(Kdd99Encoding.UnseenNote(path, unseen, values));
            return new InputRows(rows, LabelName, raw.Labels, notes);
        }
    }

    private sealed class Cifar10Format : InputFormat
    {
        public override string Name => "cifar10";
        public override string LabelName => "class";
        public override bool IsImage => true;

        public override InputRows Read(string path, string? labelColumn, IReadOnlyList<string>? featureNames, (int Width, int Height)? resize, IImageDecoder? imageDecoder)
        {
            if (Directory.Exists(path)) return ReadImageFolder(path, featureNames, resize, imageDecoder);
            if (resize is not null)
                throw new InvalidInputException($"a resize applies to image folders; {path} is a CIFAR-10 binary batch file (32x32 already)");
            var images = Cifar10BinaryReader.Read([path]);
            var rows = images.ToDataset(Enumerable.Range(0, images.Count).ToArray(), null);
            CheckFeatures(path, rows.FeatureNames, featureNames);
            return new InputRows(rows, LabelName, images.Classes.Select(c => images.ClassNames[c]).ToArray(), []);
        }

        // A batch file (10,000 images, 30 MB) is read whole; a folder streams.
        public override IEnumerable<InputRows> ReadBatches(string path, string? labelColumn, IReadOnlyList<string>? featureNames,
            (int Width, int Height)? resize, IImageDecoder? imageDecoder, int batchRows) =>
            Directory.Exists(path)
                ? ReadImageFolderBatches(path, featureNames, resize, imageDecoder, batchRows)
                : base.ReadBatches(path, labelColumn, featureNames, resize, imageDecoder, batchRows);
    }

    private sealed class ImagesFormat : InputFormat
    {
        public override string Name => "images";
        public override string LabelName => "class";
        public override bool IsImage => true;

        public override InputRows Read(string path, string? labelColumn, IReadOnlyList<string>? featureNames, (int Width, int Height)? resize, IImageDecoder? imageDecoder)
        {
            if (!Directory.Exists(path))
                throw new InvalidInputException($"{path}: not a folder; this image model scores a folder of .png/.jpg files (or of class folders holding them)");
            return ReadImageFolder(path, featureNames, resize, imageDecoder);
        }

        public override IEnumerable<InputRows> ReadBatches(string path, string? labelColumn, IReadOnlyList<string>? featureNames,
            (int Width, int Height)? resize, IImageDecoder? imageDecoder, int batchRows)
        {
            if (!Directory.Exists(path))
                throw new InvalidInputException($"{path}: not a folder; this image model scores a folder of .png/.jpg files (or of class folders holding them)");
            return ReadImageFolderBatches(path, featureNames, resize, imageDecoder, batchRows);
        }
    }

    private static InputRows ReadImageFolder(string folder, IReadOnlyList<string>? featureNames, (int Width, int Height)? resize, IImageDecoder? decoder)
    {
        var images = ImageFolderReader.ReadFolder(folder, Require(decoder), resize, out bool labeled);
        return Rows(folder, images, featureNames, labeled, Note(folder, images.Count, labeled, images.ClassNames));
    }

    /// <summary>
    /// A folder in batches of at most <paramref name="batchRows"/> images and about <see cref="BatchFloatBytes"/> of
    /// floats; the note (how many images, which classes) comes with the first.
    /// </summary>
    private static IEnumerable<InputRows> ReadImageFolderBatches(string folder, IReadOnlyList<string>? featureNames, (int Width, int Height)? resize,
        IImageDecoder? decoder, int batchRows)
    {
        var batches = ImageFolderReader.ReadFolderBatches(folder, Require(decoder), resize, batchRows, BatchFloatBytes / sizeof(float), out bool labeled, out int count);
        bool first = true;
        foreach (var images in batches)
        {
            yield return Rows(folder, images, featureNames, labeled, first ? Note(folder, count, labeled, images.ClassNames) : null);
            first = false;
        }
    }

    /// <summary>The most bytes of floats one batch of images takes when an image folder is read in batches: 64 MB.</summary>
    public const long BatchFloatBytes = 64L << 20;

    private static IImageDecoder Require(IImageDecoder? decoder) => decoder ?? throw new InvalidOperationException(
        "reading an image folder needs an image decoder (MinLGan.Imaging's SkiaImageDecoder)");

    private static string Note(string folder, int count, bool labeled, IReadOnlyList<string> classNames) =>
        $"{folder}: {count} images{(labeled ? $" in classes {string.Join(", ", classNames)}" : "")}";

    private static InputRows Rows(string folder, ImageSet images, IReadOnlyList<string>? featureNames, bool labeled, string? note)
    {
        // Check the size before making floats of every image.
        var have = images.Shape;
        if (featureNames is not null && !ImageSet.FeatureNames(have).SequenceEqual(featureNames))
            throw new InvalidInputException(ImageShapeOf(featureNames) is { } w
                ? $"{folder}: images are {have.Width}x{have.Height}, the model expects {w.Width}x{w.Height}; resize them to {w.Width}x{w.Height}"
                : $"{folder}: images have {have.Size} values, the model expects {featureNames.Count} features");
        var rows = images.ToDataset(Enumerable.Range(0, images.Count).ToArray(), null);
        var labels = labeled ? images.Classes.Select(c => images.ClassNames[c]).ToArray() : null;
        return new InputRows(rows, labeled ? "class" : null, labels, note is null ? [] : [note]);
    }

    /// <summary>The RGB image shape whose flattened names are <paramref name="names"/>, if they are image names.</summary>
    private static ImageShape? ImageShapeOf(IReadOnlyList<string> names)
    {
        if (names.Count == 0 || names[^1] is not ['c', '2', 'y', ..] last) return null;
        int x = last.IndexOf('x');
        if (x < 0 || !int.TryParse(last[3..x], out int y) || !int.TryParse(last[(x + 1)..], out int xx)) return null;
        var shape = new ImageShape(3, y + 1, xx + 1);
        return shape.Size == names.Count ? shape : null;
    }
}
