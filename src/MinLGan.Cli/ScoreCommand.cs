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
        var cmd = new Command("score", "score a file (or, for image models, a folder of images) with a saved model") { model, input, output, force, resize };
        cmd.SetAction(parse => io.Guard(parse, ct =>
        {
            string inputPath = parse.GetValue(input)!, outputPath = parse.GetValue(output)!;
            if (Path.GetFullPath(inputPath) == Path.GetFullPath(outputPath))
                throw new InvalidInputException($"--output {outputPath}: is the input file; choose another path");
            bool overwrite = parse.GetValue(force);
            if (File.Exists(outputPath) && !overwrite) throw new InvalidInputException($"{outputPath}: already exists; pass --force to replace it");
            CommonOptions.CheckOutputPath("--output", outputPath, folder: false);
            var m = ModelFile.Load(parse.GetValue(model)!, CliApp.Registry());
            // A model trained on image features reads the images at their own size (the extractor resizes them).
            using var extractor = m.Features is { } facts ? FeatureStep.ExtractorFor(parse.GetValue(model)!, facts) : null;
            var read = InputReader.Read(m.Input, inputPath, m.Features is null ? m.FeatureNames : null, CommonOptions.ParseResize(parse.GetValue(resize)), CliApp.ImageDecoder);
            foreach (var note in read.Notes) io.Err.WriteLine($"note: {note}");
            var rows = extractor is null ? read.Rows : FeatureStep.Embed(extractor, read.Rows, io, ct);
            var scores = m.Score(rows);
            double threshold = m.Detector.Threshold;
            AtomicFile.WriteText(outputPath, w =>
            {
                w.WriteLine(read.LabelName is null ? "score,predicted" : $"{read.LabelName},score,predicted");
                for (int i = 0; i < scores.Length; i++)
                {
                    string s = $"{CommonOptions.Num(scores[i])},{(scores[i] > threshold ? 1 : 0)}";
                    w.WriteLine(read.Labels is null ? s : $"{read.Labels[i]},{s}");
                }
            }, overwrite);
            io.Out.WriteLine($"scored {scores.Length} rows with {m.Detector.Name}; {scores.Count(s => s > threshold)} above the threshold; wrote {outputPath}");
            return 0;
        }));
        return cmd;
    }
}
