using MinLGan.Data;

namespace MinLGan.Evaluation;

/// <summary>Numeric rows with anomaly flags: the split selects rows.</summary>
public sealed class TabularProtocolData : ProtocolData
{
    private readonly Dataset _rows;
    private readonly int[] _isAnomaly;

    /// <summary>Wraps rows and their anomaly flags (0/1).</summary>
    public TabularProtocolData(string protocol, Dataset rows, int[] isAnomaly, InputSpec input, IReadOnlyList<string> notes)
        : base(protocol, input, notes)
    {
        _rows = rows.WithLabels(isAnomaly);
        _isAnomaly = isAnomaly;
    }

    /// <inheritdoc />
    public override ProtocolSplit Split(int seed, SplitOptions options)
    {
        var (train, holdout, test) = ProtocolSplitter.Split(_isAnomaly, seed, options);
        return new ProtocolSplit(Protocol, seed, _rows.Select(train), _rows.Select(holdout), _rows.Select(test), Input, Notes);
    }
}
