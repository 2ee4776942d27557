namespace MinLGan;

/// <summary>
/// A test seam for the kill test (tests/MinLGan.Cli.Tests/KillResumeTests): when the environment variable
/// MINLGAN_PAUSE_AT names the point a run reaches, the process creates the file MINLGAN_PAUSE_FILE and sleeps there, so
/// the test can SIGKILL it at that exact point (or, with MINLGAN_PAUSE_RELEASE=delete, waits until the test deletes
/// that file and goes on, so the test can send Ctrl-C there). Unset (always, outside that test), it does nothing.
/// </summary>
public static class PausePoint
{
    /// <summary>Pauses forever when MINLGAN_PAUSE_AT is <paramref name="point"/> and MINLGAN_PAUSE_FILE is set.</summary>
    public static void Reach(string point)
    {
        if (Environment.GetEnvironmentVariable("MINLGAN_PAUSE_AT") != point) return;
        string? file = Environment.GetEnvironmentVariable("MINLGAN_PAUSE_FILE");
        if (file is null) return;
        File.WriteAllText(file, point);
        if (Environment.GetEnvironmentVariable("MINLGAN_PAUSE_RELEASE") != "delete") Thread.Sleep(Timeout.Infinite);
        while (File.Exists(file)) Thread.Sleep(20);
    }
}
