using MinLGan.Tools.ElfWeakVersion;
using MinLGan.Torch;

namespace MinLGan.Torch.Tests;

public class TorchLoadsTests
{
    [Fact]
    public void GivenTheTestProcess_WhenATensorOperationRuns_ThenLibtorchAnswers()
    {
        Assert.Equal(12.0, TorchRuntime.SmokeTest());
    }

    [Fact]
    public void GivenTheOutputFolder_WhenHostLacksGlibcxx3432_ThenTheShimNeedIsWeak()
    {
        string lib = Directory.EnumerateFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).Single();
        var need = ElfImage.Parse(File.ReadAllBytes(lib)).NeededVersions().Single(n => n.Name == "GLIBCXX_3.4.32");
        bool? hostHas = WeakVersionPatcher.HostDefines("libstdc++.so.6", "GLIBCXX_3.4.32");
        if (hostHas == true)
            Assert.False(need.IsWeak, "the host has GLIBCXX_3.4.32, so the shim must be left as shipped");
        else
            Assert.True(need.IsWeak);
    }

    [SkippableFact]
    public void GivenTheBuild_WhenItPatchedTheOutputFolder_ThenTheNuGetCacheCopyIsUntouched()
    {
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string lib = Path.Combine(cache, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Skip.IfNot(File.Exists(lib), $"no NuGet cache copy at {lib}");
        var need = ElfImage.Parse(File.ReadAllBytes(lib)).NeededVersions().Single(n => n.Name == "GLIBCXX_3.4.32");
        Assert.False(need.IsWeak, "the NuGet cache copy must stay as shipped");
    }

    [Fact]
    public void GivenAStrongNeed_WhenPatched_ThenOnlyThatVernauxFlagChangesAndAgainIsANoOp()
    {
        string src = Directory.EnumerateFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).Single();
        string dir = Directory.CreateTempSubdirectory("elfpatch").FullName;
        try
        {
            string copy = Path.Combine(dir, "lib.so");
            byte[] bytes = File.ReadAllBytes(src);
            // Start from a strong need whatever the build did to the copy in the output folder.
            var need = ElfImage.Parse(bytes).NeededVersions().Single(n => n.Name == "GLIBCXX_3.4.32");
            bytes[need.AuxOffset + 4] = (byte)(need.Flags & ~ElfImage.VerFlagWeak);
            File.WriteAllBytes(copy, bytes);

            var first = WeakVersionPatcher.PatchFile(copy, "GLIBCXX_3.4.32", ["_ZSt21ios_base_library_initv"]);
            var second = WeakVersionPatcher.PatchFile(copy, "GLIBCXX_3.4.32", ["_ZSt21ios_base_library_initv"]);

            Assert.Equal(PatchOutcome.Patched, first);
            Assert.Equal(PatchOutcome.AlreadyWeak, second);
            byte[] after = File.ReadAllBytes(copy);
            var diff = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] != after[i]).ToList();
            Assert.Equal([need.AuxOffset + 4], diff);
            Assert.Equal(["_ZSt21ios_base_library_initv"], ElfImage.Parse(after).SymbolsWithVersionIndex(need.Index));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void GivenOtherSymbolsOnTheVersion_WhenPatching_ThenItRefuses()
    {
        string src = Directory.EnumerateFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).Single();
        string dir = Directory.CreateTempSubdirectory("elfpatch").FullName;
        try
        {
            string copy = Path.Combine(dir, "lib.so");
            File.Copy(src, copy);
            // GLIBCXX_3.4.9 binds many real symbols: it must never be weakened.
            var ex = Assert.Throws<InvalidOperationException>(() => WeakVersionPatcher.PatchFile(copy, "GLIBCXX_3.4.9", []));
            Assert.Contains("other than the allowed marker", ex.Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
