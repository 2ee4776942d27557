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
        if (!Directory.Exists(folder)) throw new InvalidInputException($"{folder}: folder not found");
        var own = ImageFiles(folder);
        labeled = own.Length == 0 && ClassFolders(folder).Length > 0;
        if (labeled) return ReadClasses(folder, decoder, resize);
        if (own.Length == 0) throw new InvalidInputException($"{folder}: no .png or .jpg files, and no class folders holding them");
        return Decode(folder, own.Select(p => (p, 0)).ToList(), [Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))], decoder, resize, MaxDecodedBytes);
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
        var pixels = new byte[total];
        var errors = new ConcurrentBag<(int Index, string Message)>();
        Parallel.For(0, files.Count, (i, state) =>
        {
            try
            {
                var image = i == 0 ? first : Decode(files[i].Path, decoder, resize);
                if (image.Width != shape.Width || image.Height != shape.Height)
                    throw new InvalidInputException(
                        $"{files[i].Path}: {image.Width}x{image.Height} pixels, expected {shape.Width}x{shape.Height} like {files[0].Path}; resize to one size WxH to read mixed sizes");
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

    private static DecodedImage Decode(string path, IImageDecoder decoder, (int Width, int Height)? resize)
    {
        var bytes = File.ReadAllBytes(path);
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
