using System.CommandLine;
using MinLGan.Evaluation;
using MinLGan.Persistence;

namespace MinLGan.Cli;

/// <summary>
/// <c>minlgan score</c>: load a model, read --input the way the model was trained, and write a CSV with the label
/// column (when present), <c>score</c> and <c>predicted</c> (1 when score &gt; threshold).
/// </summary>
internal static class ScoreCommand
{
    public static Command Create(ConsoleIo io)
    {
        var model = new Option<string>("--model") { Description = "model file written by minlgan train", Required = true };
        var input = new Option<string>("--input") { Description = "file to score, in the model's input format; image models also take a folder of images or of class folders", Required = true };
        var output = new Option<string>("--output") { Description = "CSV to write", Required = true };
        var force = CommonOptions.Force();
        var resize = CommonOptions.Resize();
        var batchRows = new Option<int?>("--batch-rows") { Description = "rows (or images) read, scored and written at a time (default: 32 MB of features, at most 65536; image folders also at most 64 MB of pixels)" };
        var cmd = new Command("score", "score a file (or, for image models, a folder of images) with a saved model, in batches: memory does not grow with the input") { model, input, output, force, resize, batchRows };
        cmd.SetAction(parse => io.Guard(parse, ct =>
        {
            string inputPath = parse.GetValue(input)!, outputPath = parse.GetValue(output)!;
            if (Path.GetFullPath(inputPath) == Path.GetFullPath(outputPath))
                throw new InvalidInputException($"--output {outputPath}: is the input file; choose another path");
            bool overwrite = parse.GetValue(force);
            if (File.Exists(outputPath) && !overwrite) throw new InvalidInputException($"{outputPath}: already exists; pass --force to replace it");
            CommonOptions.CheckOutputPath("--output", outputPath, folder: false);
            int? batch = parse.GetValue(batchRows);
            if (batch is < 1) throw new InvalidInputException($"--batch-rows {batch}: expected a whole number of rows, at least 1");
            var m = ModelFile.Load(parse.GetValue(model)!, CliApp.Registry());
            // A model trained on image features reads the images at their own size (the extractor resizes them).
            using var extractor = m.Features is { } facts ? FeatureStep.ExtractorFor(parse.GetValue(model)!, facts) : null;
            if (extractor is not null)
                io.Err.WriteLine($"note: features: {extractor.Name} at {extractor.Resolution}x{extractor.Resolution} extracted for each batch of images (scoring does not fill the feature cache)");
            var batches = InputReader.ReadBatches(m.Input, inputPath, m.Features is null ? m.FeatureNames : null, batch ?? BatchRows(m.FeatureNames.Count),
                CommonOptions.ParseResize(parse.GetValue(resize)), CliApp.ImageDecoder);
            double threshold = m.Detector.Threshold;
            long rows = 0, above = 0;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var report = new RateReport(io, clock);
            // Read, scale, score and write one batch at a time into a temporary file; an error in any batch leaves no output.
            AtomicFile.WriteText(outputPath, w =>
            {
                foreach (var batch in batches)
                {
                    ct.ThrowIfCancellationRequested();
                    foreach (var note in batch.Notes) io.Err.WriteLine($"note: {note}");
                    if (rows == 0) w.WriteLine(batch.LabelName is null ? "score,predicted" : $"{batch.LabelName},score,predicted");
                    var scores = m.Score(extractor is null ? batch.Rows : FeatureStep.Embed(extractor, batch.Rows, ct));
                    for (int i = 0; i < scores.Length; i++)
                    {
                        bool over = scores[i] > threshold;
                        if (over) above++;
                        string s = $"{CommonOptions.Num(scores[i])},{(over ? 1 : 0)}";
                        w.WriteLine(batch.Labels is null ? s : $"{batch.Labels[i]},{s}");
                    }
                    rows += scores.Length;
                    report.Rows(rows);
                }
            }, overwrite);
            double seconds = clock.Elapsed.TotalSeconds;
            io.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"scored {rows} rows with {m.Detector.Name} in {seconds:F1} s ({rows / Math.Max(seconds, 1e-9):F0} rows/s); {above} above the threshold; wrote {outputPath}"));
            return 0;
        }));
        return cmd;
    }

    /// <summary>The most bytes of feature floats one batch of csv rows takes: 32 MB.</summary>
    internal const long BatchFloatBytes = 32L << 20;

    /// <summary>Rows per batch for <paramref name="features"/> features: 32 MB of floats, between 1 and 65,536 rows.</summary>
    internal static int BatchRows(int features) => (int)Math.Clamp(BatchFloatBytes / sizeof(float) / Math.Max(1, features), 1, 1 << 16);

    /// <summary>A line on stderr about every 5 seconds while a long input is scored: rows so far and rows/s.</summary>
    private sealed class RateReport(ConsoleIo io, System.Diagnostics.Stopwatch clock)
    {
        private double _next = 5;

        public void Rows(long rows)
        {
            double t = clock.Elapsed.TotalSeconds;
            if (t < _next) return;
            _next = t + 5;
            io.Err.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"score: {rows} rows ({rows / t:F0} rows/s)"));
        }
    }
}
