using System.Globalization;

namespace MinLGan.Detectors;

/// <summary>One detector parameter: its name, default and allowed range, as `minlgan detectors` lists them.</summary>
/// <param name="Name">Name used in <c>--param NAME=VALUE</c>.</param>
/// <param name="Kind">Integer, real or choice.</param>
/// <param name="Default">Default value, as text.</param>
/// <param name="Min">Smallest allowed value (numbers).</param>
/// <param name="Max">Largest allowed value (numbers).</param>
/// <param name="Description">One line.</param>
/// <param name="Choices">Allowed words (choice), or words a real parameter takes besides numbers (gamma: scale, auto).</param>
/// <param name="MinExclusive">True when <paramref name="Min"/> itself is not allowed.</param>
/// <param name="Absent">
/// What a saved model that does not name this parameter meant (a file written before it existed), when that differs
/// from <paramref name="Default"/>: for example 0 for a scoring option that was off before it was added. Null: the default.
/// </param>
public sealed record ParameterSpec(
    string Name, ParameterKind Kind, string Default, double Min, double Max, string Description,
    IReadOnlyList<string>? Choices = null, bool MinExclusive = false, string? Absent = null)
{
    /// <summary>The allowed values, for messages and listings: [1, 10000], (0, 0.5], {gaussian, laplace}.</summary>
    public string Range => Kind switch
    {
        ParameterKind.Choice => Words,
        ParameterKind.Real when Choices is { Count: > 0 } => $"{Words} or {Interval}",
        _ => Interval,
    };

    private string Words => "{" + string.Join(", ", Choices ?? []) + "}";

    private string Interval => $"{(MinExclusive ? "(" : "[")}{Fmt(Min)}, {Fmt(Max)}]";

    /// <summary>Checks and normalises a value; throws <see cref="InvalidInputException"/> naming the parameter.</summary>
    public string Normalize(string detector, string value)
    {
        string v = value.Trim();
        switch (Kind)
        {
            case ParameterKind.Integer:
                if (!long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long i) || i < Min || i > Max || (MinExclusive && i == Min))
                    throw Bad(detector, value, $"an integer in {Range}");
                return i.ToString(CultureInfo.InvariantCulture);
            case ParameterKind.Real:
                if (Choices is not null && Choices.Contains(v)) return v; // a word a real parameter also takes (gamma=scale)
                if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || !double.IsFinite(d)
                    || d < Min || d > Max || (MinExclusive && d == Min))
                    throw Bad(detector, value, Choices is { Count: > 0 } ? $"{string.Join(", ", Choices)} or a number in {Interval}" : $"a number in {Range}");
                return d.ToString("R", CultureInfo.InvariantCulture);
            case ParameterKind.IntegerList:
            {
                var parts = v.Split('-', StringSplitOptions.TrimEntries);
                var ints = new List<long>();
                foreach (var part in parts)
                {
                    if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out long x) || x < Min || x > Max)
                        throw Bad(detector, value, $"dash-separated integers in {Range}, like 128-64");
                    ints.Add(x);
                }
                return string.Join('-', ints.Select(x => x.ToString(CultureInfo.InvariantCulture)));
            }
            default:
                if (Choices is null || !Choices.Contains(v)) throw Bad(detector, value, $"one of {Range}");
                return v;
        }
    }

    /// <summary>
    /// Checks a number set in code (an options record) against this parameter's range: the same rule and message as
    /// the text <c>NAME=VALUE</c>, so a range is declared once.
    /// </summary>
    public void Check(string detector, double value) => Normalize(detector, value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Checks a whole number set in code against this parameter's range.</summary>
    public void Check(string detector, long value) => Normalize(detector, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Checks layer widths set in code against this parameter's range (each width; at least one).</summary>
    public void Check(string detector, IReadOnlyList<int> widths) =>
        Normalize(detector, string.Join('-', widths.Select(w => w.ToString(CultureInfo.InvariantCulture))));

    /// <summary>Checks a word set in code against this parameter's choices.</summary>
    public void Check(string detector, string word) => Normalize(detector, word);

    private InvalidInputException Bad(string detector, string value, string expected) =>
        new($"{Name}={value}: {detector} expects {expected}");

    private static string Fmt(double x) => double.IsPositiveInfinity(x) ? "inf" : x.ToString("G", CultureInfo.InvariantCulture);
}
