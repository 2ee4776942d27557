using MinLGan.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MinLGan.Torch.Tests;

public class KeptScalarAdamTests
{
    // Three parameters and a loss whose gradients change from step to step.
    private static TorchSharp.Modules.Parameter[] Parameters(long seed)
    {
        using var g = new Generator((ulong)seed);
        return
        [
            new TorchSharp.Modules.Parameter(randn([32, 16], generator: g)),
            new TorchSharp.Modules.Parameter(randn([16], generator: g)),
            new TorchSharp.Modules.Parameter(randn([16, 4], generator: g)),
        ];
    }

    private static void Backward(TorchSharp.Modules.Parameter[] p, Tensor x)
    {
        using var _ = NewDisposeScope();
        using Scalar one = 1; // `a + b` would pass libtorch a temporary alpha of 1
        var h = tanh(x.matmul(p[0]).add(p[1], one)).matmul(p[2]);
        (h * h).mean().backward();
    }

    private static float[][] Train(Func<TorchSharp.Modules.Parameter[], optim.Optimizer> make, int steps)
    {
        var p = Parameters(7);
        using var opt = make(p);
        using var g = new Generator(11);
        for (int s = 0; s < steps; s++)
        {
            opt.zero_grad();
            using (var x = randn([8, 32], generator: g)) Backward(p, x);
            opt.step();
        }
        var result = p.Select(t => t.detach().data<float>().ToArray()).ToArray();
        foreach (var t in p) t.Dispose();
        return result;
    }

    [Fact]
    public void GivenTheSameParametersAndGradients_WhenStepped_ThenTheWeightsAreBitIdenticalToTorchSharpsAdam()
    {
        var ours = Train(p => new KeptScalarAdam(p, 2e-3, 0.5), 50);
        var theirs = Train(p => optim.Adam(p, 2e-3, 0.5, 0.999), 50);
        var start = Parameters(7).Select(t => t.detach().data<float>().ToArray()).ToArray();
        for (int i = 0; i < ours.Length; i++)
        {
            Assert.Equal(theirs[i], ours[i]);
            Assert.NotEqual(start[i], ours[i]); // the steps moved the weights
        }
    }

    [Fact]
    public void GivenAnotherThreadForcingCollections_WhenSteppedThousandsOfTimes_ThenNoScalarIsFreedUnderLibtorch()
    {
        // Collections on another thread finalise whatever scalar nothing managed holds; TorchSharp's own step passes
        // such temporaries to native code and, under this load, reads one after it is freed: MINLGAN_PROBE_STOCK_ADAM=1
        // runs this test on TorchSharp's Adam, which failed in 6 runs of 6 (docs/library.md, "Fit on one thread at a time").
        var p = Parameters(3);
        using optim.Optimizer opt = Environment.GetEnvironmentVariable("MINLGAN_PROBE_STOCK_ADAM") == "1"
            ? optim.Adam(p, 1e-3, 0.5)
            : new KeptScalarAdam(p, 1e-3, 0.5);
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect(0);
                GC.WaitForPendingFinalizers();
            }
        }) { IsBackground = true };
        collector.Start();
        try
        {
            using var g = new Generator(5);
            for (int s = 0; s < 6000; s++)
            {
                opt.zero_grad();
                using (var x = randn([8, 32], generator: g)) Backward(p, x);
                opt.step();
            }
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
        Assert.All(p, t => Assert.True(t.isfinite().all().item<bool>()));
        foreach (var t in p) t.Dispose();
    }
}
