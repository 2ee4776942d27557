namespace MinLGan.Data;

/// <summary>
/// Finds the data folder and the canonical files in it. The folder is the one given (<c>--data</c>), else
/// the <c>MINLGAN_DATA</c> environment variable, else <c>../shared/data</c> beside the working folder or one of
/// its parents. Files are looked for in the folder and its immediate subfolders, plain or .gz.
/// </summary>
public sealed class DataLocator
{
    /// <summary>Environment variable naming the data folder.</summary>
    public const string EnvironmentVariable = "MINLGAN_DATA";

    private DataLocator(string? root, string how)
    {
        Root = root;
        How = how;
    }

    /// <summary>The data folder, or null when none was found.</summary>
    public string? Root { get; }

    /// <summary>How the folder was chosen (for `minlgan datasets`).</summary>
    public string How { get; }

    /// <summary>
    /// Decodes image files (the CIFAR-10 JPEG copy, image folders). Core has no native decoder of its own: pass
    /// MinLGan.Imaging's <c>SkiaImageDecoder</c> (the CLI does). Null when none was given.
    /// </summary>
    public IImageDecoder? ImageDecoder { get; private init; }

    /// <summary>Where one-time extraction and decoding messages go (the CLI: stderr); null drops them.</summary>
    public Action<string>? Log { get; private init; }

    /// <summary>The same folder, read with this image decoder and log.</summary>
    public DataLocator WithReaders(IImageDecoder? imageDecoder, Action<string>? log) =>
        new(Root, How) { ImageDecoder = imageDecoder, Log = log };

    /// <summary>The image decoder, or a clear error naming what is missing.</summary>
    public IImageDecoder RequireDecoder() => ImageDecoder ?? throw new InvalidOperationException(
        "reading image files needs an image decoder: pass one with DataLocator.WithReaders (MinLGan.Imaging's SkiaImageDecoder)");

    /// <summary>
    /// Resolves the data folder. An explicit folder that does not exist is an error; a missing
    /// <c>MINLGAN_DATA</c> folder leaves <see cref="Root"/> null and says so in <see cref="How"/>.
    /// </summary>
    public static DataLocator Resolve(string? explicitDir)
    {
        if (!string.IsNullOrEmpty(explicitDir))
        {
            if (!Directory.Exists(explicitDir)) throw new InvalidInputException($"{explicitDir}: data folder not found");
            return new DataLocator(Path.GetFullPath(explicitDir), "given");
        }
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(env))
        {
            // Not fatal here: protocols that need no files (csv, toys) still run; one that needs files says where it looked.
            return Directory.Exists(env)
                ? new DataLocator(Path.GetFullPath(env), EnvironmentVariable)
                : new DataLocator(null, $"{EnvironmentVariable}={env}: folder not found");
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "..", "shared", "data");
            if (Directory.Exists(candidate)) return new DataLocator(Path.GetFullPath(candidate), "../shared/data");
        }
        return new DataLocator(null, $"not found (set {EnvironmentVariable} or give the folder)");
    }

    /// <summary>The first of the canonical names found (name or name.gz), or null.</summary>
    public string? Find(params string[] names)
    {
        if (Root is null) return null;
        var dirs = new[] { Root }.Concat(Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal));
        foreach (var name in names)
            foreach (var dir in dirs)
                foreach (var candidate in new[] { name, name + ".gz" })
                {
                    string p = Path.Combine(dir, candidate);
                    if (File.Exists(p)) return p;
                }
        return null;
    }
}
