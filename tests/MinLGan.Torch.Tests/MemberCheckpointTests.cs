using MinLGan.Data;
using MinLGan.Detectors;

namespace MinLGan.Torch.Tests;

/// <summary>ICheckpointsFit: GAN-family members kept one by one and read back bit for bit (issue 16).</summary>
public class MemberCheckpointTests
{
    private static GanOptions Options(int members, int epochs, string training = "sequential") =>
        Small.Options(members: members, epochs: epochs) with { MemberTraining = training };

    private static EMinLGan1Detector Fit(Dataset train, Dataset holdout, string folder, int members = 3, int seed = 5, string training = "sequential")
    {
        var det = new EMinLGan1Detector(Options(members, 3, training), seed) { CheckpointFolder = folder };
        det.UseHoldout(holdout);
        det.Fit(train);
        return det;
    }

    [Fact]
    public void GivenKeptMembers_WhenTheSameFitRunsAgain_ThenTheyAreReadBackAndTheScoresAreBitIdentical()
    {
        var (train, holdout, test) = Small.Planted();
        using var dir = new Folder();
        var first = Fit(train, holdout, dir.Path);
        Assert.Null(first.Resumed);
        Assert.Equal(3, Directory.GetFiles(dir.Path, "member-*.bin").Length);
        Assert.Empty(Directory.GetFiles(dir.Path, ".*")); // no temporary file left

        // A kill after member 1: only members 0 and 1 are there. The next fit reads them back and trains member 2.
        File.Delete(Directory.GetFiles(dir.Path, "member-2-*.bin").Single());
        var again = Fit(train, holdout, dir.Path);
        Assert.Equal("members 0, 1", again.Resumed);
        Assert.Equal(first.Score(test), again.Score(test));
        Assert.Equal(first.Selection, again.Selection);
        var plain = new EMinLGan1Detector(Options(3, 3), 5);
        plain.UseHoldout(holdout);
        plain.Fit(train);
        Assert.Equal(plain.Score(test), again.Score(test)); // keeping members changes nothing

        // Other data, another seed: other keys, nothing read back.
        var (train2, holdout2, _) = Small.Planted(seed: 4);
        Assert.Null(Fit(train2, holdout2, dir.Path).Resumed);
        Assert.Null(Fit(train, holdout, dir.Path, seed: 6).Resumed);
    }

    [Fact]
    public void GivenEMinLGan1sKeptMembers_WhenEMinLGan2ReadsThemFromASharedFolder_ThenNoneTrains_AndItsScoresEqualItsOwnTraining()
    {
        var (train, holdout, test) = Small.Planted();
        using var one = new Folder();
        using var two = new Folder();
        Fit(train, holdout, one.Path, training: "batched");
        EMinLGan2Detector Second(string? folder, IReadOnlyList<string> shared)
        {
            var det = new EMinLGan2Detector(Options(3, 3, "batched"), 5) { CheckpointFolder = folder, SharedFolders = shared };
            det.UseHoldout(holdout);
            det.Fit(train);
            return det;
        }
        var reader = Second(two.Path, [one.Path]);
        Assert.Equal($"members 0, 1, 2 from {one.Path}", reader.SharedRead);
        Assert.Null(reader.Resumed); // nothing of its own folder
        Assert.Empty(Directory.GetFiles(two.Path, "member-*.bin")); // read, not copied: the shared folder is never written
        var own = Second(null, []);
        Assert.Null(own.SharedRead);
        Assert.Equal(own.Score(test), reader.Score(test));
        Assert.Equal(own.Selection, reader.Selection);

        // Another seed: other keys, nothing is read from the shared folder.
        var other = new EMinLGan2Detector(Options(3, 3, "batched"), 6) { CheckpointFolder = two.Path, SharedFolders = [one.Path] };
        other.UseHoldout(holdout);
        other.Fit(train);
        Assert.Null(other.SharedRead);
    }

