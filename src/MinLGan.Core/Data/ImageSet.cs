namespace MinLGan.Data;

/// <summary>
/// Labeled images kept compact: one byte per pixel value, channel-major per image ([count, channels, height, width]),
/// with a class index per image and the class names. Both image readers (CIFAR-10 binary, image folders) produce it;
/// floats are made only for the images a split selects (<see cref="ToDataset"/>).
/// </summary>
public sealed class ImageSet
{
    private readonly byte[] _pixels;
    private readonly int[] _classes;

    /// <summary>Wraps pixels ([count · shape.Size], channel-major per image; taken, not copied) and class indices.</summary>
    public ImageSet(byte[] pixels, ImageShape shape, int[] classes, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(classes);
        if ((long)classes.Length * shape.Size != pixels.Length)
            throw new ArgumentException($"{pixels.Length} pixel values are not {classes.Length} images of {shape}", nameof(pixels));
        if (classes.Any(c => c < 0 || c >= classNames.Count))
            throw new ArgumentException($"class indices must be in [0, {classNames.Count})", nameof(classes));
        _pixels = pixels;
        _classes = classes;
        Shape = shape;
        ClassNames = classNames.ToArray();
    }

    /// <summary>Number of images.</summary>
    public int Count => _classes.Length;

    /// <summary>Shape of every image.</summary>
    public ImageShape Shape { get; }

    /// <summary>Class index of each image.</summary>
    public IReadOnlyList<int> Classes => _classes;

    /// <summary>Class names, by index.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>One image's bytes, [channels, height, width].</summary>
    public ReadOnlySpan<byte> Image(int index) => _pixels.AsSpan(index * Shape.Size, Shape.Size);

    /// <summary>Feature names of flattened images: c{channel}y{row}x{column}.</summary>
    public static IReadOnlyList<string> FeatureNames(ImageShape shape)
    {
        var names = new string[shape.Size];
        int k = 0;
        for (int c = 0; c < shape.Channels; c++)
            for (int y = 0; y < shape.Height; y++)
                for (int x = 0; x < shape.Width; x++)
                    names[k++] = $"c{c}y{y}x{x}";
        return names;
    }

    /// <summary>
    /// The selected images as float rows scaled as improved-gan does, (x − 127.5) / 128, into about [−1, 1], with the
    /// image shape attached (convolutional detectors read it; the others see flattened pixels).
    /// </summary>
    public Dataset ToDataset(IReadOnlyList<int> indices, int[]? labels)
    {
        int size = Shape.Size;
        var values = new float[(long)indices.Count * size];
        Parallel.For(0, indices.Count, i =>
        {
            var src = Image(indices[i]);
            var dst = values.AsSpan(i * size, size);
            for (int k = 0; k < size; k++) dst[k] = (src[k] - 127.5f) / 128f;
        });
        return new Dataset(values, indices.Count, FeatureNames(Shape), labels, Shape);
    }
}
