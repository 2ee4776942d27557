using MinLGan.Evaluation;

namespace MinLGan.Cli;

/// <summary>The files an evaluate run writes per seed, in one place (evaluate and, later, reproduce).</summary>
internal static class RunFiles
{
    /// <summary>scores-SEED.csv: "label,score" per test row, in test order, scores round-trippable.</summary>
    public static void WriteScores(string path, Evaluator.Outcome outcome, bool overwrite) => AtomicFile.WriteText(path, w =>
    {
        w.WriteLine("label,score");
        for (int i = 0; i < outcome.TestScores.Length; i++)
            w.WriteLine($"{outcome.TestLabels[i]},{CommonOptions.Num(outcome.TestScores[i])}");
    }, overwrite);
}
