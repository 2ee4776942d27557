namespace MinLGan.Cli.Tests;

/// <summary>How the CLI reports what a command threw (ConsoleIo.Report): exit codes and the one line on stderr.</summary>
public sealed class ErrorReportTests
{
    private static (int Code, string Err) Run(Exception thrown, bool verbose = false)
    {
        var err = new StringWriter();
        int code = new ConsoleIo(new StringWriter(), err).Report(thrown, verbose);
        return (code, err.ToString());
    }

    [Fact]
    public void GivenABadInputWrappedByAParallelLoop_WhenReported_ThenItIsOneErrorLineAndExit2()
    {
        var wrapped = new AggregateException(new AggregateException(new InvalidInputException("a.csv: line 3: expected 4 fields, found 2")));
        var (code, err) = Run(wrapped);
        Assert.Equal(2, code);
        Assert.Equal("error: a.csv: line 3: expected 4 fields, found 2" + Environment.NewLine, err);
    }

    [Fact]
    public void GivenABugAndABadInputTogether_WhenReported_ThenTheBadInputIsReported()
    {
        var (code, err) = Run(new AggregateException(new InvalidOperationException("bug"), new InvalidInputException("b.png: cannot be read")));
        Assert.Equal(2, code);
        Assert.Equal("error: b.png: cannot be read" + Environment.NewLine, err);
    }

    [Fact]
    public void GivenACancellationInsideAnAggregate_WhenReported_ThenExit130()
    {
        var (code, err) = Run(new AggregateException(new OperationCanceledException()));
        Assert.Equal(130, code);
        Assert.Equal("cancelled" + Environment.NewLine, err);
    }

    [Fact]
    public void GivenAWrappedBug_WhenReported_ThenTheInnerTypeIsNamedAndTheTraceOnlyWithVerbose()
    {
        var (code, err) = Run(new AggregateException(new InvalidOperationException("two\nlines")));
        Assert.Equal(1, code);
        Assert.Equal("internal error: InvalidOperationException: two lines (run with --verbose for details)" + Environment.NewLine, err);
        var (vcode, verr) = Run(new AggregateException(new InvalidOperationException("x")), verbose: true);
        Assert.Equal(1, vcode);
        Assert.StartsWith("internal error: InvalidOperationException: x" + Environment.NewLine + "System.AggregateException", verr);
    }
}
