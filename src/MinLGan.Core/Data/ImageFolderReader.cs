using System.Collections.Concurrent;

namespace MinLGan.Data;

/// <summary>Decodes one image file into RGB bytes; the image-folder reader's only native need, kept out of Core.</summary>
public interface IImageDecoder
{
    /// <summary>
    /// The image as RGB bytes, row by row ([height, width, 3]), resized to <paramref name="resize"/> (width, height)
    /// when given; null when the bytes are not an image this decoder reads.
    /// </summary>
    DecodedImage? Decode(byte[] file, (int Width, int Height)? resize);
}

/// <summary>A decoded image: RGB bytes, [height, width, 3].</summary>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="Rgb">[height · width · 3] bytes.</param>
public sealed record DecodedImage(int Width, int Height, byte[] Rgb);

/// <summary>
/// Reads <c>ROOT/&lt;split&gt;/&lt;class&gt;/*.png|*.jpg|*.jpeg</c>: classes are the sub-folder names in ordinal
/// order, files are read in ordinal order of their names, decoding runs on all cores. Every image must have the size
/// of the first one unless a resize is given. A file that does not decode is reported by name.
/// </summary>
public static class ImageFolderReader
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg"];

    /// <summary>Reads one split; <paramref name="classNames"/> fixes the class order (default: the folder names, sorted).</summary>
    public static ImageSet Read(string root, string split, IImageDecoder decoder, (int Width, int Height)? resize = null,
        IReadOnlyList<string>? classNames = null)
    {
        string folder = Path.Combine(root, split);
        if (!Directory.Exists(folder)) throw new InvalidInputException($"{folder}: folder not found (expected ROOT/{split}/<class>/*.png|*.jpg)");
        var found = Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        if (found.Length == 0) throw new InvalidInputException($"{folder}: no class folders (expected {folder}/<class>/*.png|*.jpg)");
        var names = classNames ?? found;
        foreach (var f in found)
            if (!names.Contains(f)) throw new InvalidInputException($"{Path.Combine(folder, f)}: class {f} is not one of {string.Join(", ", names)}");
        var files = new List<(string Path, int Class)>();
        for (int c = 0; c < names.Count; c++)
        {
            string dir = Path.Combine(folder, names[c]);
            if (!Directory.Exists(dir)) continue;
            files.AddRange(Directory.GetFiles(dir)
                .Where(p => Extensions.Contains(Path.GetExtension(p).ToLowerInvariant()))
                .Order(StringComparer.Ordinal)
                .Select(p => (p, c)));
        }
        if (files.Count == 0) throw new InvalidInputException($"{folder}: no .png or .jpg files in its class folders");

        var first = Decode(files[0].Path, decoder, resize);
        var shape = new ImageShape(3, first.Height, first.Width);
        var pixels = new byte[(long)files.Count * shape.Size];
        var errors = new ConcurrentBag<(int Index, string Message)>();
        Parallel.For(0, files.Count, (i, state) =>
        {
            try
            {
                var image = i == 0 ? first : Decode(files[i].Path, decoder, resize);
                if (image.Width != shape.Width || image.Height != shape.Height)
                    throw new InvalidInputException(
                        $"{files[i].Path}: {image.Width}x{image.Height} pixels, expected {shape.Width}x{shape.Height} like {files[0].Path}; give a resize (--resize WxH) to read mixed sizes");
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
