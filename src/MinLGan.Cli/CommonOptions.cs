using System.CommandLine;
using System.Globalization;
using MinLGan.Evaluation;

namespace MinLGan.Cli;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string?> Data() => new("--data") { Description = "data folder (default: $MINLGAN_DATA, then ../shared/data)" };
    public static Option<string?> Protocol() => new("--protocol") { Description = "shu-a, kdd-a, cov-a, cov-b, csv, circles, moons, cifar10-0 .. cifar10-9" };
    public static Option<string> Detector() => new("--detector") { Description = "detector name (see minlgan detectors)", DefaultValueFactory = _ => "iforest" };
    public static Option<string[]> Params() => new("--param") { Description = "detector parameter NAME=VALUE (repeatable)", AllowMultipleArgumentsPerToken = false };
    public static Option<string?> Scaler() => new("--scaler")
    {
        Description = "standard (z-scores) or minmax, fitted on training rows, or none; default standard, none for image protocols (pixels are already (x-127.5)/128)",
    };

    /// <summary>The scaler to use: the one given, else none for image protocols and standard otherwise.</summary>
    public static string ScalerName(string? given, string? protocol) =>
        given ?? (protocol is not null && protocol.StartsWith("cifar10-", StringComparison.Ordinal) ? "none" : "standard");
    public static Option<string?> Input() => new("--input") { Description = "input file (CSV for protocol csv)" };
    public static Option<string?> LabelColumn() => new("--label-column") { Description = "name of the label column in --input" };
    public static Option<string[]> NormalLabel() => new("--normal-label") { Description = "label value(s) that are normal (repeatable or comma-separated)" };
    public static Option<bool> Force() => new("--force") { Description = "replace existing output files" };
    public static Option<double> TrainFraction() => new("--train-fraction") { Description = "share of normal rows used for training", DefaultValueFactory = _ => 0.8 };
    public static Option<double> HoldoutFraction() => new("--holdout-fraction") { Description = "share of each class of the test pool kept as labeled holdout", DefaultValueFactory = _ => 0.05 };

    public static Option<int> MaxTrain() => new("--max-train")
    {
        Description = "use at most N training rows, a seeded random subset (0 = all); for ocsvm, whose fit grows with rows squared",
        DefaultValueFactory = _ => 0,
    };

    public static Option<string?> Budget() => new("--budget")
    {
        Description = "tiny (tests), cpu (one CIFAR-10 class and model in about 15 minutes on 2 cores) or paper (improved-gan's networks and schedule): parameter defaults for the image protocols; an explicit --param wins",
    };

    public static IReadOnlyList<string> SplitList(IEnumerable<string>? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();

    public static int[] ParseSeeds(string text)
    {
        var seeds = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int dash = part.IndexOf('-', 1);
            if (dash > 0 && int.TryParse(part[..dash], NumberStyles.Integer, CultureInfo.InvariantCulture, out int a)
                && int.TryParse(part[(dash + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out int b) && a <= b && b - a < 10000)
                seeds.AddRange(Enumerable.Range(a, b - a + 1));
            else if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int s))
                seeds.Add(s);
            else
                throw new InvalidInputException($"--seeds {text}: '{part}' is not a seed; expected integers like 0,1,2 or 0-4");
        }
        if (seeds.Count == 0) throw new InvalidInputException($"--seeds {text}: expected at least one seed");
        if (seeds.Distinct().Count() != seeds.Count) throw new InvalidInputException($"--seeds {text}: a seed is repeated");
        return seeds.ToArray();
    }

    public static CsvArguments? Csv(string protocol, string? input, string? labelColumn, IReadOnlyList<string> normalLabels)
    {
        if (protocol != "csv")
        {
            if (input is not null) throw new InvalidInputException($"--input is only used with --protocol csv (got --protocol {protocol})");
            return null;
        }
        if (input is null) throw new InvalidInputException("--protocol csv needs --input FILE");
        if (labelColumn is null) throw new InvalidInputException("--protocol csv needs --label-column NAME");
        if (normalLabels.Count == 0) throw new InvalidInputException("--protocol csv needs --normal-label VALUE");
        return new CsvArguments(input, labelColumn, normalLabels);
    }

    public static string Num(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
