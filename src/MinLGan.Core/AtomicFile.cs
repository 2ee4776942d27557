namespace MinLGan;

/// <summary>
/// Writes a file through a temporary file in the same folder, flushed to the disk (fsync) before a rename, so a reader
/// never sees half a file, a crash or a kill leaves the old file or the new one whole, and an existing file is only
/// replaced when the caller allows it. A process killed while writing leaves its temporary file,
/// <c>.NAME.PID.GUID.tmp</c>, behind; <see cref="RemoveStale"/> removes those of processes no longer running.
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
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
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
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            w.NewLine = "\n";
            write(w);
        }, overwrite);

    /// <summary>
    /// Deletes the temporary files that <see cref="Write"/> left in <paramref name="folder"/> when its process was
    /// killed (their process id is not running); returns how many. A temporary file of a running process is kept.
    /// </summary>
    public static int RemoveStale(string folder)
    {
        if (!Directory.Exists(folder)) return 0;
        int removed = 0;
        foreach (var path in Directory.GetFiles(folder, ".*.tmp"))
        {
            var parts = Path.GetFileName(path).Split('.');
            // "", NAME parts..., PID, GUID, "tmp"
            if (parts.Length < 5 || !int.TryParse(parts[^3], out int pid) || parts[^2].Length != 32 || IsRunning(pid)) continue;
            File.Delete(path);
            removed++;
        }
        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
