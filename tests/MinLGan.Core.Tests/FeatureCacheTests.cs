using MinLGan.Data;
using MinLGan.Evaluation;
using MinLGan.Features;

namespace MinLGan.Core.Tests;

public sealed class FeatureCacheTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "minlgan-feature-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A stand-in extractor: per image, its pixel sum and its first pixel; counts its calls.</summary>
    private sealed class SumExtractor(string identity = "sum v1") : IImageFeatureExtractor
    {
        public int Calls { get; private set; }
        public string Name => "sum";
        public int Dimension => 2;
        public string Identity => identity;
        public IReadOnlyDictionary<string, string> Facts => new Dictionary<string, string> { ["extractor"] = "sum" };

        public float[] Extract(ImageSet images, IProgress<int>? progress, CancellationToken ct)
        {
            Calls++;
            var f = new float[images.Count * 2];
            for (int i = 0; i < images.Count; i++)
            {
                int s = 0;
                foreach (byte b in images.Image(i)) s += b;
                f[2 * i] = s;
                f[2 * i + 1] = images.Image(i)[0];
            }
            return f;
        }
    }

    private static ImageSet Images(byte first = 1) =>
        new([first, 2, 3, 4, 10, 20, 30, 40, 5, 5, 5, 5], new ImageShape(1, 2, 2), [0, 1, 0], ["a", "b"]);

    [Fact]
    public void GivenAnEmptyCache_WhenAttachedTwice_ThenTheSecondReadsTheFileAndDoesNotExtract()
    {
        var cache = new FeatureCache(_dir);
        var x = new SumExtractor();
        var notes = new List<string>();
        var first = cache.Attach(Images(), x, null, notes.Add, CancellationToken.None);
        var second = cache.Attach(Images(), x, null, notes.Add, CancellationToken.None);
        Assert.Equal(1, x.Calls);
        Assert.Contains("extracted for 3 images", notes[0]);
        Assert.Contains("read from the cache", notes[1]);
        var d1 = first.ToDataset([2, 0], [0, 1]);
        var d2 = second.ToDataset([2, 0], [0, 1]);
        Assert.Equal(new float[] { 20, 5, 10, 1 }, d1.Values.ToArray());
        Assert.Equal(d1.Values.ToArray(), d2.Values.ToArray());
        Assert.Equal(["sum_0", "sum_1"], d1.FeatureNames);
        Assert.Null(d1.ImageShape);
    }

    [Fact]
    public void GivenOnePixelChangedOrAnotherExtractor_WhenKeyed_ThenTheKeyDiffers()
    {
        var x = new SumExtractor();
        string k = FeatureCache.Key(x, Images());
        Assert.Equal(k, FeatureCache.Key(x, Images()));
        Assert.NotEqual(k, FeatureCache.Key(x, Images(first: 9)));
        Assert.NotEqual(k, FeatureCache.Key(new SumExtractor("sum v2"), Images()));
        Assert.Matches("^[0-9a-f]{64}$", k);
    }

    [Fact]
    public void GivenACacheFolderThatCannotBeWritten_WhenAttached_ThenTheFeaturesComeBackWithANote()
    {
        // A file where the cache folder should be: the folder cannot be made (permissions would not stop root).
        Directory.CreateDirectory(_dir);
        string blocker = Path.Combine(_dir, "blocker");
        File.WriteAllText(blocker, "not a folder");
        var cache = new FeatureCache(Path.Combine(blocker, "features"));
        var x = new SumExtractor();
        var notes = new List<string>();
        var attached = cache.Attach(Images(), x, null, notes.Add, CancellationToken.None);
        Assert.Equal(new float[] { 10, 1 }, attached.ToDataset([0], null).Values.ToArray());
        Assert.Single(notes);
        Assert.Contains("extracted for 3 images", notes[0]);
        Assert.Contains("not cached, " + cache.Directory + " cannot be written", notes[0]);
        Assert.Contains("MINLGAN_CACHE", notes[0]);
        Assert.Equal("not a folder", File.ReadAllText(blocker));
    }

    [Fact]
    public void GivenATruncatedCacheFile_WhenAttached_ThenItIsExtractedAgainWithANoteAndReplaced()
    {
        var cache = new FeatureCache(_dir);
        var x = new SumExtractor();
        cache.Attach(Images(), x, null, _ => { }, CancellationToken.None);
        string path = cache.PathFor(FeatureCache.Key(x, Images()));
        long whole = new FileInfo(path).Length;
        using (var fs = new FileStream(path, FileMode.Open)) fs.SetLength(whole - 3);
        var notes = new List<string>();
        var again = cache.Attach(Images(), x, null, notes.Add, CancellationToken.None);
        Assert.Equal(2, x.Calls);
        Assert.Contains("truncated", notes[0]);
        Assert.Equal(whole, new FileInfo(path).Length);
        Assert.Equal(new float[] { 10, 1 }, again.ToDataset([0], null).Values.ToArray());
    }

    [Fact]
    public void GivenImageProtocolData_WhenFeaturesAreAttached_ThenSplitsCarryFeatureRowsAndTheNote()
    {
        var train = new ImageSet([1, 2, 3, 4, 2, 2, 2, 2, 3, 3, 3, 3], new ImageShape(1, 2, 2), [0, 0, 0], ["a", "b"]);
        var test = new ImageSet(Enumerable.Range(0, 40).Select(i => (byte)i).ToArray(), new ImageShape(1, 2, 2), [0, 1, 0, 1, 0, 1, 0, 1, 0, 1], ["a", "b"]);
        var spec = InputFormats.Cifar10.Spec(["a"]);
        var data = new ImageProtocolData("images", train, test, ["a"], spec, []);
        var cache = new FeatureCache(_dir);
        var withFeatures = data.WithFeatures(s => cache.Attach(s, new SumExtractor(), null, _ => { }, CancellationToken.None), ["features: sum"]);
        var split = withFeatures.Split(0, new SplitOptions());
        Assert.Equal(2, split.Train.Columns);
        Assert.Equal(3, split.Train.Rows);
        Assert.Contains("features: sum", withFeatures.Notes);
        Assert.Equal(2, split.Test.Columns);
    }

    /// <summary>An extractor that says when it has started and then waits to be let go; counts its calls.</summary>
    private sealed class GatedExtractor : IImageFeatureExtractor
    {
        private int _calls;
        public ManualResetEventSlim Started { get; } = new();
        public ManualResetEventSlim Release { get; } = new();
        public int Calls => Volatile.Read(ref _calls);
        public string Name => "gated";
        public int Dimension => 1;
        public string Identity => "gated v1";
        public IReadOnlyDictionary<string, string> Facts => new Dictionary<string, string> { ["extractor"] = "gated" };

        public float[] Extract(ImageSet images, IProgress<int>? progress, CancellationToken ct)
        {
            Interlocked.Increment(ref _calls);
            Started.Set();
            Assert.True(Release.Wait(TimeSpan.FromSeconds(60)));
            return Enumerable.Range(0, images.Count).Select(i => (float)i).ToArray();
        }
    }

    [Fact]
    public async Task GivenTwoCallersOnTheSameImages_WhenTheFirstIsExtracting_ThenTheSecondWaitsAndReadsItsFileInsteadOfExtractingAgain()
    {
        var cache = new FeatureCache(_dir);
        var x = new GatedExtractor();
        var firstNotes = new List<string>();
        var secondNotes = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var first = Task.Run(() => cache.Attach(Images(), x, null, firstNotes.Add, CancellationToken.None));
        Assert.True(x.Started.Wait(TimeSpan.FromSeconds(30)));
        var second = Task.Run(() => cache.Attach(Images(), x, null, secondNotes.Enqueue, CancellationToken.None));

        // The second caller says it waits (the lock file of the first one's key), and stays waiting until the first is let go.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (secondNotes.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal([$"waiting for another process that is preparing the features {FeatureCache.Key(x, Images())}.f32"], secondNotes);
        Assert.False(second.IsCompleted);
        x.Release.Set();

        var a = await first.WaitAsync(TimeSpan.FromSeconds(30));
        var b = await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, x.Calls);
        Assert.Contains("extracted for 3 images", Assert.Single(firstNotes));
        Assert.Contains("read from the cache", secondNotes.Last());
        Assert.Equal(a.ToDataset([0, 1, 2], [0, 1, 0]).Values.ToArray(), b.ToDataset([0, 1, 2], [0, 1, 0]).Values.ToArray());
    }
}
