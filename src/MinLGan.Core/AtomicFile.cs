namespace MinLGan;

/// <summary>
/// Writes a file through a temporary file in the same folder and a rename, so a reader never sees half a file
/// and an existing file is only replaced when the caller allows it.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>.</summary>
    /// <exception cref="InvalidInputException">The file exists and <paramref name="overwrite"/> is false.</exception>
    public static void Write(string path, Action<Stream> write, bool overwrite)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full) && !overwrite) throw new InvalidInputException($"{path}: already exists; overwrite it explicitly to replace it");
        if (Directory.Exists(full)) throw new InvalidInputException($"{path}: is a folder, expected a file path");
        string dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        string tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                write(fs);
            File.Move(tmp, full, overwrite);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>Writes text (UTF-8, no BOM) atomically.</summary>
    public static void WriteText(string path, Action<TextWriter> write, bool overwrite) =>
        Write(path, s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16);
            w.NewLine = "\n";
            write(w);
        }, overwrite);
}
