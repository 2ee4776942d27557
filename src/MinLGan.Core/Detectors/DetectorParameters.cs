using System.Globalization;

namespace MinLGan.Detectors;

/// <summary>
/// A detector's parameters, validated against its <see cref="ParameterSpec"/>s, with every default filled in.
/// This is what results and model manifests record.
/// </summary>
public sealed class DetectorParameters
{
    private readonly SortedDictionary<string, string> _values;

    private DetectorParameters(SortedDictionary<string, string> values) => _values = values;

    /// <summary>All parameters, name to normalised value.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>Validates <c>NAME=VALUE</c> pairs; unknown names, repeats and bad values are errors.</summary>
    public static DetectorParameters Parse(string detector, IReadOnlyList<ParameterSpec> specs, IEnumerable<string> pairs)
    {
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            int eq = pair.IndexOf('=');
            if (eq <= 0) throw new InvalidInputException($"{pair}: expected NAME=VALUE");
            string name = pair[..eq].Trim();
            if (!given.TryAdd(name, pair[(eq + 1)..]))
                throw new InvalidInputException($"{name}: parameter given more than once");
        }
        return From(detector, specs, given);
    }

    /// <summary>
    /// The cartesian product of <c>NAME=v1,v2,...</c> grid entries over <c>NAME=VALUE</c> pairs; each candidate is
    /// validated. Without grid entries the result is the single parameter set.
    /// </summary>
    public static IReadOnlyList<DetectorParameters> Grid(string detector, IReadOnlyList<ParameterSpec> specs, IReadOnlyList<string> pairs, IReadOnlyList<string> grid)
    {
        var combos = new List<List<string>> { pairs.ToList() };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in grid)
        {
            int eq = entry.IndexOf('=');
            if (eq <= 0) throw new InvalidInputException($"{entry}: expected a grid entry NAME=v1,v2,...");
            string name = entry[..eq].Trim();
            if (!seen.Add(name)) throw new InvalidInputException($"{name}: grid parameter given more than once");
            if (pairs.Any(p => p.Split('=')[0].Trim() == name)) throw new InvalidInputException($"{name}: given both as a fixed value and as a grid");
            var values = entry[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (values.Length == 0) throw new InvalidInputException($"{entry}: grid entry without values");
            combos = combos.SelectMany(c => values.Select(v => c.Append($"{name}={v}").ToList())).ToList();
        }
        return combos.Select(c => Parse(detector, specs, c)).ToList();
    }

    /// <summary>
    /// Validates a name-to-value map (for example from a manifest). With <paramref name="saved"/>, a parameter the map
    /// does not name takes its <see cref="ParameterSpec.Absent"/> value (what files written before it existed meant).
    /// </summary>
    public static DetectorParameters From(string detector, IReadOnlyList<ParameterSpec> specs, IReadOnlyDictionary<string, string> given, bool saved = false)
    {
        foreach (var name in given.Keys)
            if (specs.All(s => s.Name != name))
                throw new InvalidInputException($"{name}: unknown parameter for {detector}; expected one of {string.Join(", ", specs.Select(s => s.Name))}");
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in specs)
            values[spec.Name] = spec.Normalize(detector, given.TryGetValue(spec.Name, out var v) ? v : saved ? spec.Absent ?? spec.Default : spec.Default);
        return new DetectorParameters(values);
    }

    /// <summary>An integer parameter.</summary>
    public int Int(string name) => int.Parse(_values[name], CultureInfo.InvariantCulture);

    /// <summary>A real parameter.</summary>
    public double Real(string name) => double.Parse(_values[name], CultureInfo.InvariantCulture);

    /// <summary>An integer-list parameter (layer widths).</summary>
    public int[] Ints(string name) => _values[name].Split('-').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>A choice parameter.</summary>
    public string Text(string name) => _values[name];
}
