// One test at a time: the CLI runs torch detectors in this process, and two fits in parallel only compete for the
// same cores (see tests/MinLGan.Torch.Tests/TestParallelism.cs and docs/library.md, "Threads and TorchSharp's
// temporary scalars"). The CacheEnvironment collection was already serial for its own reason.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