    [Fact]
    public void GivenBatchedMembersKept_WhenTheSameFitRunsAgain_ThenTheStackIsReadBackAndAStackWithAMemberMissingTrainsAgain()
    {
        var (train, holdout, test) = Small.Planted();
        using var dir = new Folder();
        var first = Fit(train, holdout, dir.Path, training: "batched");
        Assert.Null(first.Resumed);
        Assert.Equal("batched", first.ModelSummary["member_training"]);
        Assert.Equal(3, Directory.GetFiles(dir.Path, "member-*.bin").Length);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.training"));

        var again = Fit(train, holdout, dir.Path, training: "batched");
        Assert.Equal("members 0, 1, 2", again.Resumed);
        Assert.Equal(first.Score(test), again.Score(test));

        // A stack is kept whole or trained again whole: with member 2 gone, the three train again, to the same scores.
        File.Delete(Directory.GetFiles(dir.Path, "member-2-*.bin").Single());
        var third = Fit(train, holdout, dir.Path, training: "batched");
        Assert.Null(third.Resumed);
        Assert.Equal(first.Score(test), third.Score(test));

        // Sequential members are not read back as batched ones (they differ by rounding): other keys.
        var sequential = Fit(train, holdout, dir.Path);
        Assert.Null(sequential.Resumed);
        Assert.Equal("sequential", sequential.ModelSummary["member_training"]);
    }

