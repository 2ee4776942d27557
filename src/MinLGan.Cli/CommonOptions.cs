using System.CommandLine;
using System.Globalization;
using MinLGan.Data;
using MinLGan.Evaluation;
using MinLGan.Preprocessing;

namespace MinLGan.Cli;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string?> Data() => Checked(new Option<string?>("--data") { Description = "data folder (default: $MINLGAN_DATA, then ../shared/data)" },
        v => { if (v is not null) DataLocator.Resolve(v); });
    public static Option<string?> Protocol() => new("--protocol") { Description = "shu-a, kdd-a, cov-a, cov-b, csv, images, circles, moons, cifar10-0 .. cifar10-9" };
    public static Option<string> Detector() => new("--detector") { Description = "detector name (see minlgan detectors)", DefaultValueFactory = _ => "iforest" };
    public static Option<string[]> Params() => new("--param") { Description = "detector parameter NAME=VALUE (repeatable)", AllowMultipleArgumentsPerToken = false };
    public static Option<string?> Scaler() => Checked(new Option<string?>("--scaler")
    {
        Description = "standard (z-scores), minmax, auto (per column: two-valued columns such as one-hot flags min-maxed to [0, 1], the rest z-scored), fitted on training rows, l2 (each row to unit length), or none; default standard; none for image pixels (already (x-127.5)/128), l2 for --features resnet18",
    }, v => { if (v is not null) FeatureScaler.Parse(v); });

    /// <summary>
    /// Runs the library's own check of an option's value at parse time, so the range is declared once (in the library)
    /// and the message names the flag: "--max-train 1: expected 0 (all rows) or at least 2".
    /// </summary>
    private static Option<T> Checked<T>(Option<T> option, Action<T> check)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            try
            {
                check(value);
            }
            catch (InvalidInputException e)
            {
                int colon = e.Message.IndexOf(": ", StringComparison.Ordinal);
                string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                result.AddError($"{option.Name} {text}: {(colon >= 0 ? e.Message[(colon + 2)..] : e.Message)}");
            }
        });
        return option;
    }

    /// <summary>
    /// Refuses, before any work, an output that could not be written at the end: a path whose folder would have to be
    /// made where a file stands, a folder given where a file is expected (or the reverse), or a folder that cannot be
    /// written (tried with a temporary file, deleted at once). Nothing is created.
    /// </summary>
    public static void CheckOutputPath(string option, string path, bool folder)
    {
        string full = Path.GetFullPath(path);
        if (folder && File.Exists(full)) throw new InvalidInputException($"{option} {path}: is a file, expected a folder");
        if (!folder && Directory.Exists(full)) throw new InvalidInputException($"{option} {path}: is a folder, expected a file");
        string? existing = folder ? full : Path.GetDirectoryName(full);
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing)) throw new InvalidInputException($"{option} {path}: {existing} is a file, so no folder can be made there");
            existing = Path.GetDirectoryName(existing);
        }
        if (existing is null) return;
        try
        {
            using var probe = new FileStream(Path.Combine(existing, $".minlgan-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}"),
                FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new InvalidInputException($"{option} {path}: the folder {existing} cannot be written ({e.Message})");
        }
    }

    /// <summary>True for the protocols whose rows are images.</summary>
    public static bool IsImageProtocol(string? protocol) =>
        protocol is "images" || (protocol is not null && protocol.StartsWith("cifar10-", StringComparison.Ordinal));

    /// <summary>
    /// The scaler to use: the one given, else none for image pixels (already about [−1, 1]), l2 for images turned into
    /// <paramref name="features"/> (each embedding to unit length: chosen on the CIFAR-10 holdouts, docs/features.md),
    /// and standard for tabular rows.
    /// </summary>
    public static string ScalerName(string? given, string? protocol, string? features = null) =>
        given ?? (features is not null ? "l2" : IsImageProtocol(protocol) ? "none" : "standard");
    public static Option<string?> Input() => new("--input") { Description = "input: the CSV file for protocol csv, the image folder's root for protocol images" };
    public static Option<string?> LabelColumn() => new("--label-column") { Description = "name of the label column in --input" };
    public static Option<string[]> NormalLabel() => new("--normal-label") { Description = "label value(s) or class folder name(s) that are normal (repeatable or comma-separated)" };
    public static Option<string?> Resize() => new("--resize") { Description = "WxH: decode every image at this size (image folders; default: the files' size, which must be one)" };

    /// <summary>Parses --resize WxH (1..4096 each); null when not given.</summary>
    public static (int Width, int Height)? ParseResize(string? text)
    {
        if (text is null) return null;
        var parts = text.Split('x', 'X');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
            && w is >= 1 and <= 4096 && h is >= 1 and <= 4096)
            return (w, h);
        throw new InvalidInputException($"--resize {text}: expected WIDTHxHEIGHT in pixels, each 1..4096, like 32x32");
    }
    public static Option<bool> Force() => new("--force") { Description = "replace existing output files" };

    /// <summary>--checkpoint-seconds: how often a neural training in progress is saved so a killed run can continue it.</summary>
    public static Option<double> CheckpointSeconds() => Checked(new Option<double>("--checkpoint-seconds")
    {
        Description = "neural detectors: save a training in progress at most this often, in seconds (after an epoch; 0 = after every epoch), so a killed run continues from it",
        DefaultValueFactory = _ => 60,
    }, v =>
    {
        if (!(v >= 0 && v <= 86400)) throw new InvalidInputException($"--checkpoint-seconds {v.ToString(CultureInfo.InvariantCulture)}: expected seconds from 0 to 86400");
    });
    public static Option<double> TrainFraction() => Checked(new Option<double>("--train-fraction")
    {
        Description = "share of normal rows used for training", DefaultValueFactory = _ => new SplitOptions().TrainFraction,
    }, v => new SplitOptions { TrainFraction = v }.Validate());

    public static Option<double> HoldoutFraction() => Checked(new Option<double>("--holdout-fraction")
    {
        Description = "share of each class of the test pool kept as labeled holdout", DefaultValueFactory = _ => new SplitOptions().HoldoutFraction,
    }, v => new SplitOptions { HoldoutFraction = v }.Validate());

    public static Option<double> CheckFraction() => Checked(new Option<double>("--check-fraction")
    {
        Description = "share of each class of the holdout kept back from selection (termination, --grid): the selected model's AUC on those rows is results.json's check_auc, an unbiased look at how the choice carries over; default 0",
    }, v => new SplitOptions { CheckFraction = v }.Validate());

    public static Option<int> MaxTrain() => Checked(new Option<int>("--max-train")
    {
        Description = "use at most N training rows, a seeded random subset (0 = all); for ocsvm, whose fit grows with rows squared",
        DefaultValueFactory = _ => 0,
    }, v => new SplitOptions { MaxTrain = v }.Validate());

    public static Option<int> MaxTest() => Checked(new Option<int>("--max-test")
    {
        Description = "use at most N test rows, a seeded random subset that keeps each class's share (0 = all); for quick looks, not for reported numbers",
        DefaultValueFactory = _ => 0,
    }, v => new SplitOptions { MaxTest = v }.Validate());

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

    /// <summary>
    /// The arguments of the protocols that read the user's data (csv: --input FILE --label-column --normal-label;
    /// images: --input ROOT --normal-label [--resize]); null for the others, which must not be given them.
    /// </summary>
    public static InputArguments? Inputs(string protocol, string? input, string? labelColumn, IReadOnlyList<string> normalLabels, string? resizeText)
    {
        var resize = ParseResize(resizeText);
        switch (protocol)
        {
            case "csv":
                if (input is null) throw new InvalidInputException("--protocol csv needs --input FILE");
                if (labelColumn is null) throw new InvalidInputException("--protocol csv needs --label-column NAME");
                if (normalLabels.Count == 0) throw new InvalidInputException("--protocol csv needs --normal-label VALUE");
                if (resize is not null) throw new InvalidInputException("--resize is for --protocol images (image folders), not csv");
                return new InputArguments(input, labelColumn, normalLabels);
            case "images":
                if (input is null) throw new InvalidInputException("--protocol images needs --input ROOT (ROOT/train/<class>/ and ROOT/test/<class>/, or ROOT/<class>/)");
                if (labelColumn is not null) throw new InvalidInputException("--label-column is not used with --protocol images: the classes are the folder names");
                if (normalLabels.Count == 0) throw new InvalidInputException("--protocol images needs --normal-label CLASS (a class folder name)");
                return new InputArguments(input, null, normalLabels, resize);
            default:
                if (input is not null) throw new InvalidInputException($"--input is only used with --protocol csv or images (got --protocol {protocol})");
                if (resize is not null) throw new InvalidInputException($"--resize is only used with --protocol images (got --protocol {protocol})");
                return null;
        }
    }

    public static string Num(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
