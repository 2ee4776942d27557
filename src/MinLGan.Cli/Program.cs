namespace MinLGan.Cli;

/// <summary>Entry point of the <c>minlgan</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line; exit code 0 on success, 2 on bad input, 1 on an internal error.</summary>
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
