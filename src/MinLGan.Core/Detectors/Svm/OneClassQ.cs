namespace MinLGan.Detectors.Svm;

/// <summary>
/// The one-class Q matrix, Q_ij = K(x_i, x_j), in the solver's current order of positions (shrinking swaps
/// positions). Columns come from a <see cref="KernelCache"/>; the missing part of a long column is computed in
/// chunks on several threads, which gives the same values as one thread.
/// </summary>
internal sealed class OneClassQ
{
    private const int Chunk = 1024;
    private readonly float[] _x;         // training rows, row-major, original order
    private readonly int _d;
    private readonly int[] _row;         // position -> original row
    private readonly double[] _square;   // position -> ‖x‖²
    private readonly double[] _qd;       // position -> K(x, x)
    private readonly KernelCache _cache;
    private readonly SvmKernel _kernel;
    private readonly ParallelOptions _parallel;
    private readonly bool _useThreads;

    public OneClassQ(float[] x, int l, int d, SvmKernel kernel, long cacheBytes, int threads)
    {
        _x = x;
        _d = d;
        _kernel = kernel;
        _row = Enumerable.Range(0, l).ToArray();
        _square = new double[l];
        _qd = new double[l];
        for (int i = 0; i < l; i++)
        {
            var xi = Row(i);
            _square[i] = SvmKernel.Dot(xi, xi);
        }
        for (int i = 0; i < l; i++) _qd[i] = _kernel.FromDot(_square[i], _square[i], _square[i]);
        _cache = new KernelCache(l, cacheBytes);
        int degree = threads == 0 ? Environment.ProcessorCount : threads;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = degree };
        _useThreads = degree > 1;
    }

    /// <summary>K(x_i, x_i) by position.</summary>
    public double[] QD => _qd;

    /// <summary>Original row index at a position.</summary>
    public int RowAt(int position) => _row[position];

    /// <summary>The first <paramref name="len"/> entries of column i (by position).</summary>
    public float[] GetQ(int i, int len)
    {
        int start = _cache.GetData(i, len, out var data);
        if (start >= len) return data;
        int chunks = (len - start + Chunk - 1) / Chunk;
        // Threads only when a column is long enough to repay the hand-off (rows × features of work).
        if (_useThreads && chunks > 1 && (long)(len - start) * _d >= 64 * 1024)
            Parallel.For(0, chunks, _parallel, c => Fill(i, data, start + c * Chunk, Math.Min(len, start + (c + 1) * Chunk)));
        else
            for (int c = 0; c < chunks; c++) Fill(i, data, start + c * Chunk, Math.Min(len, start + (c + 1) * Chunk));
        return data;
    }

    /// <summary>Swaps positions i and j (data, norms, diagonal and cached columns).</summary>
    public void SwapIndex(int i, int j)
    {
        _cache.SwapIndex(i, j);
        (_row[i], _row[j]) = (_row[j], _row[i]);
        (_square[i], _square[j]) = (_square[j], _square[i]);
        (_qd[i], _qd[j]) = (_qd[j], _qd[i]);
    }

    private void Fill(int i, float[] data, int from, int to)
    {
        Span<double> values = stackalloc double[to - from];
        var xi = Row(i);
        for (int j = from; j < to; j++) values[j - from] = SvmKernel.Dot(xi, Row(j));
        _kernel.Apply(values, _square[i], _square.AsSpan(from, to - from));
        for (int j = from; j < to; j++) data[j] = (float)values[j - from];
    }

    private ReadOnlySpan<float> Row(int position) => _x.AsSpan(_row[position] * _d, _d);
}
