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
    private readonly float[]? _features;
    private readonly string[]? _featureNames;

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

    private ImageSet(ImageSet images, float[] features, int dimension, string name)
    {
        _pixels = images._pixels;
        _classes = images._classes;
        Shape = images.Shape;
        ClassNames = images.ClassNames;
        _features = features;
        _featureNames = Enumerable.Range(0, dimension).Select(j => $"{name}_{j}").ToArray();
    }

    /// <summary>
    /// The same images with a feature row each (row-major [<see cref="Count"/> × <paramref name="dimension"/>], taken,
    /// not copied), named {name}_0, {name}_1, ...: <see cref="ToDataset"/> then gives those rows instead of the pixels.
    /// </summary>
    public ImageSet WithFeatures(float[] features, int dimension, string name)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (features.Length != (long)Count * dimension)
            throw new ArgumentException($"{features.Length} feature values are not {Count} images of {dimension}", nameof(features));
        return new ImageSet(this, features, dimension, name);
    }

    /// <summary>
    /// The images of pixel rows made by <see cref="ToDataset"/> (values (b − 127.5) / 128, image shape attached) back as
    /// bytes, exactly, in one class "unlabeled"; rows off that grid are an <see cref="ArgumentException"/>.
    /// </summary>
    public static ImageSet FromPixelRows(Dataset rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var shape = rows.ImageShape ?? throw new ArgumentException("the rows carry no image shape", nameof(rows));
        var values = rows.Values;
        var bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double b = values[i] * 128.0 + 127.5;
            int r = (int)Math.Round(b);
            if (r is < 0 or > 255 || Math.Abs(b - r) > 1e-3)
                throw new ArgumentException($"value {values[i]} at {i} is not a pixel scaled as (b - 127.5) / 128", nameof(rows));
            bytes[i] = (byte)r;
        }
        return new ImageSet(bytes, shape, new int[rows.Rows], ["unlabeled"]);
    }

    /// <summary>True when <see cref="WithFeatures"/> attached feature rows.</summary>
    public bool HasFeatures => _features is not null;

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
    /// The selected images' feature rows when <see cref="WithFeatures"/> attached them (no image shape: every detector
    /// treats them as tabular rows); otherwise the selected images as float rows scaled as improved-gan does, (x − 127.5) / 128, into about [−1, 1], with the
    /// image shape attached (convolutional detectors read it; the others see flattened pixels).
    /// </summary>
    public Dataset ToDataset(IReadOnlyList<int> indices, int[]? labels)
    {
        if (_features is not null)
        {
            int dim = _featureNames!.Length;
            var rows = new float[(long)indices.Count * dim];
            for (int i = 0; i < indices.Count; i++) _features.AsSpan(indices[i] * dim, dim).CopyTo(rows.AsSpan(i * dim, dim));
            return new Dataset(rows, indices.Count, _featureNames, labels);
        }
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
