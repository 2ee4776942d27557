using System.CommandLine;
using System.Reflection;
using MinLGan.Data;
using MinLGan.Detectors;

namespace MinLGan.Cli;

/// <summary>Builds the command tree and runs it with given output writers (tests call this in process).</summary>
public static class CliApp
{
    /// <summary>Shared by every command: print stack traces on errors.</summary>
    internal static readonly Option<bool> Verbose = new("--verbose") { Description = "print stack traces on errors", Recursive = true };

    /// <summary>This build's identity, "1.0.0+COMMIT": part of every checkpoint key and report header.</summary>
    internal static string Build { get; } = typeof(CliApp).Assembly
        .GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The detectors the CLI knows.</summary>
    internal static DetectorRegistry Registry() => MinLGan.Torch.TorchDetectors.AddTo(DetectorRegistry.CreateDefault());

    /// <summary>
    /// The data folder (--data, else MINLGAN_DATA, else ../shared/data), read with SkiaSharp's image decoder (the CIFAR-10
    /// JPEG copy, --protocol images, scoring a folder: Core has no native decoder) and one-time messages on stderr.
    /// </summary>
    internal static DataLocator Data(string? folder, ConsoleIo io) =>
        DataLocator.Resolve(folder).WithReaders(ImageDecoder, m => io.Err.WriteLine(m));

    /// <summary>SkiaSharp's decoder, the one the CLI reads image files with.</summary>
    internal static readonly IImageDecoder ImageDecoder = new MinLGan.Imaging.SkiaImageDecoder();

    /// <summary>Parses and runs <paramref name="args"/>.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("minlgan: anomaly detection (MinLGAN, Isolation Forest, ...) and the paper's evaluation protocols");
        root.Options.Add(Verbose);
        var io = new ConsoleIo(stdout, stderr);
        root.Subcommands.Add(DatasetsCommand.Create(io));
        root.Subcommands.Add(DetectorsCommand.Create(io));
        root.Subcommands.Add(EvaluateCommand.Create(io));
        root.Subcommands.Add(TrainCommand.Create(io));
        root.Subcommands.Add(ScoreCommand.Create(io));
        root.Subcommands.Add(ExportCommand.Create(io));
        root.Subcommands.Add(Figure1Command.Create(io));
        root.Subcommands.Add(ReproduceCommand.Create(io));
        root.Subcommands.Add(ReportCommand.Create(io));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
        {
            stderr.WriteLine($"error: {parse.Errors[0].Message} (see minlgan --help)");
            return 2;
        }
        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}

/// <summary>Where a command writes, and the shared error handling.</summary>
internal sealed class ConsoleIo(TextWriter stdout, TextWriter stderr)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Err { get; } = stderr;

    /// <summary>True when writing to the real console and stderr is a terminal (live progress displays).</summary>
    public bool Interactive => ReferenceEquals(Err, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>
    /// Runs a command body. A bad input is one line on stderr and exit code 2; anything else is an internal error,
    /// exit code 1. Stack traces only with --verbose. Ctrl-C cancels the token.
    /// </summary>
    public int Guard(ParseResult parse, Func<CancellationToken, int> body)
    {
        bool verbose = parse.GetValue(CliApp.Verbose);
        using var cts = new CancellationTokenSource();
        // The first Ctrl-C asks the run to stop at its next step (what is finished is kept and said); a second one ends the
        // process at once.
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cts.IsCancellationRequested) return;
            e.Cancel = true;
            Err.WriteLine("note: Ctrl-C: stopping at the next step and keeping what is finished (Ctrl-C again stops at once)");
            cts.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return body(cts.Token);
        }
        catch (Exception e)
        {
            return Report(e, verbose);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// What a command that threw says and returns: a bad input is "error: ..." and exit code 2, a cancellation exit code
    /// 130, anything else an internal error, exit code 1 (the stack trace only with <paramref name="verbose"/>). Parallel
    /// loops wrap what their bodies throw in an AggregateException; the wrapped exception is the one reported.
    /// </summary>
    internal int Report(Exception thrown, bool verbose)
    {
        var e = Unwrap(thrown);
        switch (e)
        {
            case InvalidInputException:
                Err.WriteLine($"error: {e.Message}");
                if (verbose) Err.WriteLine(thrown);
                return 2;
            case OperationCanceledException:
                Err.WriteLine("cancelled");
                return 130;
            default:
                Err.WriteLine($"internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}{(verbose ? "" : " (run with --verbose for details)")}");
                if (verbose) Err.WriteLine(thrown);
                return 1;
        }
    }

    /// <summary>The exception inside AggregateExceptions: a bad input among several first, then a cancellation, else the first.</summary>
    internal static Exception Unwrap(Exception e)
    {
        while (e is AggregateException a && a.Flatten().InnerExceptions is { Count: > 0 } inner)
            e = inner.FirstOrDefault(x => x is InvalidInputException) ?? inner.FirstOrDefault(x => x is OperationCanceledException) ?? inner[0];
        return e;
    }
}
