using System.Text.Json;

namespace MinLGan.Core.Tests;

/// <summary>
/// Reference values made with scikit-learn: Fixtures/make_fixtures.py (sklearn_fixtures.json) and
/// Fixtures/make_ocsvm_fixtures.py (ocsvm_fixtures.json), Fixtures/make_neighbor_fixtures.py (neighbor_fixtures.json).
/// </summary>
internal static class Fixtures
{
    private static readonly Lazy<JsonElement> Root = new(() => Load("sklearn_fixtures.json"));
    private static readonly Lazy<JsonElement> OcsvmRoot = new(() => Load("ocsvm_fixtures.json"));
    private static readonly Lazy<JsonElement> NeighborRoot = new(() => Load("neighbor_fixtures.json"));

    public static JsonElement Get(string name) => Root.Value.GetProperty(name);

    public static JsonElement Ocsvm(string name) => OcsvmRoot.Value.GetProperty(name);

    public static JsonElement Neighbor(string name) => NeighborRoot.Value.GetProperty(name);

    private static JsonElement Load(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", file))).RootElement;

    public static double[] Doubles(this JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();
    public static int[] Ints(this JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();
    public static double[][] Matrix(this JsonElement e) => e.EnumerateArray().Select(Doubles).ToArray();

    public static MinLGan.Data.Dataset ToDataset(this double[][] rows, int[]? labels = null)
    {
        int d = rows[0].Length;
        var values = rows.SelectMany(r => r.Select(x => (float)x)).ToArray();
        return new MinLGan.Data.Dataset(values, rows.Length, Enumerable.Range(0, d).Select(j => $"f{j}").ToArray(), labels);
    }
}

/// <summary>A temporary folder deleted at dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Path = Directory.CreateTempSubdirectory("minlgan-test").FullName;
    public string Path { get; }
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public string Write(string name, string text)
    {
        string p = File(name);
        System.IO.File.WriteAllText(p, text);
        return p;
    }
    public void Dispose()
    {
        try { Directory.Delete(Path, true); } catch (IOException) { }
    }
}
