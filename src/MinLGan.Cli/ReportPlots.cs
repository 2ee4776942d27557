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

    /// <summary>The ROC curve (false against true positive rate) with the chance diagonal; the AUC in the legend.</summary>
    public static byte[] Roc(RocCurve roc, string title) =>
        RocPlot([(string.Create(CultureInfo.InvariantCulture, $"test ROC (AUC {roc.Auc:F4})"), roc, Colors.Blue)], title);

    /// <summary>Several ROC curves on one plot (one per detector), the chance diagonal, each curve's AUC in the legend.</summary>
    public static byte[] RocOverlay(IReadOnlyList<(string Name, RocCurve Roc)> curves, string title)
    {
        var palette = new ScottPlot.Palettes.Category10();
        return RocPlot(curves.Select((c, i) => (string.Create(CultureInfo.InvariantCulture, $"{c.Name} (AUC {c.Roc.Auc:F3})"), c.Roc, palette.GetColor(i))).ToList(), title);
    }

    private static byte[] RocPlot(IReadOnlyList<(string Legend, RocCurve Roc, Color Color)> curves, string title)
    {
        var plot = new Plot();
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LineColor = Colors.Gray;
        chance.LinePattern = LinePattern.Dashed;
        chance.LegendText = "chance";
        foreach (var (legend, roc, color) in curves)
        {
            var line = plot.Add.ScatterLine(roc.FalsePositiveRate.ToArray(), roc.TruePositiveRate.ToArray(), color);
            line.LineWidth = 2;
            line.LegendText = legend;
        }
        plot.Axes.SetLimits(0, 1, 0, 1.01);
        plot.XLabel("false positive rate (normal rows flagged)");
        plot.YLabel("true positive rate (anomalies flagged)");
        plot.Title(title);
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>
    /// AUC against the number of ensemble members (Figures 2 and 3): one line per series (the mean over seeds) with a
    /// band of ± one standard deviation over the seeds.
    /// </summary>
    public static byte[] MembersCurve(IReadOnlyList<(string Name, double[] Members, double[] Mean, double[] Std)> series, string title)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < series.Count; i++)
        {
            var (name, ks, mean, std) = series[i];
            var color = palette.GetColor(i);
            if (std.Any(x => x > 0))
            {
                var band = plot.Add.FillY(ks, mean.Zip(std, (m, s) => m - s).ToArray(), mean.Zip(std, (m, s) => m + s).ToArray());
                band.FillColor = color.WithAlpha(0.2);
                band.LineColor = color.WithAlpha(0);
            }
            var line = plot.Add.ScatterLine(ks, mean, color);
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.LegendText = name;
        }
        plot.Axes.Bottom.SetTicks(series.SelectMany(x => x.Members).Distinct().Order().ToArray(),
            series.SelectMany(x => x.Members).Distinct().Order().Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.XLabel("base discriminators N (the first N of one ensemble)");
        plot.YLabel("test ROC AUC");
        plot.Title(title);
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>
    /// Box plots of the scores of each group (Figure 5: one per CIFAR-10 class): the box from the first to the third
    /// quartile with the median inside, whiskers to the furthest score within 1.5 interquartile ranges (Tukey); the
    /// normal group green, the others red.
    /// </summary>
    public static byte[] ScoreBoxes(IReadOnlyList<(string Name, double[] Scores, bool Normal)> groups, string title)
    {
        var plot = new Plot();
        var boxes = new List<Box>();
        var normalBoxes = new List<Box>();
        for (int i = 0; i < groups.Count; i++)
        {
            var xs = groups[i].Scores.Where(double.IsFinite).Order().ToArray();
            if (xs.Length == 0) continue;
            double q1 = Quantile(xs, 0.25), median = Quantile(xs, 0.5), q3 = Quantile(xs, 0.75), iqr = q3 - q1;
            var box = new Box
            {
                Position = i, BoxMin = q1, BoxMax = q3, BoxMiddle = median,
                WhiskerMin = xs.First(x => x >= q1 - 1.5 * iqr), WhiskerMax = xs.Last(x => x <= q3 + 1.5 * iqr), Width = 0.6,
            };
            (groups[i].Normal ? normalBoxes : boxes).Add(box);
        }
        var anomalies = plot.Add.Boxes(boxes);
        anomalies.FillColor = Colors.Red.WithAlpha(0.35);
        anomalies.LegendText = "anomaly classes";
        if (normalBoxes.Count > 0)
        {
            var normal = plot.Add.Boxes(normalBoxes);
            normal.FillColor = Colors.Green.WithAlpha(0.5);
            normal.LegendText = "normal class";
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, groups.Count).Select(i => (double)i).ToArray(), groups.Select(g => g.Name).ToArray());
        plot.XLabel("test images by class");
        plot.YLabel("anomaly score (higher = more anomalous)");
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width + 160, Height, ImageFormat.Png);

        static double Quantile(double[] sorted, double q)
        {
            double at = q * (sorted.Length - 1);
            int lo = (int)Math.Floor(at);
            int hi = Math.Min(lo + 1, sorted.Length - 1);
            return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
        }
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
