using MinLGan.Data;

namespace MinLGan.Evaluation;

/// <summary>A toy set generated per seed: the toy points are normal, uniform points in the padded bounding box are anomalies.</summary>
public sealed class ToyProtocolData : ProtocolData
{
    private readonly Func<long, Dataset> _generate;
    private readonly int _anomalies;

    /// <summary>Wraps a seeded generator of normal points.</summary>
    public ToyProtocolData(string protocol, Func<long, Dataset> generate, int anomalies)
        : base(protocol, InputFormats.Csv.Spec([]), [])
    {
        _generate = generate;
        _anomalies = anomalies;
    }

    /// <inheritdoc />
    public override ProtocolSplit Split(int seed, SplitOptions options)
    {
        var normal = _generate(SeededRandom.Derive(seed, SeedStreams.ToyNormalStream));
        var rng = SeedStreams.Of(seed, SeedStreams.ToyAnomalyStream);
        int d = normal.Columns;
        var lo = Enumerable.Range(0, d).Select(j => Enumerable.Range(0, normal.Rows).Min(i => normal.Row(i)[j]) - 0.5).ToArray();
        var hi = Enumerable.Range(0, d).Select(j => Enumerable.Range(0, normal.Rows).Max(i => normal.Row(i)[j]) + 0.5).ToArray();
        var values = new float[(normal.Rows + _anomalies) * d];
        normal.Values.CopyTo(values);
        for (int i = 0; i < _anomalies; i++)
            for (int j = 0; j < d; j++)
                values[(normal.Rows + i) * d + j] = (float)(lo[j] + (hi[j] - lo[j]) * rng.NextDouble());
        var flags = Enumerable.Repeat(0, normal.Rows).Concat(Enumerable.Repeat(1, _anomalies)).ToArray();
        var all = new Dataset(values, flags.Length, normal.FeatureNames, flags);
        var (train, holdout, test) = ProtocolSplitter.Split(flags, seed, options);
        return new ProtocolSplit(Protocol, seed, all.Select(train), all.Select(holdout), all.Select(test), Input, Notes);
    }
}
