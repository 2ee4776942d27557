namespace MinLGan.Tools.ElfWeakVersion;

/// <summary>What <see cref="WeakVersionPatcher.PatchFile"/> did to one file.</summary>
public enum PatchOutcome
{
    /// <summary>The version need was strong and is now weak.</summary>
    Patched,
    /// <summary>The need was already weak (an earlier build patched this copy).</summary>
    AlreadyWeak,
    /// <summary>The file does not need that version at all.</summary>
    NotNeeded,
}

/// <summary>
/// Marks one symbol-version need of a shared library weak, so that glibc's loader accepts the library
/// on a host whose library lacks that version. Refuses when symbols other than the allowed ones are bound
/// to the version: those would really be missing at run time.
/// </summary>
public static class WeakVersionPatcher
{
    /// <summary>Patches <paramref name="path"/> in place, atomically (temporary file + rename, mode kept).</summary>
    public static PatchOutcome PatchFile(string path, string versionName, IReadOnlyCollection<string> allowedSymbols)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var elf = ElfImage.Parse(bytes);
        var need = elf.NeededVersions().FirstOrDefault(n => n.Name == versionName);
        if (need is null) return PatchOutcome.NotNeeded;
        if (need.IsWeak) return PatchOutcome.AlreadyWeak;
        var bound = elf.SymbolsWithVersionIndex(need.Index);
        var unexpected = bound.Where(s => !allowedSymbols.Contains(s)).ToList();
        if (unexpected.Count > 0)
            throw new InvalidOperationException(
                $"{path}: {versionName} is used by symbols other than the allowed marker ({string.Join(", ", unexpected)}); making it weak would hide a real missing symbol");
        elf.MarkNeededVersionWeak(need);

        string tmp = path + ".weakver.tmp";
        File.WriteAllBytes(tmp, bytes);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(tmp, File.GetUnixFileMode(path));
        File.Move(tmp, path, overwrite: true);
        return PatchOutcome.Patched;
    }

    /// <summary>
    /// True when the host's libstdc++ defines <paramref name="versionName"/>; null when no host libstdc++ was found.
    /// </summary>
    public static bool? HostDefines(string libraryFile, string versionName, IEnumerable<string>? searchDirs = null)
    {
        foreach (var dir in searchDirs ?? DefaultLibraryDirs())
        {
            string candidate = Path.Combine(dir, libraryFile);
            if (!File.Exists(candidate)) continue;
            var elf = ElfImage.Parse(File.ReadAllBytes(candidate));
            return elf.DefinedVersions().Contains(versionName);
        }
        return null;
    }

    private static IEnumerable<string> DefaultLibraryDirs()
    {
        var ld = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        if (!string.IsNullOrEmpty(ld))
            foreach (var d in ld.Split(':', StringSplitOptions.RemoveEmptyEntries))
                yield return d;
        yield return "/usr/lib/x86_64-linux-gnu";
        yield return "/lib/x86_64-linux-gnu";
        yield return "/usr/lib64";
        yield return "/lib64";
        yield return "/usr/lib";
        yield return "/lib";
    }
}
