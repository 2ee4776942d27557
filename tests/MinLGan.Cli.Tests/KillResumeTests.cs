using System.Diagnostics;
using System.Text.Json;

namespace MinLGan.Cli.Tests;

/// <summary>
/// The kill test (issue 16): a three-seed evaluate runs in a child process, is killed with SIGKILL at a chosen point
/// (inside a seed's training, half-way through writing a checkpoint, between two seeds), and is then resumed with
/// --resume. The resumed run's scores must equal an uninterrupted run's byte for byte, and at no point may a file under
/// --out be half-written. The child stops at the point through the MINLGAN_PAUSE_AT seam and is killed there.
/// </summary>
public sealed class KillResumeTests : CliTestBase
{
    /// <summary>The run's arguments; "eminlgan2:batched" names the ensemble with its member_training.</summary>
    private static string[] Args(string detector) =>
    [
        "evaluate", "--protocol", "moons", "--detector", detector.Split(':')[0], "--seeds", "0,1,2", "--no-plots",
        "--param", "epochs=3", "--param", "batch_size=64", "--param", "min_steps=0", "--param", "background_kind=gaussian",
        "--checkpoint-seconds", "0", // a training in progress is saved after every epoch
        .. detector == "minlgan" ? Array.Empty<string>() : ["--param", "members=3", "--param", $"member_training={(detector.Contains(':') ? detector.Split(':')[1] : "sequential")}"],
    ];

