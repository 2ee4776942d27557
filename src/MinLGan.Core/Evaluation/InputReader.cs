using MinLGan.Data;

namespace MinLGan.Evaluation;

/// <summary>
/// Reads a raw file the way a model's <see cref="InputSpec"/> says, producing rows with exactly the model's
/// features (in its order) and the file's labels when it has them. Used by <c>minlgan score</c>.
/// </summary>
public static class InputReader
{
    /// <summary>Rows for the model, the label column's name and values (when present), and notes.</summary>
    public sealed record Result(Dataset Rows, string? LabelName, string[]? Labels, IReadOnlyList<string> Notes);

    /// <summary>
    /// Reads <paramref name="path"/> for a model with these features. Image models (formats <c>cifar10</c> and
    /// <c>images</c>) also read a folder: its class folders (labels from their names) or its own image files
    /// (unlabeled), decoded at <paramref name="resize"/> when given.
    /// </summary>
    public static Result Read(InputSpec spec, string path, IReadOnlyList<string> featureNames, (int Width, int Height)? resize = null)
    {
        bool imageModel = spec.Format is "cifar10" or "images";
        if (resize is not null && !imageModel)
            throw new InvalidInputException($"--resize is for image models; this model reads {spec.Format} files");
        if (imageModel && Directory.Exists(path)) return ReadImageFolder(path, featureNames, resize);
        if (spec.Format == "images")
            throw new InvalidInputException($"{path}: not a folder; this image model scores a folder of .png/.jpg files (or of class folders holding them)");
        if (resize is not null)
            throw new InvalidInputException($"--resize applies to image folders; {path} is a CIFAR-10 binary batch file (32x32 already)");
        switch (spec.Format)
        {
            case "csv":
            {
                var t = CsvReader.Read(path, spec.LabelColumn, featureNames);
                return new Result(t.Features, t.Classes is null ? null : spec.LabelColumn, t.Classes, t.Notes);
            }
            case "shuttle":
            {
                var t = ShuttleReader.Read(path);
                CheckFeatures(path, t.Features.FeatureNames, featureNames);
                return new Result(t.Features, "class", t.Classes, t.Notes);
            }
            case "covertype":
            {
                var (t, _) = CovertypeReader.Read(path);
                CheckFeatures(path, t.Features.FeatureNames, featureNames);
                return new Result(t.Features, "Cover_Type", t.Classes, t.Notes);
            }
            case "kddcup99":
            {
                var raw = Kdd99Reader.ReadRaw(path);
                var encoding = Kdd99Encoding.FromFeatureNames(featureNames);
                var rows = encoding.Encode(raw, Enumerable.Range(0, raw.Rows).ToArray(), null, out int unseen, out var values);
                var notes = raw.Notes.ToList();
                if (unseen > 0)
                    notes.Add(Kdd99Encoding.UnseenNote(path, unseen, values));
                return new Result(rows, "label", raw.Labels, notes);
            }
            case "cifar10":
            {
                var images = Cifar10BinaryReader.Read([path]);
                var rows = images.ToDataset(Enumerable.Range(0, images.Count).ToArray(), null);
                CheckFeatures(path, rows.FeatureNames, featureNames);
                return new Result(rows, "class", images.Classes.Select(c => images.ClassNames[c]).ToArray(), []);
            }
            default:
                throw new InvalidInputException($"unknown input format '{spec.Format}'");
        }
    }

    private static Result ReadImageFolder(string folder, IReadOnlyList<string> featureNames, (int Width, int Height)? resize)
    {
        var images = ImageFolderReader.ReadFolder(folder, ImageFolderReader.RequireDecoder(), resize, out bool labeled);
        // Check the size before making floats of every image.
        var have = images.Shape;
        if (!ImageSet.FeatureNames(have).SequenceEqual(featureNames))
            throw new InvalidInputException(ImageShapeOf(featureNames) is { } w
                ? $"{folder}: images are {have.Width}x{have.Height}, the model expects {w.Width}x{w.Height}; pass --resize {w.Width}x{w.Height} to resize them"
                : $"{folder}: images have {have.Size} values, the model expects {featureNames.Count} features");
        var rows = images.ToDataset(Enumerable.Range(0, images.Count).ToArray(), null);
        var labels = labeled ? images.Classes.Select(c => images.ClassNames[c]).ToArray() : null;
        return new Result(rows, labeled ? "class" : null, labels, [$"{folder}: {images.Count} images{(labeled ? $" in classes {string.Join(", ", images.ClassNames)}" : "")}"]);
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

    private static void CheckFeatures(string path, IReadOnlyList<string> have, IReadOnlyList<string> want)
    {
        if (have.Count != want.Count)
            throw new InvalidInputException($"{path}: the file has {have.Count} features, the model expects {want.Count}");
        if (!have.SequenceEqual(want))
            throw new InvalidInputException($"{path}: the file's features differ from the model's");
    }
}
