using System.Globalization;
using MinLGan.Data;
using MinLGan.Evaluation;

namespace MinLGan.Cli;

/// <summary>The evaluate table: one row per seed, then mean ± std (population std, as numpy's default).</summary>
internal sealed class ResultTable(TextWriter w)
{
    private const string Format = "{0,-8} {1,-10} {2,5} {3,8} {4,8} {5,8} {6,8} {7,9} {8,9}";

    public void Header() => w.WriteLine(Format, "protocol", "detector", "seed", "auc", "holdout", "n_train", "n_test", "fit_s", "score_s");

    public void Row(SeedResult r) => w.WriteLine(string.Format(CultureInfo.InvariantCulture, Format,
        r.Protocol, r.Detector, r.Seed, r.Auc.ToString("F4", CultureInfo.InvariantCulture),
        r.HoldoutAuc?.ToString("F4", CultureInfo.InvariantCulture) ?? "-", r.NTrain, r.NTest,
        r.FitSeconds.ToString("F3", CultureInfo.InvariantCulture), r.ScoreSeconds.ToString("F3", CultureInfo.InvariantCulture)));

    public void Summary(IReadOnlyList<SeedResult> rs)
    {
        var (m, s) = EvaluationService.MeanStd(rs.Select(r => r.Auc).ToArray());
        var (fm, _) = EvaluationService.MeanStd(rs.Select(r => r.FitSeconds).ToArray());
        var (sm, _) = EvaluationService.MeanStd(rs.Select(r => r.ScoreSeconds).ToArray());
        var checks = rs.Where(r => r.CheckAuc is not null).Select(r => r.CheckAuc!.Value).ToArray();
        var (cm, cs) = checks.Length > 0 ? EvaluationService.MeanStd(checks) : (0, 0);
        string check = checks.Length == 0 ? "" : string.Format(CultureInfo.InvariantCulture, "; check AUC {0:F4} ± {1:F4} over {2} seed(s)", cm, cs, checks.Length);
        w.WriteLine(string.Format(CultureInfo.InvariantCulture, "mean ± std over {0} seed(s): AUC {1:F4} ± {2:F4}; fit {3:F3} s, score {4:F3} s (means){5}",
            rs.Count, m, s, fm, sm, check));
    }
}
