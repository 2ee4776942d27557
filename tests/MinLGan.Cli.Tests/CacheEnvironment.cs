namespace MinLGan.Cli.Tests;

/// <summary>
/// The tests that set MINLGAN_CACHE (process-wide) and the tests that read images through the cache run one at a
/// time: a test reading CIFAR-10 must not find another test's temporary cache folder, deleted under it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CacheEnvironment
{
    public const string Name = "MINLGAN_CACHE";
}
