using MinLGan.Data;
using MinLGan.Detectors;

namespace MinLGan.Torch.Tests;

/// <summary>
/// Whole fits while another thread forces garbage collections and runs finalizers without pause: the load under which
/// TorchSharp's temporary Scalars were freed mid-call (Adam.step, LeakyReLU.forward, a tensor sum; see
/// <see cref="TemporaryScalarScan"/>). Before <see cref="Kept"/>, `minlgan` and `eminlgan2` failed here. Each network
/// kind the library trains is covered: MLP and stacked members, reconstruction networks, both image architectures
/// (their BatchNorm and weight-normalised convolutions included).
/// </summary>
public sealed class CollectionPressureTests
{
    public static TheoryData<string> Detectors => ["gan", "minlgan", "eminlgan2-batched", "eminlgan1", "ae", "vae", "dcgan-small", "improved-gan"];

    [Theory]
    [MemberData(nameof(Detectors))]
    public void GivenCollectionsOnAnotherThread_WhenFitAndScored_ThenNoScalarIsFreedMidCall(string name)
    {
        bool image = name is "dcgan-small" or "improved-gan";
        Dataset train, test;
        Dataset? holdout = null;
        if (image)
        {
            train = SmallImages.Make(64, 0, 1).WithLabels(null);
            test = SmallImages.Make(16, 4, 2);
        }
        else
        {
            (train, var h, test) = Small.Planted();
            holdout = h;
        }
        IAnomalyDetector det = name switch
        {
            "gan" => new GanDetector(Small.Options(a: 0, epochs: 10), 0),
            "minlgan" => new MinLGanDetector(Small.Options(epochs: 10), 0),
            "eminlgan2-batched" => new EMinLGan2Detector(Small.Options(members: 3, epochs: 5) with { BatchedMembers = true }, 0),
            "eminlgan1" => new EMinLGan1Detector(Small.Options(members: 2, epochs: 5), 0),
            "ae" => new ReconstructionDetector(false, SmallAe.Options(epochs: 10), 0),
            "vae" => new ReconstructionDetector(true, SmallAe.Options(epochs: 10), 0),
            "dcgan-small" => new MinLGanDetector(SmallImages.Options(epochs: 2) with { Members = 1 }, 0),
            _ => new EMinLGan2Detector(
                SmallImages.Options(epochs: 1) with { Architecture = "improved-gan", Members = 1 },
                0),
        };
        if (image && name == "improved-gan")
        {
            // improved-gan needs 32×32: upsample the 16×16 fixture by repeating pixels.
            train = Upsample(train);
            test = Upsample(test);
        }
        if (holdout is not null && det is IUsesHoldout u) u.UseHoldout(holdout);

        using var stop = new CancellationTokenSource();
        long collections = 0;
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect(0);
                GC.WaitForPendingFinalizers();
                Interlocked.Increment(ref collections);
            }
        }) { IsBackground = true };
        collector.Start();
        double[] scores;
        try
        {
            det.Fit(train);
            scores = det.Score(test);
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
        Assert.All(scores, s => Assert.True(double.IsFinite(s)));
        Assert.True(Interlocked.Read(ref collections) > 100, $"only {collections} collections ran during the fit");
    }

    private static Dataset Upsample(Dataset d)
    {
        var shape = new ImageShape(3, 32, 32);
        var v = new float[d.Rows * shape.Size];
        for (int i = 0; i < d.Rows; i++)
        {
            var row = d.Row(i);
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < 32; y++)
                    for (int x = 0; x < 32; x++)
                        v[i * shape.Size + (c * 32 + y) * 32 + x] = row[(c * 16 + y / 2) * 16 + x / 2];
        }
        return new Dataset(v, d.Rows, ImageSet.FeatureNames(shape), d.Labels, shape);
    }
}
