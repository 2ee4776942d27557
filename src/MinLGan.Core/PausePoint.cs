namespace MinLGan;

/// <summary>
/// A test seam for the kill test (tests/MinLGan.Cli.Tests/KillResumeTests): when the environment variable
/// MINLGAN_PAUSE_AT names the point a run reaches, the process creates the file MINLGAN_PAUSE_FILE and sleeps there, so
/// the test can SIGKILL it at that exact point (or, with MINLGAN_PAUSE_RELEASE=delete, waits until the test deletes
/// that file and goes on, so the test can send Ctrl-C there). Unset (always, outside that test), it does nothing.
/// A process pauses once: a point reached again after the release (the next epoch of the same seed) goes on.
/// </summary>
public static class PausePoint
{
    private static int _paused;

    /// <summary>Pauses when MINLGAN_PAUSE_AT is <paramref name="point"/> and MINLGAN_PAUSE_FILE is set, the first time only.</summary>
    public static void Reach(string point)
    {
        if (Environment.GetEnvironmentVariable("MINLGAN_PAUSE_AT") != point) return;
        string? file = Environment.GetEnvironmentVariable("MINLGAN_PAUSE_FILE");
        if (file is null || Interlocked.Exchange(ref _paused, 1) == 1) return;
        File.WriteAllText(file, point);
        if (Environment.GetEnvironmentVariable("MINLGAN_PAUSE_RELEASE") != "delete") Thread.Sleep(Timeout.Infinite);
        while (File.Exists(file)) Thread.Sleep(20);
    }
}
