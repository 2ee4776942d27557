using System.IO.Compression;
using System.Text;
using System.Text.Json;

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

    /// <summary>Rewrites a model file's manifest.json through <paramref name="change"/> (which must change it).</summary>
    protected static void EditManifest(string model, Func<string, string> change)
    {
        using var zip = ZipFile.Open(model, ZipArchiveMode.Update);
        var entry = zip.GetEntry("manifest.json")!;
        string text;
        using (var r = new StreamReader(entry.Open(), Encoding.UTF8)) text = r.ReadToEnd();
        string changed = change(text);
        Assert.NotEqual(text, changed);
        entry.Delete();
        using var w = new StreamWriter(zip.CreateEntry("manifest.json").Open(), new UTF8Encoding(false));
        w.Write(changed);
    }

    /// <summary>The "features" object of a model file's manifest (extractor, weights_sha256, resolution, ...).</summary>
    protected static Dictionary<string, string> ManifestFeatures(string model)
    {
        using var zip = ZipFile.OpenRead(model);
        using var doc = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        return doc.RootElement.GetProperty("features").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
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
