using System.Numerics.Tensors;
using MinLGan.Data;

namespace MinLGan.Detectors;

/// <summary>
/// Exact k-nearest-neighbour search by Euclidean distance over stored rows (scikit-learn's
/// <c>NearestNeighbors</c>): SIMD distances from
/// <see cref="TensorPrimitives.Distance(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, queries in parallel. With at
/// most <see cref="TreeMaxColumns"/> features and at least <see cref="TreeMinRows"/> rows a k-d tree prunes the
/// search; otherwise every query meets every row. Both return the k smallest (distance, row index) pairs, so equal
/// distances keep the lower row index first and the answer does not depend on the search or the thread count.
/// </summary>
internal sealed class NeighborIndex
{
    /// <summary>Up to this many features a k-d tree is built (above it, pruning by boxes rarely pays).</summary>
    public const int TreeMaxColumns = 16;

    /// <summary>From this many rows a k-d tree is built.</summary>
    public const int TreeMinRows = 512;

    private readonly float[] _rows;
    private readonly KdTree? _tree;

    /// <summary>Keeps a copy of <paramref name="rows"/>' values.</summary>
    public NeighborIndex(Dataset rows) : this(rows.Values.ToArray(), rows.Rows, rows.Columns) { }

    /// <summary>
    /// Wraps stored values (row-major, <paramref name="count"/> × <paramref name="columns"/>), not copied;
    /// <paramref name="allowTree"/> false always scans every row (tests compare the two searches).
    /// </summary>
    public NeighborIndex(float[] values, int count, int columns, bool allowTree = true)
    {
        if (values.Length != (long)count * columns) throw new ArgumentException("values do not match count × columns", nameof(values));
        _rows = values;
        Count = count;
        Columns = columns;
        if (allowTree && columns <= TreeMaxColumns && count >= TreeMinRows) _tree = new KdTree(values, count, columns);
    }

