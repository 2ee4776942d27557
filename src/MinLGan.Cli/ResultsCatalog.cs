using System.Globalization;
using System.Text.Json;
using MinLGan.Evaluation;
using MinLGan.Metrics;

namespace MinLGan.Cli;

/// <summary>
/// Evaluate output folders read back: every results.json under a root, grouped by (protocol, detector), with the
/// scores-SEED.csv beside each for ROC curves. What <c>minlgan report</c> and <c>minlgan reproduce</c> build tables from.
/// </summary>
internal sealed class ResultsCatalog
{
    /// <summary>One evaluate run: its folder and its seeds' results, in the file's order.</summary>
    internal sealed record Run(string Folder, IReadOnlyList<SeedResult> Results)
    {
        public string Protocol => Results[0].Protocol;
        public string Detector => Results[0].Detector;
        public (double Mean, double Std) Auc => EvaluationService.MeanStd(Results.Select(r => r.Auc).ToArray());

        /// <summary>"0.9961 ± 0.0003" (4 decimals: the evaluate table's); for one seed the AUC alone, or with "(seed S only)".</summary>
        public string AucText(int decimals = 4, bool nameSingleSeed = true)
        {
            var (m, s) = Auc;
            string f = "F" + decimals.ToString(CultureInfo.InvariantCulture);
            return Results.Count == 1
                ? m.ToString(f, CultureInfo.InvariantCulture) + (nameSingleSeed ? $" (seed {Results[0].Seed} only)" : "")
                : $"{m.ToString(f, CultureInfo.InvariantCulture)} ± {s.ToString(f, CultureInfo.InvariantCulture)}";
        }

        /// <summary>The test ROC curve of <paramref name="seed"/>, read from scores-SEED.csv; null when the file is absent.</summary>
        public RocCurve? Roc(int seed) => Scores(seed) is { } s ? RocCurve.Compute(s.Labels, s.Scores) : null;

        /// <summary>
        /// scores-SEED.csv read back: labels, scores and, for image protocols, each row's class (null otherwise); null
        /// when the file is absent.
        /// </summary>
        public (int[] Labels, double[] Scores, string[]? Classes)? Scores(int seed)
        {
            string path = Path.Combine(Folder, $"scores-{seed}.csv");
            if (!File.Exists(path)) return null;
            var labels = new List<int>();
            var scores = new List<double>();
            var classes = new List<string>();
            bool withClass = false;
            int line = 0;
            foreach (string text in File.ReadLines(path))
            {
                if (line++ == 0)
                {
                    withClass = text == "label,score,class";
                    if (!withClass && text != "label,score") throw new InvalidInputException($"{path}: line 1: expected the header label,score or label,score,class, got '{text}'");
                    continue;
                }
                int c1 = text.IndexOf(',');
                int c2 = c1 < 0 ? -1 : text.IndexOf(',', c1 + 1);
                if (withClass != c2 >= 0) c1 = -1;
                var scoreText = c1 < 0 ? default : withClass ? text.AsSpan(c1 + 1, c2 - c1 - 1) : text.AsSpan(c1 + 1);
                if (c1 < 0
                    || !int.TryParse(text.AsSpan(0, c1), NumberStyles.Integer, CultureInfo.InvariantCulture, out int label)
                    || !double.TryParse(scoreText, NumberStyles.Float, CultureInfo.InvariantCulture, out double score))
                    throw new InvalidInputException($"{path}: line {line}: expected {(withClass ? "label,score,class" : "label,score")} (an integer, a number{(withClass ? ", a name" : "")}), got '{text}'");
                labels.Add(label);
                scores.Add(score);
                if (withClass) classes.Add(Unquote(text[(c2 + 1)..]));
            }
            return (labels.ToArray(), scores.ToArray(), withClass ? classes.ToArray() : null);

            static string Unquote(string field) =>
                field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : field;
        }
    }

    private readonly Dictionary<(string Protocol, string Detector), Run> _runs = [];

    /// <summary>The runs found, ordered by protocol then detector.</summary>
    public IEnumerable<Run> Runs => _runs.Values.OrderBy(r => r.Protocol, StringComparer.Ordinal).ThenBy(r => r.Detector, StringComparer.Ordinal);

    public Run? Get(string protocol, string detector) => _runs.GetValueOrDefault((protocol, detector));

    /// <summary>Adds the run in <paramref name="folder"/> (its results.json); a second run of the same protocol and detector is refused.</summary>
    public Run Add(string folder)
    {
        string path = Path.Combine(folder, "results.json");
        List<SeedResult>? results;
        try
        {
            results = JsonSerializer.Deserialize<List<SeedResult>>(File.ReadAllBytes(path), EvaluateCommand.Json);
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{path}: not an evaluate results.json ({e.Message.Split(". ")[0]})");
        }
        if (results is not { Count: > 0 }) throw new InvalidInputException($"{path}: no seed results (expected a JSON array of seed objects, as evaluate writes)");
        if (results.Any(r => r.Protocol != results[0].Protocol || r.Detector != results[0].Detector))
            throw new InvalidInputException($"{path}: mixes protocols or detectors (one evaluate run holds one of each)");
        var run = new Run(folder, results);
        if (_runs.TryGetValue((run.Protocol, run.Detector), out var other))
            throw new InvalidInputException($"{path}: a second run of {run.Protocol} {run.Detector} (the first is {Path.Combine(other.Folder, "results.json")}); give folders with one run each");
        _runs[(run.Protocol, run.Detector)] = run;
        return run;
    }

    /// <summary>Every evaluate run under <paramref name="root"/> (folders holding a results.json), in path order.</summary>
    public static ResultsCatalog Scan(string root)
    {
        if (!Directory.Exists(root)) throw new InvalidInputException($"{root}: no such folder (expected evaluate output folders under it)");
        var catalog = new ResultsCatalog();
        foreach (string file in Directory.EnumerateFiles(root, "results.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            catalog.Add(Path.GetDirectoryName(file)!);
        if (!catalog._runs.Any()) throw new InvalidInputException($"{root}: no results.json found under it (run minlgan evaluate --out {root}/NAME first)");
        return catalog;
    }
}
