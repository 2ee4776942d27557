using MinLGan.Data;

namespace MinLGan.Evaluation;

/// <summary>KDD Cup 99 rows: the split fixes the one-hot categories from its training rows.</summary>
public sealed class KddProtocolData : ProtocolData
{
    private readonly Kdd99Raw _raw;
    private readonly int[] _isAnomaly;

    /// <summary>Wraps raw KDD rows; rows labeled <paramref name="normalLabel"/> are normal.</summary>
    public KddProtocolData(string protocol, Kdd99Raw raw, string normalLabel, InputSpec input)
        : base(protocol, input, raw.Notes)
    {
        _raw = raw;
        _isAnomaly = raw.Labels.Select(l => l == normalLabel ? 0 : 1).ToArray();
    }

    /// <inheritdoc />
    public override ProtocolSplit Split(int seed, SplitOptions options)
    {
        var (train, holdout, test) = ProtocolSplitter.Split(_isAnomaly, seed, options);
        var encoding = Kdd99Encoding.Fit(_raw, train);
        var notes = Notes.ToList();
        Dataset Encode(int[] rows, string what)
        {
            var d = encoding.Encode(_raw, rows, rows.Select(r => _isAnomaly[r]).ToArray(), out int unseen, out var values);
            if (unseen > 0)
                notes.Add(Kdd99Encoding.UnseenNote(what, unseen, values));
            return d;
        }
        var trainSet = Encode(train, "train");
        var holdoutSet = Encode(holdout, "holdout");
        var testSet = Encode(test, "test");
        return new ProtocolSplit(Protocol, seed, trainSet, holdoutSet, testSet, Input, notes);
    }
}
