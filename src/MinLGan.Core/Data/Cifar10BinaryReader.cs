namespace MinLGan.Data;

/// <summary>
/// CIFAR-10's canonical binary format (<c>cifar-10-batches-bin</c>): records of one label byte (0..9) and 3072 pixel
/// bytes, channel-major (1024 red, 1024 green, 1024 blue, each row by row). Training images come from
/// <c>data_batch_1.bin</c> .. <c>data_batch_5.bin</c>, test images from <c>test_batch.bin</c>. Every file is checked:
/// a whole number of records, and labels in 0..9.
/// </summary>
public static class Cifar10BinaryReader
{
    /// <summary>The shape of a CIFAR-10 image.</summary>
    public static readonly ImageShape Shape = new(3, 32, 32);

    /// <summary>CIFAR-10's class names, by label.</summary>
    public static readonly IReadOnlyList<string> ClassNames =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    private const int RecordSize = 1 + 3072;

    /// <summary>The batch files of a split: data_batch_1..5.bin (train) or test_batch.bin (test).</summary>
    public static IReadOnlyList<string> Files(string split) => split switch
    {
        "train" => Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin").ToArray(),
        "test" => ["test_batch.bin"],
        _ => throw new ArgumentException($"split {split}: expected train or test", nameof(split)),
    };

    /// <summary>True when <paramref name="folder"/> holds every batch file.</summary>
    public static bool IsBatchFolder(string folder) =>
        Files("train").Concat(Files("test")).All(f => File.Exists(Path.Combine(folder, f)));

    /// <summary>Reads one split of the folder's batch files.</summary>
    public static ImageSet Read(string folder, string split) => Read(Files(split).Select(f => Path.Combine(folder, f)).ToArray());

    /// <summary>Reads and concatenates batch files.</summary>
    public static ImageSet Read(IReadOnlyList<string> paths)
    {
        var sizes = new long[paths.Count];
        for (int f = 0; f < paths.Count; f++)
        {
            var info = new FileInfo(paths[f]);
            if (!info.Exists) throw new InvalidInputException($"{paths[f]}: file not found (CIFAR-10 binary batches: data_batch_1..5.bin, test_batch.bin)");
            sizes[f] = info.Length;
            if (info.Length == 0 || info.Length % RecordSize != 0)
                throw new InvalidInputException(
                    $"{paths[f]}: {info.Length} bytes is not a whole number of {RecordSize}-byte records (1 label byte + 3072 pixel bytes)");
        }
        long total = sizes.Sum() / RecordSize;
        if (total > int.MaxValue / Shape.Size) throw new InvalidInputException($"{paths[0]}: too many images ({total})");
        var pixels = new byte[total * Shape.Size];
        var classes = new int[total];
        int n = 0;
        var record = new byte[RecordSize];
        for (int f = 0; f < paths.Count; f++)
        {
            using var stream = File.OpenRead(paths[f]);
            for (long r = 0; r < sizes[f] / RecordSize; r++, n++)
            {
                stream.ReadExactly(record);
                if (record[0] > 9)
                    throw new InvalidInputException($"{paths[f]}: record {r + 1} (byte offset {r * RecordSize}) has label {record[0]}; expected 0..9");
                classes[n] = record[0];
                record.AsSpan(1).CopyTo(pixels.AsSpan(n * Shape.Size, Shape.Size));
            }
        }
        return new ImageSet(pixels, Shape, classes, ClassNames);
    }

    /// <summary>Writes images in the binary format (for tests and for converting an image folder).</summary>
    public static void Write(string path, ImageSet images, bool overwrite)
    {
        if (images.Shape != Shape) throw new ArgumentException($"CIFAR-10 records hold {Shape} images, not {images.Shape}", nameof(images));
        AtomicFile.Write(path, s =>
        {
            for (int i = 0; i < images.Count; i++)
            {
                s.WriteByte((byte)images.Classes[i]);
                s.Write(images.Image(i));
            }
        }, overwrite);
    }
}
