namespace MinLGan.Cli.Tests;

/// <summary>A temporary folder per test, and the CLI run in process with its exit code and both outputs.</summary>
public abstract class CliTestBase : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("minlgan-cli").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    /// <summary>A path inside the test's folder.</summary>
    protected string P(string name) => Path.Combine(_dir, name);

    /// <summary>Runs <c>minlgan ARGS</c> in process.</summary>
    protected static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>Asserts stderr is one "error: " line containing <paramref name="contains"/>, with no stack trace.</summary>
    protected static void AssertOneLineError(string err, string contains)
    {
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(contains, lines[0]);
        Assert.DoesNotContain("   at ", err);
    }
}
