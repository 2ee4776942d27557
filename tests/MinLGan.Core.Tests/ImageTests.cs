using System.Formats.Tar;
using System.IO.Compression;
using MinLGan.Data;
using MinLGan.Evaluation;

namespace MinLGan.Core.Tests;

/// <summary>
/// A decoder for a tiny test format, "TIMG" + width + height + RGB bytes; anything else does not decode.
/// The image-folder reader's logic is tested with it; SkiaSharp decoding is tested in the CLI tests.
/// </summary>
internal sealed class TestDecoder : IImageDecoder
{
    public static byte[] Encode(int width, int height, Func<int, int, int, byte> pixel)
    {
        var bytes = new List<byte> { (byte)'T', (byte)'I', (byte)'M', (byte)'G', (byte)width, (byte)height };
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < 3; c++) bytes.Add(pixel(x, y, c));
        return bytes.ToArray();
    }

    public DecodedImage? Decode(byte[] file, (int Width, int Height)? resize)
    {
        if (file.Length < 6 || file[0] != 'T' || file[1] != 'I' || file[2] != 'M' || file[3] != 'G') return null;
        int w = file[4], h = file[5];
        if (file.Length != 6 + w * h * 3) return null;
        if (resize is { } r && (r.Width != w || r.Height != h))
        {
            // Nearest neighbour, enough for a test.
            var rgb = new byte[r.Width * r.Height * 3];
            for (int y = 0; y < r.Height; y++)
                for (int x = 0; x < r.Width; x++)
                    for (int c = 0; c < 3; c++)
                        rgb[(y * r.Width + x) * 3 + c] = file[6 + ((y * h / r.Height) * w + x * w / r.Width) * 3 + c];
            return new DecodedImage(r.Width, r.Height, rgb);
        }
        return new DecodedImage(w, h, file[6..]);
    }
}

