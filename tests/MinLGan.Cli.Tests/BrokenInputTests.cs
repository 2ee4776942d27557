using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MinLGan.Cli.Tests;

/// <summary>
/// The broken-input corpus (BrokenInputs/: files made by make_corpus.py, cases in cases.json). A bad case must exit 2
/// with one line naming the file, line or field and what was expected, no stack trace, every input unchanged and no
/// output left behind; a good-but-unusual case must work.
/// </summary>
public sealed class BrokenInputTests : CliTestBase
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "BrokenInputs");
    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus, "cases.json"))).RootElement.GetProperty("cases")
            .EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!));

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases.Value.Keys) data.Add(name);
        return data;
    }

    [Fact]
    public void TheCorpusHasAtLeastFortyBrokenInputs() =>
        Assert.True(Cases.Value.Values.Count(c => c.TryGetProperty("expect", out _)) >= 40, $"{Cases.Value.Count} cases");

    [SkippableTheory]
    [MemberData(nameof(Names))]
    public void GivenACorpusCase_WhenRun_ThenABadOneIsOneLineAndExit2AndChangesNothing_AndAGoodOneWorks(string name)
    {
        var c = Cases.Value[name];
        string root = P(name);
        string files = Path.Combine(root, "files");
        CopyTree(Path.Combine(Corpus, "files"), files);
        if (c.TryGetProperty("make", out var make)) MakeFolder(Path.Combine(files, make.GetString()!), make.GetString()!);
        string model = Path.Combine(root, "model.minlgan");
        if (c.TryGetProperty("model", out var damage)) MakeModel(model, damage.GetString()!);
        string outPath = c.TryGetProperty("out", out var o) ? o.GetString()!.Replace("{files}", files) : Path.Combine(root, "out");
        var args = c.GetProperty("args").EnumerateArray()
            .Select(a => a.GetString()!.Replace("{files}", files).Replace("{model}", model).Replace("{out}", outPath)).ToArray();

        var before = Snapshot(root);
        var (code, stdout, err) = Run(args);
        if (c.TryGetProperty("works", out _))
        {
            Assert.True(code == 0, $"{name}: exit {code}\n{err}");
            Assert.True(File.Exists(Path.Combine(outPath, "results.json")), stdout);
            // Inputs are read, never written.
            Assert.Equal(before.Where(kv => kv.Key.StartsWith("files", StringComparison.Ordinal)), Snapshot(root).Where(kv => kv.Key.StartsWith("files", StringComparison.Ordinal)));
            return;
        }
        Assert.True(code == 2, $"{name}: exit {code}\n{err}");
        AssertOneLineError(err, c.GetProperty("expect").GetString()!);
        // Inputs unchanged, nothing written: not the output, not a temporary file, not a folder.
        Assert.Equal(before, Snapshot(root));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(model)!, "..", "escape.txt")));
    }

    /// <summary>Every file and folder under <paramref name="dir"/>, by relative path, with the sha256 of each file.</summary>
    private static SortedDictionary<string, string> Snapshot(string dir)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in Directory.EnumerateDirectories(dir, "*", SearchOption.AllDirectories)) all[Path.GetRelativePath(dir, d) + "/"] = "";
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            all[Path.GetRelativePath(dir, f)] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)));
        return all;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var d in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, d)));
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(f, Path.Combine(to, Path.GetRelativePath(from, f)));
    }

    /// <summary>
    /// A synthetic CIFAR-10 binary batch folder (two records per file, written with the library's own writer), damaged:
    /// cifar-short cuts data_batch_3.bin to 5000 bytes; cifar-bad-label gives test_batch.bin's second record label 12.
    /// shuttle-bad: the first three rows of the real shuttle.trn and shuttle.tst (MINLGAN_DATA, else ../shared/data;
    /// the case is skipped without them), the third training row's third field made "8x2" from "82".
    /// </summary>
    private static void MakeFolder(string folder, string kind)
    {
        Directory.CreateDirectory(folder);
        if (kind == "shuttle-bad")
        {
            var data = MinLGan.Data.DataLocator.Resolve(null);
            string? trn = data.Find("shuttle.trn"), tst = data.Find("shuttle.tst");
            Skip.If(trn is null || tst is null, "no Statlog Shuttle files: set MINLGAN_DATA (see docs/data.md)");
            string[] Head(string path) => MinLGan.Data.TextSource.Open(path).Lines().Take(3).Select(l => l.Text).ToArray();
            var rows = Head(trn!);
            var fields = rows[2].Split(' ');
            fields[2] = fields[2][..1] + "x" + fields[2][1..];
            rows[2] = string.Join(' ', fields);
            File.WriteAllLines(Path.Combine(folder, "shuttle.trn"), rows);
            File.WriteAllLines(Path.Combine(folder, "shuttle.tst"), Head(tst!));
            return;
        }
        var shape = MinLGan.Data.Cifar10BinaryReader.Shape;
        var names = MinLGan.Data.Cifar10BinaryReader.Files("train").Concat(MinLGan.Data.Cifar10BinaryReader.Files("test")).ToArray();
        for (int f = 0; f < names.Length; f++)
        {
            var pixels = new byte[2 * shape.Size];
            Array.Fill(pixels, (byte)(40 * f), 0, shape.Size);
            Array.Fill(pixels, (byte)(40 * f + 20), shape.Size, shape.Size);
            MinLGan.Data.Cifar10BinaryReader.Write(Path.Combine(folder, names[f]),
                new MinLGan.Data.ImageSet(pixels, shape, [f % 10, (f + 1) % 10], MinLGan.Data.Cifar10BinaryReader.ClassNames), overwrite: false);
        }
        switch (kind)
        {
            case "cifar-short":
                using (var fs = new FileStream(Path.Combine(folder, "data_batch_3.bin"), FileMode.Open)) fs.SetLength(5000);
                break;
            case "cifar-bad-label":
                var bytes = File.ReadAllBytes(Path.Combine(folder, "test_batch.bin"));
                bytes[3073] = 12;
                File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), bytes);
                break;
            default:
                throw new ArgumentException($"unknown folder '{kind}'", nameof(kind));
        }
    }

    /// <summary>A model trained on csv/good.csv, then damaged as <paramref name="damage"/> says.</summary>
    private static void MakeModel(string path, string damage)
    {
        var (code, _, err) = Run("train", "--input", Path.Combine(Corpus, "files", "csv", "good.csv"), "--label-column", "kind", "--normal-label", "ok",
            "--param", "trees=20", "--seed", "1", "--model", path);
        Assert.True(code == 0, err);
        switch (damage)
        {
            case "intact":
                break;
            case "truncated":
                File.WriteAllBytes(path, File.ReadAllBytes(path)[..(int)(new FileInfo(path).Length / 2)]);
                break;
            case "not-a-zip":
                File.WriteAllText(path, "x,y,kind\n1,2,ok\n");
                break;
            case "tampered-payload":
                Edit(path, zip =>
                {
                    var entry = zip.Entries.First(e => e.FullName.StartsWith("payload/", StringComparison.Ordinal));
                    byte[] bytes;
                    using (var ms = new MemoryStream()) { using (var s = entry.Open()) s.CopyTo(ms); bytes = ms.ToArray(); }
                    bytes[bytes.Length / 2] ^= 0x01;
                    string name = entry.FullName;
                    entry.Delete();
                    using var w = zip.CreateEntry(name).Open();
                    w.Write(bytes);
                });
                break;
            case "format-version-0":
                EditManifest(path, m => m.Replace("\"format_version\": 1", "\"format_version\": 0"));
                break;
            case "newer-format":
                EditManifest(path, m => m.Replace("\"format_version\": 1", "\"format_version\": 99"));
                break;
            case "unknown-detector":
                EditManifest(path, m => m.Replace("\"detector\": \"iforest\"", "\"detector\": \"deep-svdd\""));
                break;
            case "manifest-not-json":
                EditManifest(path, _ => "{");
                break;
            case "no-manifest":
                Edit(path, zip => zip.GetEntry("manifest.json")!.Delete());
                break;
            case "extra-entry":
                Edit(path, zip => { using var w = new StreamWriter(zip.CreateEntry("notes.txt").Open()); w.Write("hello"); });
                break;
            case "path-traversal":
                Edit(path, zip => { using var w = new StreamWriter(zip.CreateEntry("../escape.txt").Open()); w.Write("outside"); });
                break;
            default:
                throw new ArgumentException($"unknown model damage '{damage}'", nameof(damage));
        }
    }

    private static void Edit(string path, Action<ZipArchive> edit)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        edit(zip);
    }
}
