namespace MinLGan;

/// <summary>
/// Scoring's parallel loop over blocks of rows: blocks in parallel, but a single block on the calling thread. Scoring
/// one row (a service scoring events one at a time, an ML.NET pipeline's row-by-row transformer) then costs no hand-off
/// to the thread pool, which took tens of microseconds against a few for the work itself.
/// </summary>
public static class RowBlocks
{
    /// <summary>Runs <paramref name="body"/> for blocks 0 .. <paramref name="blocks"/> − 1.</summary>
    public static void For(int blocks, ParallelOptions? options, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (blocks == 1)
        {
            options?.CancellationToken.ThrowIfCancellationRequested();
            body(0);
        }
        else if (blocks > 1)
            Parallel.For(0, blocks, options ?? new ParallelOptions(), body);
    }
}
