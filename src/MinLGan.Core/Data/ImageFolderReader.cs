using System.Collections.Concurrent;

namespace MinLGan.Data;

/// <summary>
/// Reads image folders: <c>ROOT/&lt;split&gt;/&lt;class&gt;/*.png|*.jpg|*.jpeg</c> (<see cref="Read"/>), a folder of
/// class folders (<see cref="ReadClasses"/>), or a folder of images without classes (<see cref="ReadFolder"/>).
/// Classes are the sub-folder names in ordinal order, files are read in ordinal order of their names, decoding runs
/// on all cores. Every image must have the size of the first one unless a resize is given. A file that does not
/// decode is reported by name.
/// </summary>
public static class ImageFolderReader
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg"];

    /// <summary>Reads one split, <c>ROOT/&lt;split&gt;/&lt;class&gt;/*</c>; <paramref name="classNames"/> fixes the class order (default: the folder names, sorted).</summary>
    public static ImageSet Read(string root, string split, IImageDecoder decoder, (int Width, int Height)? resize = null,
        IReadOnlyList<string>? classNames = null)
    {
        string folder = Path.Combine(root, split);
        if (!Directory.Exists(folder)) throw new InvalidInputException($"{folder}: folder not found (expected ROOT/{split}/<class>/*.png|*.jpg)");
        return ReadClasses(folder, decoder, resize, classNames);
    }

    /// <summary>Reads <c>FOLDER/&lt;class&gt;/*</c>; <paramref name="classNames"/> fixes the class order (default: the folder names, sorted).</summary>
    public static ImageSet ReadClasses(string folder, IImageDecoder decoder, (int Width, int Height)? resize = null,
        IReadOnlyList<string>? classNames = null)
    {
        if (!Directory.Exists(folder)) throw new InvalidInputException($"{folder}: folder not found (expected {folder}/<class>/*.png|*.jpg)");
        var found = ClassFolders(folder);
        if (found.Length == 0) throw new InvalidInputException($"{folder}: no class folders (expected {folder}/<class>/*.png|*.jpg)");
        var names = classNames ?? found;
        foreach (var f in found)
            if (!names.Contains(f)) throw new InvalidInputException($"{Path.Combine(folder, f)}: class {f} is not one of {string.Join(", ", names)}");
        var files = new List<(string Path, int Class)>();
        for (int c = 0; c < names.Count; c++)
        {
            string dir = Path.Combine(folder, names[c]);
            if (Directory.Exists(dir)) files.AddRange(ImageFiles(dir).Select(p => (p, c)));
        }
        if (files.Count == 0) throw new InvalidInputException($"{folder}: no .png or .jpg files in its class folders");
        return Decode(folder, files, names, decoder, resize, MaxDecodedBytes);
    }

    /// <summary>
    /// Reads a folder for scoring: with class folders (and no images of its own) as <see cref="ReadClasses"/>, labels
    /// from the folder names; otherwise its own images, one class named after the folder, and <paramref name="labeled"/> false.
    /// </summary>
    public static ImageSet ReadFolder(string folder, IImageDecoder decoder, (int Width, int Height)? resize, out bool labeled)
    {
        var listing = ListFolder(folder);
        labeled = listing.Labeled;
        return Decode(folder, listing.Files, listing.ClassNames, decoder, resize, MaxDecodedBytes);
    }

    /// <summary>
    /// Reads a folder as <see cref="ReadFolder"/> does, in consecutive sets of at most <paramref name="batchImages"/>
    /// images and at most <paramref name="batchBytes"/> decoded bytes (at least one image each), so memory does not
    /// grow with the folder. Every set has the first image's shape (after <paramref name="resize"/>); a file that does
    /// not decode or has another size is an error when its set is read.
    /// </summary>
    public static IEnumerable<ImageSet> ReadFolderBatches(string folder, IImageDecoder decoder, (int Width, int Height)? resize,
        int batchImages, long batchBytes, out bool labeled, out int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchImages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchBytes, 1);
        var listing = ListFolder(folder);
        labeled = listing.Labeled;
        count = listing.Files.Count;
        return Batches(folder, listing.Files, listing.ClassNames, decoder, resize, batchImages, batchBytes);
    }

    private static IEnumerable<ImageSet> Batches(string folder, List<(string Path, int Class)> files, string[] names, IImageDecoder decoder,
        (int Width, int Height)? resize, int batchImages, long batchBytes)
    {
        var first = Decode(files[0].Path, decoder, resize);
        var shape = new ImageShape(3, first.Height, first.Width);
        int per = (int)Math.Clamp(batchBytes / shape.Size, 1, batchImages);
        for (int start = 0; start < files.Count; start += per)
        {
            var part = files.GetRange(start, Math.Min(per, files.Count - start));
            yield return DecodeAll(part, names, decoder, resize, shape, start == 0 ? first : null, files[0].Path);
        }
    }

    /// <summary>The files a folder holds for scoring, their classes and whether they came from class folders.</summary>
    private static (List<(string Path, int Class)> Files, string[] ClassNames, bool Labeled) ListFolder(string folder)
    {
        if (!Directory.Exists(folder)) throw new InvalidInputException($"{folder}: folder not found");
        var own = ImageFiles(folder);
        if (own.Length == 0 && ClassFolders(folder).Length > 0)
        {
            var names = ClassFolders(folder);
            var files = new List<(string Path, int Class)>();
            for (int c = 0; c < names.Length; c++) files.AddRange(ImageFiles(Path.Combine(folder, names[c])).Select(p => (p, c)));
            if (files.Count == 0) throw new InvalidInputException($"{folder}: no .png or .jpg files in its class folders");
            return (files, names, true);
        }
        if (own.Length == 0) throw new InvalidInputException($"{folder}: no .png or .jpg files, and no class folders holding them");
        return (own.Select(p => (p, 0)).ToList(), [Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))], false);
    }

    /// <summary>The sub-folder names of <paramref name="folder"/>, sorted ordinally.</summary>
    public static string[] ClassFolders(string folder) =>
        Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    private static string[] ImageFiles(string dir) =>
        Directory.GetFiles(dir).Where(p => Extensions.Contains(Path.GetExtension(p).ToLowerInvariant())).Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The most decoded pixel bytes a set may take: one .NET array's limit (about 2 GiB). A folder that would need more
    /// is refused before the rest is decoded, with the size it would take and the --resize that would fit.
    /// </summary>
    public static long MaxDecodedBytes => Array.MaxLength;

    /// <summary>Decodes <paramref name="files"/> of <paramref name="folder"/> (the first one alone first, for the shape) within <paramref name="maxBytes"/> decoded bytes.</summary>
    internal static ImageSet Decode(string folder, List<(string Path, int Class)> files, IReadOnlyList<string> names, IImageDecoder decoder, (int Width, int Height)? resize, long maxBytes)
    {
        var first = Decode(files[0].Path, decoder, resize);
        var shape = new ImageShape(3, first.Height, first.Width);
        long total = (long)files.Count * shape.Size;
        if (total > maxBytes)
        {
            // The largest square size whose images fit, rounded down to a multiple of 8 (at least 8).
            int side = Math.Max(8, (int)Math.Sqrt(maxBytes / 3.0 / files.Count) / 8 * 8);
            throw new InvalidInputException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{folder}: {files.Count} images of {shape.Width}x{shape.Height} RGB would take {total / 1048576.0:F0} MB decoded, above the limit of {maxBytes / 1048576.0:F0} MB; pass {(resize is null ? "" : "a smaller ")}--resize WxH (for example --resize {side}x{side}) to decode them smaller"));
        }
        return DecodeAll(files, names, decoder, resize, shape, first, files[0].Path);
    }

    /// <summary>
    /// Decodes <paramref name="files"/> on all cores into one set of <paramref name="shape"/> (<paramref name="first"/>:
    /// the first file, already decoded, or null); a file of another size is reported against <paramref name="shapeFrom"/>.
    /// </summary>
    private static ImageSet DecodeAll(List<(string Path, int Class)> files, IReadOnlyList<string> names, IImageDecoder decoder,
        (int Width, int Height)? resize, ImageShape shape, DecodedImage? first, string shapeFrom)
    {
        var pixels = new byte[(long)files.Count * shape.Size];
        var errors = new ConcurrentBag<(int Index, string Message)>();
        Parallel.For(0, files.Count, (i, state) =>
        {
            try
            {
                var image = i == 0 && first is not null ? first : Decode(files[i].Path, decoder, resize);
                if (image.Width != shape.Width || image.Height != shape.Height)
                    throw new InvalidInputException(
                        $"{files[i].Path}: {image.Width}x{image.Height} pixels, expected {shape.Width}x{shape.Height} like {shapeFrom}; resize to one size WxH to read mixed sizes");
                ToChannelMajor(image.Rgb, pixels.AsSpan(i * shape.Size, shape.Size), shape);
            }
            catch (InvalidInputException e)
            {
                errors.Add((i, e.Message));
                state.Stop();
            }
        });
        // Report the first bad file in reading order, whatever the thread scheduling.
        if (!errors.IsEmpty) throw new InvalidInputException(errors.MinBy(e => e.Index).Message);
        return new ImageSet(pixels, shape, files.Select(f => f.Class).ToArray(), names);
    }

    /// <summary>
    /// The most pixels one image may have to be decoded at its own size: 64 megapixels (for example 8192x8192), whose
    /// decoding takes about 450 MB. A larger image is refused before it is decoded unless a resize is given.
    /// </summary>
    public const long MaxImagePixels = 1L << 26;

    private static DecodedImage Decode(string path, IImageDecoder decoder, (int Width, int Height)? resize)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) // gone since listed, a dangling link, no permission
        {
            throw new InvalidInputException($"{path}: cannot be read ({e.Message})");
        }
        if (resize is null && decoder.ReadSize(bytes) is { } size && (long)size.Width * size.Height > MaxImagePixels)
            throw new InvalidInputException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{path}: {size.Width}x{size.Height} pixels, above the limit of {MaxImagePixels / 1048576} megapixels for an image decoded at its own size; pass --resize WxH (for example --resize 224x224) to decode it smaller"));
        var image = decoder.Decode(bytes, resize)
            ?? throw new InvalidInputException($"{path}: does not decode as a PNG or JPEG image ({bytes.Length} bytes)");
        if (image.Rgb.Length != image.Width * image.Height * 3)
            throw new InvalidInputException($"{path}: the decoder returned {image.Rgb.Length} bytes for {image.Width}x{image.Height} RGB");
        return image;
    }

    private static void ToChannelMajor(byte[] rgb, Span<byte> chw, ImageShape shape)
    {
        int plane = shape.Height * shape.Width;
        for (int p = 0; p < plane; p++)
        {
            chw[p] = rgb[3 * p];
            chw[plane + p] = rgb[3 * p + 1];
            chw[2 * plane + p] = rgb[3 * p + 2];
        }
    }
}
