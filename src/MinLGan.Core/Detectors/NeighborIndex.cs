using System.Numerics.Tensors;
using MinLGan.Data;

namespace MinLGan.Detectors;

/// <summary>
/// Exact k-nearest-neighbour search by Euclidean distance over stored rows (scikit-learn's
/// <c>NearestNeighbors(algorithm="brute")</c>): every query is compared with every stored row, SIMD distances from
/// <see cref="TensorPrimitives.Distance(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, queries in parallel. Equal
/// distances keep the lower row index first, so results do not depend on the thread count.
/// </summary>
internal sealed class NeighborIndex
{
    private readonly float[] _rows;

    /// <summary>Keeps a copy of <paramref name="rows"/>' values.</summary>
    public NeighborIndex(Dataset rows) : this(rows.Values.ToArray(), rows.Rows, rows.Columns) { }

    /// <summary>Wraps stored values (row-major, <paramref name="count"/> × <paramref name="columns"/>), not copied.</summary>
    public NeighborIndex(float[] values, int count, int columns)
    {
        if (values.Length != (long)count * columns) throw new ArgumentException("values do not match count × columns", nameof(values));
        _rows = values;
        Count = count;
        Columns = columns;
    }

    /// <summary>Stored rows.</summary>
    public int Count { get; }

    /// <summary>Features per row.</summary>
    public int Columns { get; }

    /// <summary>The stored values, row-major.</summary>
    public ReadOnlySpan<float> Values => _rows;

    /// <summary>
    /// The <paramref name="k"/> nearest stored rows of each query row: distances ascending and their row indices,
    /// row-major [queries × k]. With <paramref name="excludeSelf"/> the queries are the stored rows themselves and
    /// query i never returns row i (scikit-learn's <c>kneighbors()</c> without X).
    /// </summary>
    public (double[] Distances, int[] Indices) Query(Dataset queries, int k, bool excludeSelf, int threads, CancellationToken ct = default)
    {
        if (queries.Columns != Columns) throw new ArgumentException("column count differs", nameof(queries));
        int available = excludeSelf ? Count - 1 : Count;
        if (k < 1 || k > available) throw new ArgumentOutOfRangeException(nameof(k), $"k={k} with {available} rows to choose from");
        var distances = new double[(long)queries.Rows * k];
        var indices = new int[(long)queries.Rows * k];
        const int Block = 64;
        int blocks = (queries.Rows + Block - 1) / Block;
        var parallel = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads };
        Parallel.For(0, blocks, parallel, b =>
        {
            int end = Math.Min(queries.Rows, (b + 1) * Block);
            for (int q = b * Block; q < end; q++)
                Nearest(queries.Row(q), k, excludeSelf ? q : -1, distances.AsSpan(q * k, k), indices.AsSpan(q * k, k));
        });
        return (distances, indices);
    }

    private void Nearest(ReadOnlySpan<float> query, int k, int skip, Span<double> dist, Span<int> idx)
    {
        // A sorted buffer of the best k so far; a row enters only if strictly closer than the current k-th, so equal
        // distances keep the earlier (lower) index.
        int filled = 0;
        var rows = _rows.AsSpan();
        for (int r = 0; r < Count; r++)
        {
            if (r == skip) continue;
            double d = TensorPrimitives.Distance(query, rows.Slice(r * Columns, Columns));
            if (filled == k && d >= dist[k - 1]) continue;
            int pos = filled == k ? k - 1 : filled++;
            while (pos > 0 && dist[pos - 1] > d)
            {
                dist[pos] = dist[pos - 1];
                idx[pos] = idx[pos - 1];
                pos--;
            }
            dist[pos] = d;
            idx[pos] = r;
        }
    }

    /// <summary>Writes the stored rows (count, columns, values).</summary>
    public void Write(BinaryWriter w)
    {
        w.Write(Count);
        w.Write(Columns);
        foreach (float v in _rows) w.Write(v);
    }

    /// <summary>Reads rows written by <see cref="Write"/>; <paramref name="what"/> names the payload in errors.</summary>
    public static NeighborIndex Read(BinaryReader r, int features, string what)
    {
        int count = r.ReadInt32();
        int columns = r.ReadInt32();
        if (columns != features || count < 2 || (long)count * columns > (r.BaseStream.Length - r.BaseStream.Position) / sizeof(float))
            throw new InvalidInputException($"{what} payload: bad row block ({count} rows × {columns} features, manifest says {features} features)");
        var values = new float[count * columns];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = r.ReadSingle();
            if (!float.IsFinite(values[i])) throw new InvalidInputException($"{what} payload: stored row {i / columns + 1} is not finite");
        }
        return new NeighborIndex(values, count, columns);
    }
}
