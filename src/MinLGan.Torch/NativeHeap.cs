using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MinLGan.Torch;

/// <summary>
/// Hands freed native heap memory back to the operating system. libtorch allocates and frees activations of a few
/// MB every step; glibc keeps freed chunks in its heaps, and on CIFAR-10 the resident size crept up by about 50 MB
/// per epoch (0.9 GB after loading, 2.2 GB after 10 epochs of minlgan, 2.8 GB for a 3-member ensemble), while the
/// live memory stayed under 1 GB: most of the growth happens within an epoch (about 300 MB over the 78 steps of a
/// dcgan-small epoch) and is freed but not reused. The trainers call <see cref="TrimIfDue"/> after every step and
/// every epoch (a trim at most once a second: one call takes tens of milliseconds, and on small data every step is an
/// epoch) and <see cref="Trim"/> after every member: glibc's malloc_trim(0) releases the free pages of every arena.
/// It does not touch live memory, so scores are unchanged. Linux with glibc only; elsewhere, or with
/// MINLGAN_MALLOC_TRIM=0 (for benches), it does nothing and returns false.
/// </summary>
internal static class NativeHeap
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    /// <summary>Whether trimming is switched off by MINLGAN_MALLOC_TRIM=0.</summary>
    public static bool Disabled => Environment.GetEnvironmentVariable("MINLGAN_MALLOC_TRIM") == "0";

    private static long _lastTrim = Stopwatch.GetTimestamp();

    /// <summary>Trims when a second or more has passed since the last trim: cheap enough to call after every step.</summary>
    public static bool TrimIfDue()
    {
        long last = Interlocked.Read(ref _lastTrim);
        if (Stopwatch.GetElapsedTime(last).TotalSeconds < 1) return false;
        return Trim();
    }

    /// <summary>Returns free heap pages to the system; false when it did nothing (not glibc, or disabled).</summary>
    public static bool Trim()
    {
        Interlocked.Exchange(ref _lastTrim, Stopwatch.GetTimestamp());
        if (_unavailable || Disabled) return false;
        try
        {
            MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true; // musl and other C libraries: nothing to do
            return false;
        }
    }
}