public class ImageTests
{
    /// <summary>Images whose pixel values encode (image, channel, position), and classes i % 10.</summary>
    private static ImageSet Synthetic(int count, int seed = 0)
    {
        var shape = Cifar10BinaryReader.Shape;
        var pixels = new byte[count * shape.Size];
        var rng = new SeededRandom(seed);
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)rng.NextInt(256);
        return new ImageSet(pixels, shape, Enumerable.Range(0, count).Select(i => i % 10).ToArray(), Cifar10BinaryReader.ClassNames);
    }

    [Fact]
    public void GivenImagesAboveTheDecodedLimit_WhenRead_ThenRefusedBeforeDecodingTheRest_AndAResizeThatFitsIsNamed()
    {
        using var dir = new TempDir();
        var decoder = new CountingDecoder();
        var files = new List<(string Path, int Class)>();
        for (int i = 0; i < 10; i++)
        {
            string p = dir.File($"img{i}.timg");
            File.WriteAllBytes(p, TestDecoder.Encode(40, 30, (x, y, c) => (byte)(x + y + c)));
            files.Add((p, 0));
        }
        // 10 images of 40x30 RGB take 36,000 bytes; a limit of 20,000 refuses them after one decode.
        var e = Assert.Throws<InvalidInputException>(() => ImageFolderReader.Decode(dir.Path, files, ["a"], decoder, null, 20_000));
        Assert.Equal(1, decoder.Calls);
        Assert.StartsWith($"{dir.Path}: 10 images of 40x30 RGB would take 0 MB decoded, above the limit of 0 MB; pass --resize WxH (for example --resize 24x24)", e.Message);
        // 24x24 fits: 10 x 24 x 24 x 3 = 17,280 bytes; with that resize they are read.
        decoder.Calls = 0;
        var set = ImageFolderReader.Decode(dir.Path, files, ["a"], decoder, (24, 24), 20_000);
        Assert.Equal(10, set.Count);
        Assert.Equal(10, decoder.Calls);
        Assert.Contains("pass a smaller --resize", Assert.Throws<InvalidInputException>(() => ImageFolderReader.Decode(dir.Path, files, ["a"], decoder, (30, 30), 20_000)).Message);
        Assert.Equal(Array.MaxLength, ImageFolderReader.MaxDecodedBytes);
    }

    /// <summary>TestDecoder that counts its decodes and, when <see cref="Header"/> is set, reads sizes from it.</summary>
    private sealed class CountingDecoder : IImageDecoder
    {
        private readonly TestDecoder _inner = new();
        public int Calls;
        public Func<byte[], (int Width, int Height)?>? Header;

        public DecodedImage? Decode(byte[] file, (int Width, int Height)? resize)
        {
            Interlocked.Increment(ref Calls);
            return _inner.Decode(file, resize);
        }

        public (int Width, int Height)? ReadSize(byte[] file) => Header?.Invoke(file);
    }

    [Fact]
    public void GivenAFolder_WhenReadInBatches_ThenTheBatchesJoinToTheWholeReadAndBytesBoundEachBatch()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 7; i++) WriteImage(dir.Path, "t", "a", $"{i}.png", TestDecoder.Encode(4, 3, (x, y, c) => (byte)(i * 16 + x + y + c)));
        for (int i = 0; i < 4; i++) WriteImage(dir.Path, "t", "b", $"{i}.png", TestDecoder.Encode(4, 3, (x, y, c) => (byte)(200 - i - x)));
        string folder = Path.Combine(dir.Path, "t");
        var whole = ImageFolderReader.ReadFolder(folder, new TestDecoder(), null, out bool labeled);
        Assert.True(labeled);
        // At most 3 images, or at most 80 bytes (two images of 36): batches of 3 and of 2.
        foreach (var (images, bytes, sizes) in new[] { (3, 1000L, new[] { 3, 3, 3, 2 }), (5, 80L, new[] { 2, 2, 2, 2, 2, 1 }), (1, 1L, Enumerable.Repeat(1, 11).ToArray()) })
        {
            var decoder = new CountingDecoder();
            var batches = ImageFolderReader.ReadFolderBatches(folder, decoder, null, images, bytes, out bool l, out int count).ToList();
            Assert.True(l);
            Assert.Equal(11, count);
            Assert.Equal(sizes, batches.Select(b => b.Count).ToArray());
            Assert.Equal(11, decoder.Calls); // each file decoded once, the first included
            Assert.Equal(whole.Classes, batches.SelectMany(b => b.Classes).ToArray());
            Assert.All(batches, b => Assert.Equal(whole.ClassNames, b.ClassNames));
            var joined = batches.SelectMany(b => Enumerable.Range(0, b.Count).SelectMany(i => b.Image(i).ToArray())).ToArray();
            Assert.Equal(Enumerable.Range(0, 11).SelectMany(i => whole.Image(i).ToArray()).ToArray(), joined);
        }
        // A file of another size in a later batch is named when its batch is read.
        WriteImage(dir.Path, "t", "b", "9.png", TestDecoder.Encode(2, 2, (x, y, c) => 1));
        var later = ImageFolderReader.ReadFolderBatches(folder, new TestDecoder(), null, 3, 1000, out _, out _);
        var e = Assert.Throws<InvalidInputException>(() => later.ToList());
        Assert.Contains(Path.Combine("t", "b", "9.png") + ": 2x2 pixels, expected 4x3 like ", e.Message);
    }

    [Fact]
    public void GivenAnImageAboveTheLimitInItsHeader_WhenReadWithoutResize_ThenRefusedBeforeDecoding_AndWithAResizeItIsRead()
    {
        using var dir = new TempDir();
        WriteImage(dir.Path, "t", "a", "small.png", TestDecoder.Encode(4, 4, (x, y, c) => 5));
        WriteImage(dir.Path, "t", "a", "huge.png", TestDecoder.Encode(4, 4, (x, y, c) => 6));
        // The header of the file whose first pixel byte is 6 says 9000x8000; the others tell their true size.
        var decoder = new CountingDecoder { Header = file => file[6] == 6 ? (9000, 8000) : (file[4], file[5]) };
        var e = Assert.Throws<InvalidInputException>(() => ImageFolderReader.Read(dir.Path, "t", decoder));
        Assert.Equal($"{Path.Combine(dir.Path, "t", "a", "huge.png")}: 9000x8000 pixels, above the limit of 64 megapixels for an image decoded at its own size; pass --resize WxH (for example --resize 224x224) to decode it smaller", e.Message);
        Assert.Equal(0, decoder.Calls); // refused from the header: no pixel was decoded
        Assert.Equal(2, ImageFolderReader.Read(dir.Path, "t", decoder, (4, 4)).Count);
        Assert.Equal(1L << 26, ImageFolderReader.MaxImagePixels);
    }

    [Fact]
    public void GivenImages_WhenWrittenAndReadAsCifarBinary_ThenEveryByteAndLabelRoundTrips()
    {
        using var dir = new TempDir();
        var images = Synthetic(23);
        Cifar10BinaryReader.Write(dir.File("b.bin"), images, overwrite: false);
        Assert.Equal(23 * 3073, new FileInfo(dir.File("b.bin")).Length);
        var back = Cifar10BinaryReader.Read([dir.File("b.bin")]);
        Assert.Equal(images.Classes, back.Classes);
        for (int i = 0; i < images.Count; i++) Assert.True(images.Image(i).SequenceEqual(back.Image(i)));
    }

    [Fact]
    public void GivenBatchFiles_WhenReadBySplit_ThenTrainConcatenatesFiveBatchesAndTestHasOne()
    {
        using var dir = new TempDir();
        for (int b = 1; b <= 5; b++) Cifar10BinaryReader.Write(dir.File($"data_batch_{b}.bin"), Synthetic(10, b), false);
        Cifar10BinaryReader.Write(dir.File("test_batch.bin"), Synthetic(7, 9), false);
        Assert.True(Cifar10BinaryReader.IsBatchFolder(dir.Path));
        var train = Cifar10BinaryReader.Read(dir.Path, "train");
        Assert.Equal(50, train.Count);
        Assert.True(train.Image(10).SequenceEqual(Synthetic(10, 2).Image(0)));
        Assert.Equal(7, Cifar10BinaryReader.Read(dir.Path, "test").Count);
    }

    [Fact]
    public void GivenATruncatedBatch_WhenRead_ThenTheMessageNamesTheFileAndTheRecordSize()
    {
        using var dir = new TempDir();
        Cifar10BinaryReader.Write(dir.File("b.bin"), Synthetic(2), false);
        var bytes = File.ReadAllBytes(dir.File("b.bin"));
        File.WriteAllBytes(dir.File("b.bin"), bytes[..^1]);
        var e = Assert.Throws<InvalidInputException>(() => Cifar10BinaryReader.Read([dir.File("b.bin")]));
        Assert.Contains("b.bin: 6145 bytes is not a whole number of 3073-byte records", e.Message);
    }

    [Fact]
    public void GivenALabelAboveNine_WhenRead_ThenTheMessageNamesTheRecord()
    {
        using var dir = new TempDir();
        Cifar10BinaryReader.Write(dir.File("b.bin"), Synthetic(3), false);
        var bytes = File.ReadAllBytes(dir.File("b.bin"));
        bytes[2 * 3073] = 10;
        File.WriteAllBytes(dir.File("b.bin"), bytes);
        var e = Assert.Throws<InvalidInputException>(() => Cifar10BinaryReader.Read([dir.File("b.bin")]));
        Assert.Contains("record 3 (byte offset 6146) has label 10; expected 0..9", e.Message);
    }

    private static void WriteImage(string root, string split, string cls, string name, byte[] bytes)
    {
        string dir = Path.Combine(root, split, cls);
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, name), bytes);
    }

    [Fact]
    public void GivenAnImageFolder_WhenRead_ThenClassesAreSortedAndPixelsChannelMajor()
    {
        using var dir = new TempDir();
        WriteImage(dir.Path, "train", "dog", "b.png", TestDecoder.Encode(2, 2, (x, y, c) => (byte)(100 + c)));
        WriteImage(dir.Path, "train", "cat", "a.png", TestDecoder.Encode(2, 2, (x, y, c) => (byte)(10 * c + 2 * y + x)));
        WriteImage(dir.Path, "train", "cat", "notes.txt", [1, 2, 3]); // not an image extension: ignored
        var set = ImageFolderReader.Read(dir.Path, "train", new TestDecoder());
        Assert.Equal(["cat", "dog"], set.ClassNames);
        Assert.Equal([0, 1], set.Classes);
        Assert.Equal(new ImageShape(3, 2, 2), set.Shape);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23 }, set.Image(0).ToArray());
    }

    [Fact]
    public void GivenACorruptFile_WhenTheFolderIsRead_ThenTheMessageNamesIt()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 20; i++) WriteImage(dir.Path, "test", "cat", $"{i:D2}.jpg", TestDecoder.Encode(4, 4, (x, y, c) => 7));
        WriteImage(dir.Path, "test", "cat", "13.jpg", [0xFF, 0xD8, 0xFF, 0x00]);
        var e = Assert.Throws<InvalidInputException>(() => ImageFolderReader.Read(dir.Path, "test", new TestDecoder()));
        Assert.Contains(Path.Combine("test", "cat", "13.jpg") + ": does not decode as a PNG or JPEG image", e.Message);
    }

    [Fact]
    public void GivenAFileThatCannotBeRead_WhenTheFolderIsRead_ThenTheMessageNamesIt()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 20; i++) WriteImage(dir.Path, "test", "cat", $"{i:D2}.jpg", TestDecoder.Encode(4, 4, (x, y, c) => 7));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "test", "cat", "07b.jpg"), Path.Combine(dir.Path, "gone.jpg")); // listed, not readable
        var e = Assert.Throws<InvalidInputException>(() => ImageFolderReader.Read(dir.Path, "test", new TestDecoder()));
        Assert.StartsWith(Path.Combine(dir.Path, "test", "cat", "07b.jpg") + ": cannot be read (", e.Message);
    }

    [Fact]
    public void GivenMixedSizes_WhenRead_ThenAnErrorUnlessAResizeIsGiven()
    {
        using var dir = new TempDir();
        WriteImage(dir.Path, "train", "a", "1.png", TestDecoder.Encode(4, 4, (x, y, c) => 1));
        WriteImage(dir.Path, "train", "a", "2.png", TestDecoder.Encode(2, 2, (x, y, c) => 2));
        var e = Assert.Throws<InvalidInputException>(() => ImageFolderReader.Read(dir.Path, "train", new TestDecoder()));
        Assert.Contains("2.png: 2x2 pixels, expected 4x4", e.Message);
        var resized = ImageFolderReader.Read(dir.Path, "train", new TestDecoder(), (3, 3));
        Assert.Equal(new ImageShape(3, 3, 3), resized.Shape);
    }

    [Fact]
    public void GivenCifarImages_WhenAClassIsNormal_ThenTrainIsThatClassAndTheTestPoolIsTheWholeTestSplit()
    {
        var train = Synthetic(200, 1);
        var test = Synthetic(100, 2);
        var data = new ImageProtocolData("cifar10-3", train, test, 3, new InputSpec("cifar10", "class", ["cat"]), []);
        var split = data.Split(0, new SplitOptions());
        Assert.Equal(20, split.Train.Rows);
        Assert.Equal(100, split.Holdout.Rows + split.Test.Rows);
        Assert.Equal(10, split.Holdout.Labels!.Concat(split.Test.Labels!).Count(l => l == 0));
        Assert.Equal(Cifar10BinaryReader.Shape, split.Train.ImageShape);
        Assert.Equal(5, split.Holdout.Labels!.Count(l => l == 0)); // at least 5 per class when the fraction gives fewer
        // Pixels are (x − 127.5) / 128: the first training image is train image 3.
        Assert.Equal((train.Image(3)[0] - 127.5f) / 128f, split.Train.Row(0)[0]);
        Assert.Equal(10, data.Split(0, new SplitOptions { MaxTrain = 10 }).Train.Rows);
        Assert.Equal(split.Test.Values.ToArray(), data.Split(0, new SplitOptions { MaxTrain = 10 }).Test.Values.ToArray());
    }

    [Fact]
    public void GivenATarGz_WhenExtracted_ThenTheFilesArriveAndAMarkerSaysComplete()
    {
        using var dir = new TempDir();
        string archive = dir.File("a.tar.gz");
        using (var fs = File.Create(archive))
        using (var gz = new GZipStream(fs, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gz))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "root/train/cat/1.png") { DataStream = new MemoryStream([1, 2, 3]) };
            tar.WriteEntry(entry);
        }
        Cifar10Source.Extract(archive, dir.File("out"));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(dir.File("out"), "root", "train", "cat", "1.png")));
        Assert.True(File.Exists(Path.Combine(dir.File("out"), ".complete")));
        File.WriteAllBytes(dir.File("bad.tar.gz"), [1, 2, 3, 4]);
        var e = Assert.Throws<InvalidInputException>(() => Cifar10Source.Extract(dir.File("bad.tar.gz"), dir.File("out2")));
        Assert.Contains("bad.tar.gz: not a readable .tar.gz", e.Message);
        Assert.False(Directory.Exists(dir.File("out2")));
    }
    [Fact]
    public async Task GivenTheCacheFolderLocked_WhenAnotherCallerLocksIt_ThenItWaitsForTheReleaseAndTimesOutWithTheLockFileNamed()
    {
        using var dir = new TempDir();
        string folder = dir.File("cache");
        var said = new List<string>();
        var first = Cifar10Source.LockFolder(folder, null);
        var e = Assert.Throws<IOException>(() => Cifar10Source.LockFolder(folder, said.Add, TimeSpan.FromMilliseconds(300)));
        Assert.Contains(Path.Combine(folder, ".lock") + ": still locked by another process", e.Message);
        Assert.Equal([$"waiting for another process that is preparing {folder}"], said);

        // A second caller gets the lock once the first lets go, not before.
        var released = new ManualResetEventSlim();
        var second = Task.Run(() =>
        {
            using var l = Cifar10Source.LockFolder(folder, null, TimeSpan.FromSeconds(30));
            return released.IsSet;
        });
        await Task.Delay(500);
        Assert.False(second.IsCompleted);
        released.Set();
        first.Dispose();
        Assert.True(await second.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void GivenACopyOfAnArchiveWithAnotherTime_WhenKeyed_ThenTheKeyIsTheSameAndAnotherContentGivesAnother()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("a.tar.gz"), [1, 2, 3]);
        File.Copy(dir.File("a.tar.gz"), dir.File("b.tar.gz"));
        File.SetLastWriteTimeUtc(dir.File("b.tar.gz"), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        File.WriteAllBytes(dir.File("c.tar.gz"), [1, 2, 4]);
        Assert.Equal(Cifar10Source.ContentKey(dir.File("a.tar.gz")), Cifar10Source.ContentKey(dir.File("b.tar.gz")));
        Assert.NotEqual(Cifar10Source.ContentKey(dir.File("a.tar.gz")), Cifar10Source.ContentKey(dir.File("c.tar.gz")));
        Assert.Equal("039058c6f2c0cb49", Cifar10Source.ContentKey(dir.File("a.tar.gz"))); // sha256sum of the bytes 1 2 3
    }

    /// <summary>Writes COUNT test-format images of WxH into FOLDER, pixel value VALUE + i (so each image differs).</summary>
    private static void WriteMany(string folder, int count, int size, byte value)
    {
        Directory.CreateDirectory(folder);
        for (int i = 0; i < count; i++)
            File.WriteAllBytes(Path.Combine(folder, $"{i:D3}.png"), TestDecoder.Encode(size, size, (x, y, c) => (byte)(value + i)));
    }

    private static ProtocolData LoadImages(string root, string[] normal, (int, int)? resize = null)
    {
        return Protocols.Get("images").Load(DataLocator.Resolve(root).WithReaders(new TestDecoder(), null), new InputArguments(root, null, normal, resize));
    }

    [Fact]
    public void GivenTrainAndTestFolders_WhenProtocolImagesSplits_ThenTrainHoldsNormalImagesOnlyAndTestClassesAreMatchedByName()
    {
        using var dir = new TempDir();
        WriteMany(Path.Combine(dir.Path, "train", "good"), 12, 4, 10);
        WriteMany(Path.Combine(dir.Path, "train", "scratch"), 3, 4, 200);
        WriteMany(Path.Combine(dir.Path, "test", "crack"), 8, 4, 150); // not a training class: matched by name, not index
        WriteMany(Path.Combine(dir.Path, "test", "good"), 6, 4, 20);
        WriteMany(Path.Combine(dir.Path, "test", "scratch"), 4, 4, 220);
        var data = LoadImages(dir.Path, ["good"]);
        Assert.Contains(data.Notes, n => n.Contains("3 images of classes other than good are not used"));
        Assert.Contains(data.Notes, n => n.StartsWith("images: 15 in ") && n.Contains("normal: good"));
        Assert.Equal("images", data.Input.Format);
        var split = data.Split(0, new SplitOptions());
        Assert.Equal(12, split.Train.Rows);
        Assert.Equal(new ImageShape(3, 4, 4), split.Train.ImageShape);
        Assert.All(Enumerable.Range(0, 12), i => Assert.True(split.Train.Row(i)[0] < (40 - 127.5f) / 128f)); // only "good" (10..21)
        var labels = split.Holdout.Labels!.Concat(split.Test.Labels!).ToArray();
        Assert.Equal(18, labels.Length);
        Assert.Equal(6, labels.Count(l => l == 0));
        Assert.Equal(3, split.Holdout.Labels!.Count(l => l == 0)); // min(5, 6 / 2) normal images go to the holdout
        // Test rows labelled normal are exactly the test/good images (pixel values 20..25).
        for (int i = 0; i < split.Test.Rows; i++)
        {
            float v = split.Test.Row(i)[0] * 128f + 127.5f;
            Assert.Equal(split.Test.Labels![i] == 0, v is >= 20 and <= 25);
        }

        var e = Assert.Throws<InvalidInputException>(() => LoadImages(dir.Path, ["good", "dent"]));
        Assert.Contains(Path.Combine(dir.Path, "train") + ": normal class dent is not a class folder there; class folders: good, scratch", e.Message);
    }

    [Fact]
    public void GivenOneFolderOfClasses_WhenProtocolImagesSplits_ThenNormalImagesAreSplitByTheTrainFraction()
    {
        using var dir = new TempDir();
        WriteMany(Path.Combine(dir.Path, "bad"), 10, 2, 200);
        WriteMany(Path.Combine(dir.Path, "ok"), 20, 2, 0);
        var split = LoadImages(dir.Path, ["ok"]).Split(3, new SplitOptions { TrainFraction = 0.8 });
        Assert.Equal(16, split.Train.Rows);
        Assert.Equal(14, split.Holdout.Rows + split.Test.Rows);
        Assert.Equal(4, split.Holdout.Labels!.Concat(split.Test.Labels!).Count(l => l == 0));
        Assert.All(Enumerable.Range(0, 16), i => Assert.True(split.Train.Row(i)[0] < 0)); // normal pixels 0..19
    }

    [Fact]
    public void GivenTrainAndTestOfDifferentSizes_WhenLoaded_ThenAnErrorSuggestsResizeAndResizeReadsBoth()
    {
        using var dir = new TempDir();
        WriteMany(Path.Combine(dir.Path, "train", "good"), 4, 4, 10);
        WriteMany(Path.Combine(dir.Path, "test", "good"), 3, 6, 10);
        WriteMany(Path.Combine(dir.Path, "test", "bad"), 3, 6, 90);
        var e = Assert.Throws<InvalidInputException>(() => LoadImages(dir.Path, ["good"]));
        Assert.Contains("images: training images are 4x4, test images 6x6; resize them to one size WxH", e.Message);
        var split = LoadImages(dir.Path, ["good"], (8, 8)).Split(0, new SplitOptions());
        Assert.Equal(new ImageShape(3, 8, 8), split.Test.ImageShape);

        Directory.Delete(Path.Combine(dir.Path, "test"), true);
        e = Assert.Throws<InvalidInputException>(() => LoadImages(dir.Path, ["good"]));
        Assert.Contains(Path.Combine(dir.Path, "test") + ": folder not found; ROOT/train/<class>/ and ROOT/test/<class>/ go together", e.Message);
    }

    [Fact]
    public void GivenAnImageModel_WhenAFolderIsRead_ThenClassFoldersGiveLabelsLooseFilesNoneAndAWrongSizeSaysWhichResize()
    {
        using var dir = new TempDir();
        var decoder = new TestDecoder();
        var features = ImageSet.FeatureNames(new ImageShape(3, 4, 4));
        var spec = new InputSpec("images", "class", ["good"]);
        WriteMany(Path.Combine(dir.Path, "labeled", "bad"), 2, 4, 100);
        WriteMany(Path.Combine(dir.Path, "labeled", "good"), 3, 4, 0);
        var labeled = InputReader.Read(spec, Path.Combine(dir.Path, "labeled"), features, null, decoder);
        Assert.Equal("class", labeled.LabelName);
        Assert.Equal(["bad", "bad", "good", "good", "good"], labeled.Labels!);
        Assert.Equal(new ImageShape(3, 4, 4), labeled.Rows.ImageShape);
        // A CIFAR-10 model reads a folder too (a binary batch file otherwise).
        var cifar = InputReader.Read(new InputSpec("cifar10", "class", ["cat"]), Path.Combine(dir.Path, "labeled"), features, null, decoder);
        Assert.Equal(labeled.Rows.Values.ToArray(), cifar.Rows.Values.ToArray());

        WriteMany(Path.Combine(dir.Path, "loose"), 4, 6, 0);
        var e = Assert.Throws<InvalidInputException>(() => InputReader.Read(spec, Path.Combine(dir.Path, "loose"), features, null, decoder));
        Assert.Contains("loose: images are 6x6, the model expects 4x4; resize them to 4x4", e.Message);
        var loose = InputReader.Read(spec, Path.Combine(dir.Path, "loose"), features, (4, 4), decoder);
        Assert.Null(loose.Labels);
        Assert.Equal(4, loose.Rows.Rows);

        e = Assert.Throws<InvalidInputException>(() => InputReader.Read(new InputSpec("csv", null, []), dir.File("x.csv"), ["a"], (4, 4)));
        Assert.Contains("a resize is for image models", e.Message);
        e = Assert.Throws<InvalidInputException>(() => InputReader.Read(spec, dir.File("x.csv"), features));
        Assert.Contains("x.csv: not a folder", e.Message);
    }
}
