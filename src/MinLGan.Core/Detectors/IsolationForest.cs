using MinLGan.Data;

namespace MinLGan.Detectors;

/// <summary>
/// Isolation Forest (Liu, Ting and Zhou 2008) with scikit-learn's semantics: each tree is grown on ψ = min(256, n)
/// rows drawn without replacement, to depth ⌈log2 ψ⌉; a split draws a non-constant feature uniformly and a
/// threshold uniformly between its node minimum and maximum. The path length of x is its leaf depth plus c(size of
/// the leaf), and the score is 2^(−E[h(x)] / c(ψ)) — higher is more anomalous (scikit-learn's score_samples negated).
/// Trees are seeded per index from the run seed, so results do not depend on thread scheduling.
/// </summary>
public sealed class IsolationForest : DetectorBase, Export.IExportsScoreGraph
{
    private const int PayloadVersion = 1;
    private Tree[] _trees = [];

    /// <summary>Creates an unfitted forest.</summary>
    public IsolationForest(IsolationForestOptions options, int seed) : base(options.Contamination)
    {
        options.Validate();
        Options = options;
        Seed = seed;
    }

    /// <inheritdoc />
    public override string Name => "iforest";

    /// <summary>The options as given (auto values are resolved into <see cref="SamplesPerTree"/>, not written back).</summary>
    public IsolationForestOptions Options { get; }

    /// <summary>The run seed.</summary>
    public int Seed { get; }

    /// <summary>ψ, the rows drawn per tree, resolved at Fit.</summary>
    public int SamplesPerTree { get; private set; }

    /// <summary>The average path length of an unsuccessful search in a binary search tree of n nodes, c(n).</summary>
    public static double AveragePathLength(double n) => n switch
    {
        <= 1 => 0.0,
        <= 2 => 1.0,
        _ => 2.0 * (Math.Log(n - 1.0) + 0.5772156649015329) - 2.0 * (n - 1.0) / n,
    };

    /// <inheritdoc />
    protected override void FitCore(Dataset train, CancellationToken ct)
    {
        int n = train.Rows;
        int psi = Options.MaxSamples == 0 ? Math.Min(256, n) : Math.Min(Options.MaxSamples, n);
        int maxDepth = (int)Math.Ceiling(Math.Log2(Math.Max(psi, 2)));
        var trees = new Tree[Options.Trees];
        Parallel.For(0, trees.Length, ParallelOptionsFor(ct), t =>
        {
            var rng = SeedStreams.Of(Seed, SeedStreams.IsolationTree(t));
            trees[t] = Tree.Grow(train, Sample(n, psi, rng), maxDepth, rng);
        });
        _trees = trees;
        SamplesPerTree = psi;
    }

    /// <inheritdoc />
    protected override double[] ScoreCore(Dataset data)
    {
        var scores = new double[data.Rows];
        double denominator = _trees.Length * AveragePathLength(SamplesPerTree);
        const int Chunk = 512;
        int chunks = (data.Rows + Chunk - 1) / Chunk;
        RowBlocks.For(chunks, ParallelOptionsFor(CancellationToken.None), c =>
        {
            int start = c * Chunk, end = Math.Min(data.Rows, (c + 1) * Chunk);
            var depth = new double[end - start];
            // Tree-major over a block of rows keeps one tree's nodes in cache; each row still sums trees in
            // index order, so the result does not depend on the block size or the thread count.
            foreach (var tree in _trees)
                for (int i = start; i < end; i++)
                    depth[i - start] += tree.PathLength(data.Row(i));
            for (int i = start; i < end; i++)
                scores[i] = Math.Pow(2.0, -depth[i - start] / denominator);
        });
        return scores;
    }

    /// <summary>Writes the fitted trees (a plain binary format, no code).</summary>
    public void SavePayload(Stream stream)
    {
        if (!IsFitted) throw new InvalidOperationException("iforest: save called before Fit");
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(PayloadVersion);
        w.Write(FeatureCount);
        w.Write(SamplesPerTree);
        w.Write(_trees.Length);
        foreach (var tree in _trees) tree.Write(w);
    }

