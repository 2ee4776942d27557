using MinLGan.Evaluation;

namespace MinLGan.Cli;

/// <summary>The files an evaluate run writes per seed, in one place (evaluate and, later, reproduce).</summary>
internal static class RunFiles
{
    /// <summary>
    /// scores-SEED.csv: "label,score" per test row, in test order, scores round-trippable; image protocols add the
    /// row's class ("label,score,class": the CIFAR-10 class name or the image's folder), which Figure 5 draws by.
    /// </summary>
    public static void WriteScores(string path, Evaluator.Outcome outcome, bool overwrite) => AtomicFile.WriteText(path, w =>
    {
        var classes = outcome.Scaled.TestClasses;
        w.WriteLine(classes is null ? "label,score" : "label,score,class");
        for (int i = 0; i < outcome.TestScores.Length; i++)
            w.WriteLine(classes is null
                ? $"{outcome.TestLabels[i]},{CommonOptions.Num(outcome.TestScores[i])}"
                : $"{outcome.TestLabels[i]},{CommonOptions.Num(outcome.TestScores[i])},{CsvField(classes[i])}");
    }, overwrite);

    /// <summary>A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break.</summary>
    private static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
