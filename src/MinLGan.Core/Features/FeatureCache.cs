using System.Security.Cryptography;
using System.Text;
using MinLGan.Data;

namespace MinLGan.Features;

/// <summary>
/// Image features kept on disk, one file per image set, keyed by content: the sha256 of the extractor's
/// <see cref="IImageFeatureExtractor.Identity"/>, the image shape and every pixel (not file names, sizes or times), so the
/// same images meet the same features on any later run and changed images or weights never do. Files are written through
/// a temporary file and a rename; a file that does not read back whole is recomputed and replaced, with a note. A folder
/// that cannot be written costs only the caching: the features are returned, with a note.
/// </summary>
public sealed class FeatureCache
{
    private static readonly byte[] Magic = "MLGFEAT1"u8.ToArray();

    /// <summary>A cache in <paramref name="directory"/> (created on first write).</summary>
    public FeatureCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The folder holding the cache files.</summary>
    public string Directory { get; }

    /// <summary>
    /// The default folder: <c>$MINLGAN_CACHE/features</c>, else <c>$XDG_CACHE_HOME/minlgan/features</c>, else
    /// <c>~/.cache/minlgan/features</c>.
    /// </summary>
    public static string DefaultDirectory()
    {
        string? own = Environment.GetEnvironmentVariable("MINLGAN_CACHE");
        if (!string.IsNullOrWhiteSpace(own)) return Path.Combine(own, "features");
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string root = !string.IsNullOrWhiteSpace(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "minlgan", "features");
    }

    /// <summary>The content key of <paramref name="images"/> under <paramref name="extractor"/> (64 hex digits).</summary>
    public static string Key(IImageFeatureExtractor extractor, ImageSet images)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(Encoding.UTF8.GetBytes($"{extractor.Identity}\n{images.Shape}\n{images.Count}\n"));
        for (int i = 0; i < images.Count; i++) h.AppendData(images.Image(i));
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }

    /// <summary>The cache file for a key.</summary>
    public string PathFor(string key) => Path.Combine(Directory, key + ".f32");

    /// <summary>
    /// <paramref name="images"/> with its features attached (<see cref="ImageSet.WithFeatures"/>): read from the cache when
    /// present and whole, else extracted and stored. <paramref name="notes"/> hears what happened, in one line.
    /// </summary>
    public ImageSet Attach(ImageSet images, IImageFeatureExtractor extractor, IProgress<int>? progress, Action<string> notes, CancellationToken ct)
    {
        string key = Key(extractor, images);
        string path = PathFor(key);
        DateTime? seen = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : null;
        if (seen is not null && ReadBack(images, extractor, path, key, notes) is { } found) return found;

        // Processes started together on the same images (parallel evaluate or reproduce workers) extract them once:
        // the first holds the key's lock while it extracts, the others wait and then read its file.
        using var held = LockKey(path, notes);
        if (held is not null && File.Exists(path) && File.GetLastWriteTimeUtc(path) != seen
            && ReadBack(images, extractor, path, key, notes) is { } madeMeanwhile)
            return madeMeanwhile;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var features = extractor.Extract(images, progress, ct);
        if (features.Length != (long)images.Count * extractor.Dimension)
            throw new InvalidOperationException($"{extractor.Name} returned {features.Length} values for {images.Count} images of {extractor.Dimension}");
        string took = $"features: {extractor.Name} extracted for {images.Count} images in {sw.Elapsed.TotalSeconds:F1} s";
        try
        {
            AtomicFile.Write(path, s => WriteFile(s, key, images.Count, extractor.Dimension, features), overwrite: true);
            notes($"{took}, stored in {path}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The features are in hand: a cache that cannot be written costs the next run the extraction, not this one its result.
            notes($"{took}; not cached, {Directory} cannot be written ({e.Message}); set MINLGAN_CACHE to a writable folder");
        }
        return images.WithFeatures(features, extractor.Dimension, extractor.Name);
    }

    /// <summary>The cached features attached to <paramref name="images"/>, or null (with a note) when the file is not whole.</summary>
    private static ImageSet? ReadBack(ImageSet images, IImageFeatureExtractor extractor, string path, string key, Action<string> notes)
    {
        var cached = TryRead(path, key, images.Count, extractor.Dimension, out string? problem);
        if (cached is null)
        {
            notes($"features: the cache file {path} {problem}; extracting again and replacing it");
            return null;
        }
        notes($"features: {extractor.Name} for {images.Count} images read from the cache {path}");
        return images.WithFeatures(cached, extractor.Dimension, extractor.Name);
    }

    /// <summary>
    /// The lock on one cache file (<c>KEY.f32.lock</c>), or null when it cannot be had: a folder that cannot be written
    /// (the write below says so) or another holder for 30 minutes (said here); either way the extraction goes ahead.
    /// </summary>
    private static IDisposable? LockKey(string path, Action<string> notes)
    {
        string lockPath = path + ".lock";
        try
        {
            return FileLock.Acquire(lockPath, $"the features {Path.GetFileName(path)}", notes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(lockPath)) notes($"features: {e.Message}; extracting without the lock");
            return null;
        }
    }

    private static void WriteFile(Stream s, string key, int count, int dimension, float[] features)
    {
        using var w = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(key);
        w.Write(count);
        w.Write(dimension);
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(features.AsSpan()));
    }

    private static float[]? TryRead(string path, string key, int count, int dimension, out string? problem)
    {
        try
        {
            using var fs = File.OpenRead(path);
            using var r = new BinaryReader(fs, Encoding.UTF8);
            problem = "does not start like a feature cache file";
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) return null;
            problem = "belongs to other images or another extractor";
            if (r.ReadString() != key) return null;
            int n = r.ReadInt32(), d = r.ReadInt32();
            problem = $"holds {n} x {d} features, expected {count} x {dimension}";
            if (n != count || d != dimension) return null;
            var features = new float[(long)count * dimension];
            var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(features.AsSpan());
            problem = "is truncated or has trailing bytes";
            if (fs.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) != bytes.Length || fs.Position != fs.Length) return null;
            problem = "holds a value that is not finite";
            foreach (float v in features) if (!float.IsFinite(v)) return null;
            problem = null;
            return features;
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or UnauthorizedAccessException)
        {
            problem = $"could not be read ({e.Message})";
            return null;
        }
    }
}
