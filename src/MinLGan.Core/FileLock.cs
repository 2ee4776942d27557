using System.Diagnostics;

namespace MinLGan;

/// <summary>
/// An exclusive lock between processes on one machine, held on a lock file (an OS file lock: the operating system lets
/// go of a killed holder's lock). Used where several processes started together would otherwise do the same long work
/// twice or race on its result: the CIFAR-10 JPEG cache and the image feature cache. The lock file stays in place after
/// release (deleting it would let a third process lock a new file while a waiter holds the old one).
/// </summary>
internal static class FileLock
{
    /// <summary>
    /// Holds <paramref name="lockPath"/> (created, with its folder, when missing) until disposed. Another holder, in this
    /// process or another, makes the call wait; it says once through <paramref name="log"/> that it waits for another
    /// process preparing <paramref name="what"/>. After <paramref name="timeout"/> (default 30 minutes) of waiting it
    /// fails with a message that names the lock file.
    /// </summary>
    public static IDisposable Acquire(string lockPath, string what, Action<string>? log, TimeSpan? timeout = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(lockPath))!);
        var waited = Stopwatch.StartNew();
        bool told = false;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(lockPath))
            {
                if (waited.Elapsed >= (timeout ?? TimeSpan.FromMinutes(30)))
                    throw new IOException($"{lockPath}: still locked by another process after {waited.Elapsed.TotalMinutes:F0} minutes; if none is running, delete the file");
                if (!told) log?.Invoke($"waiting for another process that is preparing {what}");
                told = true;
                Thread.Sleep(200);
            }
        }
    }
}
