using MinLGan.Data;
using MinLGan.Evaluation;

namespace MinLGan.Core.Tests;

/// <summary>
/// Checks against the real files (README "Data"). Skipped, visibly, when the data folder is absent;
/// .ci/run sets MINLGAN_DATA.
/// </summary>
public class RealDataTests
{
    private static DataLocator Data()
    {
        var loc = DataLocator.Resolve(null);
        Skip.If(loc.Root is null, "no data folder: set MINLGAN_DATA (see docs/data.md)");
        return loc;
    }

    [SkippableFact]
    public void GivenShuttle_WhenShuAIsSplit_ThenCountsMatchTheUciDocumentation()
    {
        var loc = Data();
        Skip.If(loc.Find("shuttle.trn") is null, "shuttle files absent");
        var data = Protocols.Get("shu-a").Load(loc, null);
        Assert.Empty(data.Notes); // checksums of the uncompressed content match
        var s = data.Split(0, new SplitOptions());
        // 58,000 rows, 45,586 of class 1: 80% of them train.
        Assert.Equal(36469, s.Train.Rows);
        Assert.Equal(58000, s.Train.Rows + s.Holdout.Rows + s.Test.Rows);
        Assert.Equal(58000 - 45586, s.Holdout.AnomalyCount + s.Test.AnomalyCount);
    }

    [SkippableFact]
    public void GivenCoverOdds_WhenCovBIsLoaded_ThenClassCountsMatch()
    {
        var loc = Data();
        Skip.If(loc.Find("cover.csv", "covtype.data") is null, "covertype files absent");
        var s = Protocols.Get("cov-b").Load(loc, null).Split(0, new SplitOptions());
        Assert.Equal(283301 + 2747, s.Train.Rows + s.Holdout.Rows + s.Test.Rows);
        Assert.Equal(2747, s.Holdout.AnomalyCount + s.Test.AnomalyCount);
    }

    [SkippableFact]
    public void GivenKdd_WhenRead_ThenRowsAndNormalCountMatch()
    {
        var loc = Data();
        string? path = loc.Find("kddcup.data_10_percent");
        Skip.If(path is null, "kdd file absent");
        var raw = Kdd99Reader.ReadRaw(path!);
        Assert.Empty(raw.Notes);
        Assert.Equal(494021, raw.Rows);
        Assert.Equal(97278, raw.Labels.Count(l => l == "normal"));
        Assert.Equal(23, raw.Labels.Distinct().Count());
    }
}
