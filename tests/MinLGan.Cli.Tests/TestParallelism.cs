// One test at a time: the CLI runs torch detectors in this process, and TorchSharp's temporary Scalars are not safe
// against collections started by another thread (see tests/MinLGan.Torch.Tests/TestParallelism.cs and
// docs/library.md, "Fit on one thread at a time"). The CacheEnvironment collection was already serial for its own reason.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