    [Fact]
    public void GivenBatchedMembersInTwoStacks_WhenCancelledInsideTheFirst_ThenTheSecondNeverStartsAndTheFitSaysSo()
    {
        // background_kind=auto with a labelled holdout: members 0 and 2 train gaussian, 1 and 3 both: two stacks.
        var (train, holdout, test) = Small.Planted();
        using var cts = new CancellationTokenSource();
        var det = new EMinLGan1Detector(Options(4, 6, "batched") with { BackgroundKind = "auto" }, 8);
        var reports = new List<(int Member, int Of)>();
        det.Progress = p =>
        {
            reports.Add((p.Member, p.Members));
            if (p.Epoch == 2) cts.Cancel();
        };
        det.UseHoldout(holdout);
        det.Fit(train, cts.Token);
        // Epochs 1 and 2 of the first stack, reported as the ensemble's members 0 and 2 of 4; the second stack never reported.
        Assert.Equal([(0, 4), (2, 4), (0, 4), (2, 4)], reports);
        Assert.Contains(det.Warnings, w => w.Kind == WarningKind.Cancelled && w.Message == "cancelled: 1 of 4 members trained");
        Assert.Single(det.MemberSelections);
        Assert.All(det.Score(test), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void GivenADamagedMemberFile_WhenReadBack_ThenTheErrorNamesItAndSaysHowToRecover()
    {
        var (train, holdout, _) = Small.Planted();
        using var dir = new Folder();
        Fit(train, holdout, dir.Path, members: 2);
        string path = Directory.GetFiles(dir.Path, "member-1-*.bin").Single();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 7)]);
        var e = Assert.Throws<InvalidInputException>(() => Fit(train, holdout, dir.Path, members: 2));
        Assert.StartsWith($"{path}: not a readable member checkpoint (", e.Message);
        Assert.EndsWith("delete it to train member 1 again", e.Message);
    }

    /// <summary>
    /// Fits <paramref name="make"/>'s detector keeping its training after every epoch; Ctrl-C (the token) when member
    /// <paramref name="member"/> reports epoch <paramref name="stopAt"/>, then a second fit from the same folder.
    /// </summary>
    internal static (double[] Interrupted, double[] Whole, string? Resumed, string[] Left) StopAndContinue(Func<IAnomalyDetector> make, int member, int stopAt,
        (Dataset Train, Dataset Holdout, Dataset Test)? data = null)
    {
        var (train, holdout, test) = data ?? Small.Planted();
        using var dir = new Folder();
        using var cts = new CancellationTokenSource();
        var first = make();
        ((ICheckpointsFit)first).CheckpointFolder = dir.Path;
        ((ICheckpointsFit)first).CheckpointSeconds = 0;
        ((IReportsTraining)first).Progress = p => { if (p.Member == member && p.Epoch == stopAt) cts.Cancel(); };
        ((IUsesHoldout)first).UseHoldout(holdout);
        first.Fit(train, cts.Token);
        var left = Directory.GetFiles(dir.Path).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

        var second = make();
        ((ICheckpointsFit)second).CheckpointFolder = dir.Path;
        ((ICheckpointsFit)second).CheckpointSeconds = 0;
        ((IUsesHoldout)second).UseHoldout(holdout);
        second.Fit(train);
        var whole = make();
        ((IUsesHoldout)whole).UseHoldout(holdout);
        whole.Fit(train);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.training")); // completed trainings remove their file
        return (second.Score(test), whole.Score(test), ((ICheckpointsFit)second).Resumed, left);
    }

    [Fact]
    public void GivenAMinLGanStoppedAfterEpoch4_WhenFitAgain_ThenItContinuesFromEpoch4AndEqualsAnUninterruptedFitBitForBit()
    {
        var (again, whole, resumed, left) = StopAndContinue(() => new MinLGanDetector(Small.Options(epochs: 9), 3), member: 0, stopAt: 4);
        Assert.Equal("its training from epoch 4", resumed);
        Assert.Single(left, f => f.EndsWith(".training", StringComparison.Ordinal));
        Assert.Equal(whole, again);
    }

    [Fact]
    public void GivenAnEnsembleStoppedInsideMember1_WhenFitAgain_ThenMember0IsReadBackMember1ContinuesAndMember2Trains()
    {
        var (again, whole, resumed, left) = StopAndContinue(() => new EMinLGan1Detector(Options(3, 6), 8), member: 1, stopAt: 2);
        Assert.Equal("member 0; member 1 from epoch 2", resumed);
        Assert.Equal(2, left.Length); // member 0 kept, member 1's training in progress
        Assert.Equal(whole, again);
    }

    [Fact]
    public void GivenBatchedMembersStoppedAfterEpoch2_WhenFitAgain_ThenTheStackContinuesFromEpoch2AndEqualsAnUninterruptedFitBitForBit()
    {
        var (again, whole, resumed, left) = StopAndContinue(() => new EMinLGan1Detector(Options(3, 6, "batched"), 8), member: 1, stopAt: 2);
        Assert.Equal("members 0, 1, 2 from epoch 2", resumed);
        Assert.Single(left, f => f.EndsWith(".training", StringComparison.Ordinal)); // one file for the whole stack
        Assert.Equal(whole, again);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GivenAnAutoencoderStoppedAfterEpoch5_WhenFitAgain_ThenItEqualsAnUninterruptedFitBitForBit(bool variational)
    {
        var (again, whole, resumed, _) = StopAndContinue(() => new ReconstructionDetector(variational, SmallAe.Options(epochs: 12), 4), member: 0, stopAt: 5);
        Assert.Equal("its training from epoch 5", resumed);
        Assert.Equal(whole, again);
    }

    [Theory]
    [InlineData("dcgan-small", 16)] // batch norm's running statistics are buffers
    [InlineData("improved-gan", 32)] // dropout draws from libtorch's generator; weight normalisation's g and v are parameters
    public void GivenAConvolutionalMinLGanStoppedAfterEpoch1_WhenFitAgain_ThenItEqualsAnUninterruptedFitBitForBit(string arch, int side)
    {
        var shape = new ImageShape(3, side, side);
        var rng = new SeededRandom(11);
        Dataset Noise(int normal, int anomalies) => new(
            Enumerable.Range(0, (normal + anomalies) * shape.Size).Select(i => (float)(0.3 * rng.NextGaussian() + (i / shape.Size >= normal ? 0.5 : 0))).ToArray(),
            normal + anomalies, ImageSet.FeatureNames(shape), normal == 0 || anomalies > 0 ? Enumerable.Repeat(0, normal).Concat(Enumerable.Repeat(1, anomalies)).ToArray() : null, shape);
        var images = (Noise(32, 0), Noise(6, 4), Noise(6, 4));
        var (again, whole, resumed, _) = StopAndContinue(() => new MinLGanDetector(SmallImages.Options(epochs: 3) with { Architecture = arch, BatchSize = 16 }, 2),
            member: 0, stopAt: 1, images);
        Assert.Equal("its training from epoch 1", resumed);
        Assert.Equal(whole, again);
    }

    private sealed class Folder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("minlgan-members").FullName;

        public void Dispose()
        {
            try { Directory.Delete(Path, true); } catch (IOException) { }
        }
    }
}