    /// <summary>Runs minlgan in a child process; with <paramref name="pauseAt"/>, waits for the pause and kills it (SIGKILL).</summary>
    private (int Code, string Out, string Err) Child(string? pauseAt, params string[] args)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "minlgan.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        string marker = P($"paused-{Guid.NewGuid():N}");
        if (pauseAt is not null)
        {
            psi.Environment["MINLGAN_PAUSE_AT"] = pauseAt;
            psi.Environment["MINLGAN_PAUSE_FILE"] = marker;
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (pauseAt is not null)
        {
            var clock = Stopwatch.StartNew();
            while (!File.Exists(marker))
            {
                if (p.HasExited) Assert.Fail($"the run ended before reaching {pauseAt}: {stderr.Result}");
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"{pauseAt} not reached in 3 minutes");
                Thread.Sleep(50);
            }
            p.Kill(entireProcessTree: true); // SIGKILL: no handler runs, nothing is cleaned up
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Every file under <paramref name="folder"/> that is not a temporary one is whole: CSVs have every row, JSON parses.</summary>
    private static void AssertNothingHalfWritten(string folder, int testRows)
    {
        foreach (var f in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')))
        {
            if (f.EndsWith(".csv", StringComparison.Ordinal))
                Assert.Equal(testRows + 1, File.ReadAllLines(f).Length);
            else if (f.EndsWith(".json", StringComparison.Ordinal))
                JsonDocument.Parse(File.ReadAllBytes(f)).Dispose();
            else if (f.EndsWith(".bin", StringComparison.Ordinal) && Path.GetFileName(Path.GetDirectoryName(f))!.EndsWith("-members", StringComparison.Ordinal))
                Assert.Equal(0x4D434B50, BitConverter.ToInt32(File.ReadAllBytes(f), 0)); // a kept member (read back whole by the resume)
            else if (f.EndsWith(".training", StringComparison.Ordinal) && Path.GetFileName(Path.GetDirectoryName(f))!.EndsWith("-members", StringComparison.Ordinal))
                Assert.Equal(0x4550434B, BitConverter.ToInt32(File.ReadAllBytes(f), 0)); // a training in progress (likewise)
            else
                Assert.Fail($"unexpected file {f}");
        }
    }

    private static Dictionary<int, (double Auc, double? Holdout)> Results(string folder)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "results.json")));
        return doc.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("seed").GetInt32(),
            r => (r.GetProperty("auc").GetDouble(), r.GetProperty("holdout_auc").ValueKind == JsonValueKind.Number ? r.GetProperty("holdout_auc").GetDouble() : (double?)null));
    }

    [Theory]
    [InlineData("minlgan", "training-1", 1, null)]          // inside seed 1's first epoch report: seed 0 is kept, seed 1 runs again
    [InlineData("minlgan", "epoch-saved-2", 0, "seed 0: its training from epoch 2")] // just after seed 0's training was saved at epoch 2
    [InlineData("minlgan", "checkpoint-write-1", 1, null)]  // half of seed 1's checkpoint written: it never became seed-1.json
    [InlineData("minlgan", "after-seed-0", 1, null)]        // between seeds 0 and 1
    [InlineData("eminlgan2", "member-saved-1-1", 1, "seed 1: members 0, 1")] // between members 1 and 2 of seed 1: both are read back
    [InlineData("eminlgan2", "training-1", 1, null)]        // inside member 0 of seed 1
    [InlineData("eminlgan2:batched", "epoch-saved-2", 0, "seed 0: members 0, 1, 2 from epoch 2")] // the stack of seed 0 saved at epoch 2
    [InlineData("eminlgan2:batched", "member-saved-1-1", 1, null)] // two of seed 1's three stacked members kept: the stack trains again
    public void GivenARunKilledAtAPoint_WhenResumed_ThenItsScoresEqualAnUninterruptedRunsAndNothingWasHalfWritten(string detector, string point,
        int finishedBefore, string? readBack)
    {
        string[] args = Args(detector);
        var whole = Child(null, [.. args, "--out", P("whole")]);
        Assert.True(whole.Code == 0, whole.Err);
        int testRows = File.ReadAllLines(P("whole/scores-0.csv")).Length - 1;

        var killed = Child(point, [.. args, "--out", P("killed")]);
        Assert.NotEqual(0, killed.Code);
        Assert.False(File.Exists(P("killed/results.json")));
        AssertNothingHalfWritten(P("killed"), testRows);
        Assert.Equal(finishedBefore, Directory.GetFiles(P("killed/checkpoints"), "seed-*.json").Length);
        bool leftTemporary = Directory.GetFiles(P("killed"), ".*.tmp", SearchOption.AllDirectories).Length > 0;
        Assert.Equal(point.StartsWith("checkpoint-write", StringComparison.Ordinal), leftTemporary);

        // Without --resume the interrupted run's files are not replaced.
        var refused = Child(null, [.. args, "--out", P("killed")]);
        Assert.Equal(2, refused.Code);
        Assert.Contains(finishedBefore > 0 ? "pass --force to replace it, --resume to continue the run" : "checkpoints of an earlier run; pass --resume to continue it, or --force to start again", refused.Err);

        if (point.StartsWith("member-saved", StringComparison.Ordinal))
            Assert.Equal(2, Directory.GetFiles(P("killed/checkpoints/seed-1-members"), "member-*.bin").Length);
        if (point.StartsWith("epoch-saved", StringComparison.Ordinal))
            Assert.Single(Directory.GetFiles(P("killed/checkpoints/seed-0-members"), "member-0-*.training"));
        var resumed = Child(null, [.. args, "--out", P("killed"), "--resume"]);
        Assert.True(resumed.Code == 0, resumed.Err);
        Assert.Contains($"note: --resume: {finishedBefore} of 3 seeds finished", resumed.Err);
        if (finishedBefore > 0) Assert.DoesNotContain("seed 0 member", resumed.Err); // seed 0 was read back, not trained again
        Assert.Contains("seed 2 member", resumed.Err);
        Assert.Empty(Directory.GetFiles(P("killed"), ".*.tmp", SearchOption.AllDirectories));
        if (readBack is not null) Assert.Contains($"note: {readBack} read back from", resumed.Err);
        Assert.Empty(Directory.GetDirectories(P("killed/checkpoints"))); // a finished seed's members are dropped
        foreach (int seed in new[] { 0, 1, 2 })
            Assert.Equal(File.ReadAllBytes(P($"whole/scores-{seed}.csv")), File.ReadAllBytes(P($"killed/scores-{seed}.csv")));
        Assert.Equal(Results(P("whole")), Results(P("killed")));
        AssertNothingHalfWritten(P("killed"), testRows);
    }

    [Fact]
    public void GivenCtrlCInsideASeed_WhenResumed_ThenTheCutSeedRunsAgainAndTheScoresEqualAnUninterruptedRun()
    {
        string[] args = Args("minlgan");
        var whole = Child(null, [.. args, "--out", P("whole")]);
        Assert.True(whole.Code == 0, whole.Err);

        // Ctrl-C (SIGINT) while seed 1 stands just after its first epoch report (it goes on when the test deletes the
        // marker): seed 1 ends early with its best epoch so far (its training saved after epoch 1 is kept), and seed 2
        // is not run. Output is read by events and the test blocks only on the process, never on a task.
        // A process started in the background by a non-interactive shell (a script's `cmd &`, nohup) ignores SIGINT, and
        // its children inherit that: the child would never see the Ctrl-C. coreutils' env resets SIGINT before it runs dotnet.
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var psi = new ProcessStartInfo(EnvResetsSigint.Value ? "env" : dotnet) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (EnvResetsSigint.Value) foreach (var a in new[] { "--default-signal=INT", dotnet }) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "minlgan.dll"));
        foreach (var a in args.Concat(["--out", P("cut")])) psi.ArgumentList.Add(a);
        string marker = P("paused-ctrl-c");
        psi.Environment["MINLGAN_PAUSE_AT"] = "training-1";
        psi.Environment["MINLGAN_PAUSE_FILE"] = marker;
        psi.Environment["MINLGAN_PAUSE_RELEASE"] = "delete";
        var err = new System.Text.StringBuilder();
        using var p = new Process { StartInfo = psi };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (err) err.AppendLine(e.Data); };
        p.OutputDataReceived += (_, _) => { };
        p.Start();
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();
        var clock = Stopwatch.StartNew();
        while (!File.Exists(marker) && !p.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3)) Thread.Sleep(20);
        bool sent = File.Exists(marker) && !p.HasExited;
        if (sent)
        {
            using (var kill = Process.Start("kill", ["-INT", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!) kill.WaitForExit();
            // The run's token is cancelled when the child says so (the runtime's signal thread can be slow on a busy machine).
            while (!Said(err, "note: Ctrl-C: stopping at the next step") && !p.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3)) Thread.Sleep(20);
        }
        File.Delete(marker);
        if (!p.WaitForExit(TimeSpan.FromMinutes(3))) p.Kill(entireProcessTree: true);
        p.WaitForExit();
        Assert.True(sent, err.ToString());
        Assert.True(p.ExitCode == 130, $"exit {p.ExitCode}: {err}");
        Assert.Contains("note: Ctrl-C: stopping at the next step and keeping what is finished (Ctrl-C again stops at once)", err.ToString());
        Assert.Contains("--resume runs it again", err.ToString());
        Assert.Equal("seed-0.json", Path.GetFileName(Assert.Single(Directory.GetFiles(P("cut/checkpoints"), "seed-*.json"))));

        var resumed = Child(null, [.. args, "--out", P("cut"), "--resume"]);
        Assert.True(resumed.Code == 0, resumed.Err);
        Assert.Contains("note: --resume: 1 of 3 seeds finished", resumed.Err);
        Assert.Contains("note: seed 1: its training from epoch 1 read back from", resumed.Err);
        foreach (int seed in new[] { 0, 1, 2 })
            Assert.Equal(File.ReadAllBytes(P($"whole/scores-{seed}.csv")), File.ReadAllBytes(P($"cut/scores-{seed}.csv")));
        Assert.Equal(Results(P("whole")), Results(P("cut")));
    }

    /// <summary>Whether this machine's env (coreutils 8.31 or later) takes --default-signal.</summary>
    private static readonly Lazy<bool> EnvResetsSigint = new(() =>
    {
        try
        {
            using var env = Process.Start(new ProcessStartInfo("env", ["--default-signal=INT", "true"]) { RedirectStandardError = true })!;
            env.WaitForExit();
            return env.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    private static bool Said(System.Text.StringBuilder err, string text)
    {
        lock (err) return err.ToString().Contains(text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenATrainKilledBetweenMembers_WhenRunAgain_ThenTheKeptMembersAreReadBackAndTheModelScoresAsAnUninterruptedOne()
    {
        string[] train =
        [
            "train", "--protocol", "moons", "--detector", "eminlgan1", "--seed", "2", "--param", "members=3", "--param", "epochs=3",
            "--param", "batch_size=64", "--param", "min_steps=0", "--param", "background_kind=gaussian", "--param", "member_training=sequential",
        ];
        var whole = Child(null, [.. train, "--model", P("whole.minlgan")]);
        Assert.True(whole.Code == 0, whole.Err);
        Assert.False(Directory.Exists(P("whole.minlgan.checkpoints"))); // dropped once the model is saved

        var killed = Child("member-saved-2-1", [.. train, "--model", P("m.minlgan")]);
        Assert.NotEqual(0, killed.Code);
        Assert.False(File.Exists(P("m.minlgan")));
        Assert.Equal(2, Directory.GetFiles(P("m.minlgan.checkpoints"), "member-*.bin").Length);
        var again = Child(null, [.. train, "--model", P("m.minlgan")]);
        Assert.True(again.Code == 0, again.Err);
        Assert.Contains($"note: members 0, 1 read back from {P("m.minlgan.checkpoints")}", again.Err);
        Assert.False(Directory.Exists(P("m.minlgan.checkpoints")));

        File.WriteAllLines(P("rows.csv"), ["x1,x2", "0.1,0.2", "2.5,-1", "-3,4"]);
        foreach (var m in new[] { "whole", "m" })
            Assert.Equal(0, Run("score", "--model", P($"{m}.minlgan"), "--input", P("rows.csv"), "--output", P($"{m}.csv")).Code);
        Assert.Equal(File.ReadAllBytes(P("whole.csv")), File.ReadAllBytes(P("m.csv")));
    }

    [Fact]
    public void GivenCheckpointsOfOtherArguments_WhenResumed_ThenExit2NamesTheArgument_AndAnUnreadableOneIsNamed()
    {
        string[] quick = ["evaluate", "--protocol", "moons", "--detector", "iforest", "--seeds", "0,1", "--no-plots", "--out", P("o")];
        var first = Run(quick);
        Assert.True(first.Code == 0, first.Err);
        Assert.True(File.Exists(P("o/checkpoints/seed-1.json")));
        var again = Run([.. quick, "--resume"]);
        Assert.True(again.Code == 0, again.Err);
        Assert.Contains("note: --resume: 2 of 2 seeds finished in", again.Err);

        var other = Run([.. quick, "--resume", "--param", "trees=50"]);
        Assert.Equal(2, other.Code);
        AssertOneLineError(other.Err, $"{P("o/checkpoints/seed-0.json")}: made with parameters=");
        Assert.Contains("resume with the same arguments, or choose another --out", other.Err);

        File.WriteAllText(P("o/checkpoints/seed-1.json"), "{\"format\": \"minlgan-evaluate-checkpoint\", \"vers");
        var broken = Run([.. quick, "--resume"]);
        Assert.Equal(2, broken.Code);
        AssertOneLineError(broken.Err, $"{P("o/checkpoints/seed-1.json")}: not a readable checkpoint (");
        Assert.Contains("delete it to run seed 1 again", broken.Err);
    }
}
