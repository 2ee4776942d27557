namespace MinLGan.Data;

/// <summary>
/// SHA-256 of the uncompressed content of the canonical benchmark files (see README, "Data"). A reader that
/// knows a file's checksum checks it and adds a note when it differs: results may then not be comparable.
/// </summary>
public static class KnownFiles
{
    private static readonly Dictionary<string, string> Sha256 = new(StringComparer.Ordinal)
    {
        ["shuttle.trn"] = "87b24ee9fb5137e1d417659cf905d84d0e15342bbaa60770f1ae83da1a38200a",
        ["shuttle.tst"] = "f776934a628d9b94c482cb058a76ddaa63823e0f74aec065813c9dff3b89d661",
        ["kddcup.data_10_percent"] = "f8c8267ebcd9c0ed1fd7d6277fe5bfff8732e9b7db8e61b873542b2a534b6f9a",
        ["corrected"] = "547dfb9c0f0dc1d9944219ec79e851191faebaeb8acbfa1cd171c418397052a4",
        ["cover.csv"] = "7467077236a9908a32d0304549253e4433fd72b8ff6d1e1e1903914d118bd061",
    };

    /// <summary>The known checksum for a file name (with or without .gz), or null.</summary>
    public static string? Sha256Of(string path)
    {
        string name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.Ordinal)) name = name[..^3];
        return Sha256.GetValueOrDefault(name);
    }

    /// <summary>A note when the content of a known file differs from its checksum; null when it matches or is unknown.</summary>
    public static string? Check(TextSource source)
    {
        string? expected = Sha256Of(source.Path);
        if (expected is null || expected == source.Sha256) return null;
        return $"{source.Path}: sha256 of the content is {source.Sha256}, expected {expected}; results may not be comparable";
    }
}
