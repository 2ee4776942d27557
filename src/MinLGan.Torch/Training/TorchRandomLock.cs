namespace MinLGan.Torch.Training;

/// <summary>
/// libtorch's default generator (weight initialisation, z, dropout) is process-wide: two trainings on different threads
/// would draw from each other's stream. Everything that seeds or draws from it (training, building a module to load
/// or score weights) holds <see cref="Gate"/> from manual_seed to the end, so a result depends on its seed alone.
/// </summary>
internal static class TorchRandomLock
{
    /// <summary>The lock.</summary>
    public static readonly Lock Gate = new();
}
