using MinLGan.Tools.ElfWeakVersion;

// Usage: ElfWeakVersion [--always] <folder>...
// Finds libLibTorchSharp.so under each folder and, when the host's libstdc++ lacks GLIBCXX_3.4.32 (or always, with
// --always: for folders that will run elsewhere, such as publish folders and packages), marks that version need weak.
// See docs/build.md.
const string Library = "libLibTorchSharp.so";
const string Version = "GLIBCXX_3.4.32";
string[] allowed = ["_ZSt21ios_base_library_initv"];

bool always = args.Contains("--always");
args = args.Where(a => a != "--always").ToArray();
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: ElfWeakVersion [--always] <folder>...");
    return 2;
}
if (!OperatingSystem.IsLinux())
    return 0;

var files = args.Where(Directory.Exists)
    .SelectMany(d => Directory.EnumerateFiles(d, Library, SearchOption.AllDirectories))
    .ToList();
if (files.Count == 0)
    return 0;

bool? hostHas = always ? null : WeakVersionPatcher.HostDefines("libstdc++.so.6", Version);
if (hostHas == true)
{
    Console.WriteLine($"ElfWeakVersion: host libstdc++ defines {Version}; {Library} left as shipped.");
    return 0;
}

try
{
    foreach (var f in files)
    {
        var outcome = WeakVersionPatcher.PatchFile(f, Version, allowed);
        if (outcome == PatchOutcome.Patched)
            Console.WriteLine($"ElfWeakVersion: marked {Version} weak in {f}");
    }
    return 0;
}
catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException)
{
    Console.Error.WriteLine($"ElfWeakVersion: error: {e.Message}");
    return 1;
}
