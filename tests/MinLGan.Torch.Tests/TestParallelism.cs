// Torch tests run one at a time. TorchSharp 0.107 hands libtorch temporary Scalars that nothing managed holds during
// the native call (every `a + b`, LeakyReLU.forward, Adam.step, ...); a garbage collection started by another test's
// thread then lets the finalizer free one while libtorch reads it, and a fit fails with "Expected false to be true ...
// toFloat" (seen once in CI, in ALadderTests). One thread at a time leaves no other thread to start such a collection.
// See docs/library.md, "Fit on one thread at a time".
[assembly: CollectionBehavior(DisableTestParallelization = true)]
