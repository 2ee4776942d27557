using TorchSharp;

namespace MinLGan.Torch;

/// <summary>Facts about the loaded libtorch, for diagnostics (`minlgan datasets` and tests print them).</summary>
public static class TorchRuntime
{
    /// <summary>
    /// Loads libtorch and runs one small tensor operation: the sum of [1, 2, 3] times 2, which is 12.
    /// Throws when the native backend cannot be loaded.
    /// </summary>
    public static double SmokeTest()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.tensor(new float[] { 1, 2, 3 });
        return Kept.Times(t, 2).sum().item<float>();
    }

    /// <summary>Seeds torch's global generator; call before building modules.</summary>
    public static void Seed(int seed) => torch.random.manual_seed(seed);

    /// <summary>Number of intra-op threads libtorch uses.</summary>
    public static int Threads => torch.get_num_threads();
}