    /// <summary>Reads a forest written by <see cref="SavePayload"/>, validating every index.</summary>
    public static IsolationForest LoadPayload(Stream stream, IsolationForestOptions options, int seed, double threshold)
    {
        var forest = new IsolationForest(options, seed);
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (r.ReadInt32() != PayloadVersion) throw new InvalidInputException("iforest payload: unknown version");
            int features = r.ReadInt32();
            int psi = r.ReadInt32();
            int count = r.ReadInt32();
            if (features < 1 || psi < 1 || count != options.Trees)
                throw new InvalidInputException($"iforest payload: header disagrees with the manifest ({count} trees, manifest says {options.Trees})");
            forest._trees = Enumerable.Range(0, count).Select(_ => Tree.Read(r, features)).ToArray();
            forest.SamplesPerTree = psi;
            forest.RestoreFitted(features, threshold);
            if (stream.Position != stream.Length) throw new InvalidInputException("iforest payload: trailing bytes");
            return forest;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidInputException("iforest payload: truncated");
        }
    }

    private ParallelOptions ParallelOptionsFor(CancellationToken ct) => new()
    {
        CancellationToken = ct,
        MaxDegreeOfParallelism = Options.Threads == 0 ? Environment.ProcessorCount : Options.Threads,
    };

    private static int[] Sample(int n, int k, SeededRandom rng)
    {
        // Partial Fisher-Yates: the first k of a random permutation.
        var idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        for (int i = 0; i < k; i++)
        {
            int j = i + rng.NextInt(n - i);
            (idx[i], idx[j]) = (idx[j], idx[i]);
        }
        return idx[..k];
    }

    /// <summary>A tree in flat arrays. Leaves have feature -1 and carry depth + c(leaf size) in <c>_value</c>.</summary>
    /// <inheritdoc />
    public string? ExportBlocker => null;

    /// <summary>
    /// The forest as one ai.onnx.ml TreeEnsembleRegressor (x ≤ threshold goes left, BRANCH_LEQ on the same float
    /// thresholds; a leaf's value is its depth plus c(size)), summed over the trees, then 2^(−sum / (trees·c(ψ))).
    /// </summary>
    public Export.GraphValue AppendScore(Export.ScoreGraph graph, Export.GraphValue rows)
    {
        var treeIds = new List<long>(); var nodeIds = new List<long>(); var features = new List<long>();
        var thresholds = new List<float>(); var modes = new List<string>(); var yes = new List<long>(); var no = new List<long>();
        var leafTree = new List<long>(); var leafNode = new List<long>(); var leafValue = new List<float>();
        for (int t = 0; t < _trees.Length; t++)
            _trees[t].Describe((node, feature, threshold, left, right, value) =>
            {
                treeIds.Add(t); nodeIds.Add(node);
                bool leaf = feature < 0;
                features.Add(leaf ? 0 : feature); thresholds.Add(leaf ? 0 : threshold);
                modes.Add(leaf ? "LEAF" : "BRANCH_LEQ");
                yes.Add(leaf ? 0 : left); no.Add(leaf ? 0 : right);
                if (leaf) { leafTree.Add(t); leafNode.Add(node); leafValue.Add((float)value); }
            });
        var sum = graph.OpIn(Export.ScoreGraph.MlDomain, "TreeEnsembleRegressor", Export.GraphType.Float, [rows],
            new("n_targets", Int: 1), new("aggregate_function", Text: "SUM"), new("post_transform", Text: "NONE"),
            new("nodes_treeids", Ints: [.. treeIds]), new("nodes_nodeids", Ints: [.. nodeIds]),
            new("nodes_featureids", Ints: [.. features]), new("nodes_values", Floats: [.. thresholds]),
            new("nodes_modes", Texts: [.. modes]), new("nodes_truenodeids", Ints: [.. yes]), new("nodes_falsenodeids", Ints: [.. no]),
            new("target_treeids", Ints: [.. leafTree]), new("target_nodeids", Ints: [.. leafNode]),
            new("target_ids", Ints: new long[leafTree.Count]), new("target_weights", Floats: [.. leafValue]));
        var depth = graph.Op("Squeeze", Export.GraphType.Float, [sum, graph.Ints(1)]);
        var exponent = graph.Binary("Div", graph.Cast(depth, Export.GraphType.Double),
            graph.Scalar(Export.GraphType.Double, -_trees.Length * AveragePathLength(SamplesPerTree), "denominator"));
        return graph.Binary("Pow", graph.Scalar(Export.GraphType.Double, 2.0, "two"), exponent);
    }

    private sealed class Tree
    {
        private Node[] _nodes = [];
        private double[] _value = [];

        /// <summary>The hot path's view of a node: 16 bytes, children and test together.</summary>
        private struct Node
        {
            public int Feature;
            public float Threshold;
            public int Left;
            public int Right;
        }


        public static Tree Grow(Dataset data, int[] rows, int maxDepth, SeededRandom rng)
        {
            var feature = new List<int>();
            var threshold = new List<float>();
            var left = new List<int>();
            var right = new List<int>();
            var value = new List<double>();
            var featureOrder = new int[data.Columns];

            int Build(int start, int end, int depth)
            {
                int node = feature.Count;
                feature.Add(-1); threshold.Add(0); left.Add(-1); right.Add(-1); value.Add(0);
                int size = end - start;
                if (depth >= maxDepth || size <= 1)
                {
                    value[node] = depth + AveragePathLength(size);
                    return node;
                }
                // Draw features without replacement until one is not constant in this node (scikit-learn's random splitter).
                for (int j = 0; j < featureOrder.Length; j++) featureOrder[j] = j;
                int remaining = featureOrder.Length;
                while (remaining > 0)
                {
                    int pick = rng.NextInt(remaining);
                    int f = featureOrder[pick];
                    featureOrder[pick] = featureOrder[--remaining];
                    float min = float.PositiveInfinity, max = float.NegativeInfinity;
                    for (int i = start; i < end; i++)
                    {
                        float x = data.Row(rows[i])[f];
                        if (x < min) min = x;
                        if (x > max) max = x;
                    }
                    if (max <= min + 1e-7f) continue;
                    float t = (float)(min + (max - (double)min) * rng.NextDouble());
                    if (t >= max) t = min;
                    // Partition rows[start..end): x <= t to the left.
                    int lo = start, hi = end - 1;
                    while (lo <= hi)
                    {
                        if (data.Row(rows[lo])[f] <= t) lo++;
                        else { (rows[lo], rows[hi]) = (rows[hi], rows[lo]); hi--; }
                    }
                    feature[node] = f;
                    threshold[node] = t;
                    int l = Build(start, lo, depth + 1);
                    int r = Build(lo, end, depth + 1);
                    left[node] = l;
                    right[node] = r;
                    return node;
                }
                value[node] = depth + AveragePathLength(size);
                return node;
            }

            Build(0, rows.Length, 0);
            return new Tree
            {
                _nodes = Enumerable.Range(0, feature.Count)
                    .Select(i => new Node { Feature = feature[i], Threshold = threshold[i], Left = left[i], Right = right[i] }).ToArray(),
                _value = value.ToArray(),
            };
        }

        /// <summary>Calls <paramref name="visit"/>(node, feature (−1 = leaf), threshold, left, right, leaf value) for every node.</summary>
        public void Describe(Action<int, int, float, int, int, double> visit)
        {
            for (int i = 0; i < _nodes.Length; i++)
                visit(i, _nodes[i].Feature, _nodes[i].Threshold, _nodes[i].Left, _nodes[i].Right, _value[i]);
        }

        public double PathLength(ReadOnlySpan<float> row)
        {
            var nodes = _nodes;
            int node = 0;
            while (true)
            {
                ref readonly Node n = ref nodes[node];
                if (n.Feature < 0) return _value[node];
                node = row[n.Feature] <= n.Threshold ? n.Left : n.Right;
            }
        }

        public void Write(BinaryWriter w)
        {
            w.Write(_nodes.Length);
            for (int i = 0; i < _nodes.Length; i++)
            {
                w.Write(_nodes[i].Feature);
                w.Write(_nodes[i].Threshold);
                w.Write(_nodes[i].Left);
                w.Write(_nodes[i].Right);
                w.Write(_value[i]);
            }
        }

        public static Tree Read(BinaryReader r, int features)
        {
            int count = r.ReadInt32();
            if (count < 1 || count > 1 << 24) throw new InvalidInputException("iforest payload: bad node count");
            var t = new Tree { _nodes = new Node[count], _value = new double[count] };
            for (int i = 0; i < count; i++)
            {
                var n = new Node { Feature = r.ReadInt32(), Threshold = r.ReadSingle(), Left = r.ReadInt32(), Right = r.ReadInt32() };
                t._nodes[i] = n;
                t._value[i] = r.ReadDouble();
                bool leaf = n.Feature == -1;
                // Children always come after their parent: this rules out cycles.
                bool ok = leaf ? double.IsFinite(t._value[i])
                    : n.Feature >= 0 && n.Feature < features && float.IsFinite(n.Threshold)
                      && n.Left > i && n.Left < count && n.Right > i && n.Right < count;
                if (!ok) throw new InvalidInputException($"iforest payload: node {i} is invalid");
            }
            return t;
        }
    }
}