    /// <summary>True when queries go through a k-d tree rather than over every row.</summary>
    public bool UsesTree => _tree is not null;

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
        // The full scan walks the stored rows in tiles that stay in cache while every query of the block meets them
        // (rows far larger than the cache are read from memory once per block, not once per query). Each query still
        // meets the rows in index order, so the tiling changes no result.
        int tile = Math.Max(16, 65536 / Math.Max(1, Columns));
        RowBlocks.For(blocks, parallel, b =>
        {
            int start = b * Block, end = Math.Min(queries.Rows, (b + 1) * Block);
            if (_tree is not null)
            {
                for (int q = start; q < end; q++)
                {
                    var best = new Best(distances.AsSpan(q * k, k), indices.AsSpan(q * k, k), 0);
                    _tree.Search(this, queries.Row(q), excludeSelf ? q : -1, ref best);
                }
                return;
            }
            Span<int> filled = stackalloc int[Block];
            for (int t = 0; t < Count; t += tile)
                for (int q = start; q < end; q++)
                {
                    var best = new Best(distances.AsSpan(q * k, k), indices.AsSpan(q * k, k), filled[q - start]);
                    Scan(queries.Row(q), excludeSelf ? q : -1, ref best, t, Math.Min(Count, t + tile), null);
                    filled[q - start] = best.Filled;
                }
        });
        return (distances, indices);
    }

    /// <summary>Offers rows to <paramref name="best"/>: rows start..end, or order[start..end] when an order is given.</summary>
    private void Scan(ReadOnlySpan<float> query, int skip, ref Best best, int start, int end, int[]? order)
    {
        var rows = _rows.AsSpan();
        for (int i = start; i < end; i++)
        {
            int r = order is null ? i : order[i];
            if (r == skip) continue;
            best.Offer(TensorPrimitives.Distance(query, rows.Slice(r * Columns, Columns)), r);
        }
    }

    /// <summary>
    /// The k smallest (distance, index) pairs offered so far, ascending, in the caller's spans, of which the first
    /// <paramref name="filled"/> already hold pairs (a scan resumed tile by tile).
    /// </summary>
    private ref struct Best(Span<double> dist, Span<int> idx, int filled)
    {
        private readonly Span<double> _dist = dist;
        private readonly Span<int> _idx = idx;
        private int _filled = filled;

        /// <summary>How many pairs the spans hold.</summary>
        public readonly int Filled => _filled;

        /// <summary>The k-th smallest distance so far; infinity until k rows were offered.</summary>
        public readonly double Bound => _filled < _dist.Length ? double.PositiveInfinity : _dist[^1];

        public void Offer(double d, int r)
        {
            int k = _dist.Length;
            if (_filled == k && !Before(d, r, _dist[k - 1], _idx[k - 1])) return;
            int pos = _filled == k ? k - 1 : _filled++;
            while (pos > 0 && Before(d, r, _dist[pos - 1], _idx[pos - 1]))
            {
                _dist[pos] = _dist[pos - 1];
                _idx[pos] = _idx[pos - 1];
                pos--;
            }
            _dist[pos] = d;
            _idx[pos] = r;
        }

        private static bool Before(double d, int r, double d2, int r2) => d < d2 || (d == d2 && r < r2);
    }

    /// <summary>
    /// A k-d tree over the stored rows: each node splits its rows at the median of its widest feature; leaves hold up
    /// to <see cref="LeafSize"/> rows. A node is skipped when the distance from the query to its bounding box exceeds
    /// the current k-th distance (with a margin for rounding, so no row that could enter is ever skipped).
    /// </summary>
    private sealed class KdTree
    {
        private const int LeafSize = 32;
        private readonly int _columns;
        private readonly int[] _order;
        private readonly List<(int Start, int End, int Left, int Right)> _building = [];
        private readonly List<float> _buildingBoxes = [];
        private readonly (int Start, int End, int Left, int Right)[] _nodes;
        private readonly float[] _boxes; // per node: min[columns] then max[columns]

        public KdTree(float[] values, int count, int columns)
        {
            _columns = columns;
            _order = Enumerable.Range(0, count).ToArray();
            var keys = new float[count];
            Build(values, keys, 0, count);
            _nodes = _building.ToArray();
            _boxes = _buildingBoxes.ToArray();
        }

        private int Build(float[] values, float[] keys, int start, int end)
        {
            int node = _building.Count;
            _building.Add((start, end, -1, -1));
            int boxAt = _buildingBoxes.Count;
            for (int j = 0; j < 2 * _columns; j++) _buildingBoxes.Add(j < _columns ? float.PositiveInfinity : float.NegativeInfinity);
            for (int i = start; i < end; i++)
                for (int j = 0; j < _columns; j++)
                {
                    float v = values[_order[i] * _columns + j];
                    if (v < _buildingBoxes[boxAt + j]) _buildingBoxes[boxAt + j] = v;
                    if (v > _buildingBoxes[boxAt + _columns + j]) _buildingBoxes[boxAt + _columns + j] = v;
                }
            int widest = 0;
            float spread = -1;
            for (int j = 0; j < _columns; j++)
                if (_buildingBoxes[boxAt + _columns + j] - _buildingBoxes[boxAt + j] > spread) (widest, spread) = (j, _buildingBoxes[boxAt + _columns + j] - _buildingBoxes[boxAt + j]);
            if (end - start <= LeafSize || spread <= 0) return node;
            for (int i = start; i < end; i++) keys[i] = values[_order[i] * _columns + widest];
            keys.AsSpan(start, end - start).Sort(_order.AsSpan(start, end - start));
            int mid = (start + end) / 2;
            int left = Build(values, keys, start, mid);
            int right = Build(values, keys, mid, end);
            _building[node] = (start, end, left, right);
            return node;
        }

        private double BoxDistance(int node, ReadOnlySpan<float> query)
        {
            int at = node * 2 * _columns;
            double sum = 0;
            for (int j = 0; j < _columns; j++)
            {
                double lo = _boxes[at + j] - (double)query[j], hi = query[j] - (double)_boxes[at + _columns + j];
                double gap = Math.Max(0, Math.Max(lo, hi));
                sum += gap * gap;
            }
            return Math.Sqrt(sum);
        }

        public void Search(NeighborIndex index, ReadOnlySpan<float> query, int skip, ref Best best) =>
            Visit(index, 0, BoxDistance(0, query), query, skip, ref best);

        private void Visit(NeighborIndex index, int node, double boxDistance, ReadOnlySpan<float> query, int skip, ref Best best)
        {
            // Distances are float sums: the margin keeps a row whose computed distance ties or beats the bound.
            if (boxDistance > best.Bound * (1 + 1e-5) + 1e-30) return;
            var (start, end, left, right) = _nodes[node];
            if (left < 0)
            {
                index.Scan(query, skip, ref best, start, end, _order);
                return;
            }
            double dl = BoxDistance(left, query), dr = BoxDistance(right, query);
            if (dl <= dr)
            {
                Visit(index, left, dl, query, skip, ref best);
                Visit(index, right, dr, query, skip, ref best);
            }
            else
            {
                Visit(index, right, dr, query, skip, ref best);
                Visit(index, left, dl, query, skip, ref best);
            }
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
    public static NeighborIndex Read(BinaryReader r, string what)
    {
        int count = r.ReadInt32();
        int columns = r.ReadInt32();
        if (columns < 1 || count < 2 || (long)count * columns > (r.BaseStream.Length - r.BaseStream.Position) / sizeof(float))
            throw new InvalidInputException($"{what} payload: bad row block ({count} rows × {columns} features; expected at least 2 rows, 1 feature and that many values)");
        var values = new float[count * columns];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = r.ReadSingle();
            if (!float.IsFinite(values[i])) throw new InvalidInputException($"{what} payload: stored row {i / columns + 1} is not finite");
        }
        return new NeighborIndex(values, count, columns);
    }
}
