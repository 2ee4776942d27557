using System.Globalization;
using MinLGan.Data;
using MinLGan.Evaluation;
using MinLGan.Metrics;
using MinLGan.Preprocessing;
using ScottPlot;

namespace MinLGan.Cli;

/// <summary>
/// The report's plots for one seed of <c>minlgan evaluate</c>: the test ROC curve, and the test scores of normal rows
/// and anomalies as two histograms with the detector's threshold. PNG bytes; the caller writes them atomically.
/// </summary>
internal static class ReportPlots
{
    private const int Width = 640, Height = 480;

    /// <summary>The ROC curve (false against true positive rate) with the chance diagonal; the AUC in the title.</summary>
    public static byte[] Roc(RocCurve roc, string title)
    {
        var plot = new Plot();
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LineColor = Colors.Gray;
        chance.LinePattern = LinePattern.Dashed;
        chance.LegendText = "chance";
        var curve = plot.Add.ScatterLine(roc.FalsePositiveRate.ToArray(), roc.TruePositiveRate.ToArray(), Colors.Blue);
        curve.LineWidth = 2;
        curve.LegendText = string.Create(CultureInfo.InvariantCulture, $"test ROC (AUC {roc.Auc:F4})");
        plot.Axes.SetLimits(0, 1, 0, 1.01);
        plot.XLabel("false positive rate (normal rows flagged)");
        plot.YLabel("true positive rate (anomalies flagged)");
        plot.Title(title);
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>
    /// Step histograms of the test scores of normal rows (label 0) and anomalies (label 1), each as a share of its own
    /// class, over 50 bins between the 0.5% and 99.5% quantiles of all scores (rows outside count in the edge bins),
    /// and the threshold as a vertical line when it falls inside.
    /// </summary>
    public static byte[] ScoreHistogram(IReadOnlyList<int> labels, IReadOnlyList<double> scores, double threshold, string title)
    {
        var finite = scores.Where(double.IsFinite).Order().ToArray();
        double lo = finite.Length == 0 ? 0 : finite[(int)(0.005 * (finite.Length - 1))];
        double hi = finite.Length == 0 ? 1 : finite[(int)Math.Ceiling(0.995 * (finite.Length - 1))];
        if (!(hi > lo)) hi = lo + 1;
        const int bins = 50;
        var plot = new Plot();
        foreach (var (label, name, color) in new[] { (0, "normal", Colors.Green), (1, "anomaly", Colors.Red) })
        {
            var counts = new double[bins];
            int n = 0;
            for (int i = 0; i < scores.Count; i++)
            {
                if (labels[i] != label || !double.IsFinite(scores[i])) continue;
                int b = (int)Math.Floor((scores[i] - lo) / (hi - lo) * bins);
                counts[Math.Clamp(b, 0, bins - 1)]++;
                n++;
            }
            if (n == 0) continue;
            var xs = new double[2 * bins];
            var ys = new double[2 * bins];
            for (int b = 0; b < bins; b++)
            {
                xs[2 * b] = lo + (hi - lo) * b / bins;
                xs[2 * b + 1] = lo + (hi - lo) * (b + 1) / bins;
                ys[2 * b] = ys[2 * b + 1] = counts[b] / n;
            }
            var line = plot.Add.ScatterLine(xs, ys, color);
            line.LineWidth = 2;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{name} (n = {n})");
        }
        if (threshold >= lo && threshold <= hi)
        {
            var t = plot.Add.VerticalLine(threshold, 1, Colors.Black, LinePattern.Dashed);
            t.LegendText = "threshold (predicted anomaly to the right)";
        }
        plot.XLabel("anomaly score (higher = more anomalous)");
        plot.YLabel("share of the class per bin");
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>
    /// The <paramref name="count"/> test images with the highest scores (<paramref name="top"/>) or the lowest, in
    /// that order, as pixel bytes (the scaler undone, then (x − 127.5)/128 undone), with their labels.
    /// </summary>
    public static (byte[][] Images, int?[] IsAnomaly) Extremes(Dataset test, IReadOnlyList<double> scores, FeatureScaler? scaler, bool top, int count)
    {
        var order = Enumerable.Range(0, test.Rows)
            .OrderBy(i => top ? -Finite(scores[i]) : Finite(scores[i])).ThenBy(i => i)
            .Take(count).ToArray();
        var images = order.Select(i => ToBytes(test.Row(i), scaler)).ToArray();
        var flags = order.Select(i => test.Labels is { } l ? l[i] : (int?)null).ToArray();
        return (images, flags);

        // NaN scores sort as the most anomalous (a NaN never hides among normal rows).
        static double Finite(double s) => double.IsNaN(s) ? double.PositiveInfinity : s;
    }

    /// <summary>Every row of <paramref name="rows"/> (image rows, e.g. G's samples) as pixel bytes.</summary>
    public static byte[][] Pixels(Dataset rows, FeatureScaler? scaler) =>
        Enumerable.Range(0, rows.Rows).Select(i => ToBytes(rows.Row(i), scaler)).ToArray();

    /// <summary>
    /// One row back to pixel bytes: the scaler undone, then (x − 127.5)/128 undone, rounded and clamped. An l2 scaler
    /// cannot be undone (the row's length is gone): the row is stretched so its largest magnitude reaches ±1, which keeps
    /// its pattern and the sign of each pixel (dark stays dark) but not its contrast.
    /// </summary>
    private static byte[] ToBytes(ReadOnlySpan<float> row, FeatureScaler? scaler)
    {
        var bytes = new byte[row.Length];
        double stretch = 1;
        if (scaler?.Kind == MinLGan.Preprocessing.ScalerKind.L2)
        {
            double max = 0;
            foreach (float x in row) max = Math.Max(max, Math.Abs(x));
            stretch = max > 0 ? 1 / max : 1;
        }
        for (int j = 0; j < row.Length; j++)
        {
            double v = scaler is null ? row[j] : (row[j] * scaler.Scale[j] + scaler.Offset[j]) * stretch;
            bytes[j] = (byte)Math.Clamp(Math.Round(v * 128 + 127.5), 0, 255);
        }
        return bytes;
    }
}
