using MinLGan.Data;
using MinLGan.Evaluation;

namespace MinLGan.Core.Tests;

public class SeedStreamTests
{
    [Fact]
    public void GivenTheRunLevelDataStreams_ThenNoDetectorCanDeriveTheSameStream()
    {
        Assert.All(SeedStreams.DataStreams, s => Assert.False(SeedStreams.DetectorStreamsContain(s), $"stream {s} is also a detector stream"));
        Assert.Equal(SeedStreams.DataStreams.Count, SeedStreams.DataStreams.Distinct().Count());
        // The check can fail: a tree's stream is a detector stream.
        Assert.True(SeedStreams.DetectorStreamsContain(SeedStreams.IsolationTree(1)));
    }

    [Theory]
    [InlineData("circles")]
    [InlineData("moons")]
    public void GivenAToyProtocol_WhenSplit_ThenNoIsolationTreeReplaysTheStreamThatMadeTheData(string protocol)
    {
        // Given: the first draws of every tree's stream for seed 0 (the forest's default is 100 trees).
        var trees = Enumerable.Range(0, 100).Select(t => SeedStreams.Of(0, SeedStreams.IsolationTree(t)).NextUInt64()).ToHashSet();
        // When: the toy data's streams are drawn for the same seed.
        var data = new[] { SeedStreams.ToyNormalStream, SeedStreams.ToyAnomalyStream }.Select(s => SeedStreams.Of(0, s).NextUInt64());
        // Then: none is a tree's stream, and the protocol still splits.
        Assert.DoesNotContain(data, trees.Contains);
        var split = Protocols.Get(protocol).Load(DataLocator.Resolve(null), null).Split(0, new SplitOptions());
        Assert.True(split.Train.Rows > 0);
    }
}
