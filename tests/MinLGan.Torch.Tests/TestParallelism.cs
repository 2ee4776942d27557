// Torch tests run one at a time. Two fits in parallel only compete for the same cores. This was first meant to keep
// other threads from collecting while TorchSharp's temporary Scalars were in native calls, but it did not (the test
// host's threads allocate too; CI failed in LeakyReLU.forward with tests serial). The fix is in the library (Kept,
// KeptLeakyReLU, KeptBatchNorm, KeptScalarAdam), guarded by TemporaryScalarTests and CollectionPressureTests.
// See docs/library.md, "Threads and TorchSharp's temporary scalars".
[assembly: CollectionBehavior(DisableTestParallelization = true)]
