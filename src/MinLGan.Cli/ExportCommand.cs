using System.CommandLine;
using System.Globalization;
using MinLGan.Export;
using MinLGan.Persistence;

namespace MinLGan.Cli;

/// <summary>
/// <c>minlgan export</c>: a saved model's whole scoring path (scaler, detector, score formula, threshold) as one ONNX
/// file, checked with ONNX Runtime against the library before it is written.
/// </summary>
internal static class ExportCommand
{
    /// <summary>Made-up rows the export is checked on.</summary>
    internal const int CheckRows = 256;

    public static Command Create(ConsoleIo io)
    {
        var model = new Option<string>("--model") { Description = "model file written by minlgan train", Required = true };
        var onnx = new Option<string>("--onnx") { Description = "ONNX file to write: input 'input' float[N, features] (raw rows), outputs 'score' float[N] and 'is_anomaly' bool[N]", Required = true };
        var force = CommonOptions.Force();
        var cmd = new Command("export", "write a saved model as an ONNX graph (every detector on rows: the GAN family, ae, vae, iforest, ocsvm, knn, lof), checked with ONNX Runtime") { model, onnx, force };
        cmd.SetAction(parse => io.Guard(parse, ct =>
        {
            string modelPath = parse.GetValue(model)!, onnxPath = parse.GetValue(onnx)!;
            bool overwrite = parse.GetValue(force);
            if (Path.GetFullPath(modelPath) == Path.GetFullPath(onnxPath))
                throw new InvalidInputException($"--onnx {onnxPath}: is the model file; choose another path");
            if (File.Exists(onnxPath) && !overwrite) throw new InvalidInputException($"{onnxPath}: already exists; pass --force to replace it");
            CommonOptions.CheckOutputPath("--onnx", onnxPath, folder: false);
            var m = ModelFile.Load(modelPath, CliApp.Registry());
            var graph = ModelExport.Build(m);
            var bytes = OnnxScoreGraphWriter.ToBytes(graph, CliApp.Build);
            var (difference, largest, differ) = OnnxScoreRunner.Check(m, bytes, CheckRows, m.Seed);
            // The parity the tests hold every exporter to: 1e-5 of the largest |score|.
            if (!(difference <= 1e-5 * Math.Max(largest, 1e-12)))
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"export: ONNX Runtime's scores differ from the library's by up to {difference:G3} (largest |score| {largest:G3}); nothing was written. Please report this with the model file."));
            AtomicFile.Write(onnxPath, s => s.Write(bytes), overwrite);
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {onnxPath} ({bytes.Length / 1024.0:F0} KB): {m.Detector.Name}, opset {OnnxScoreGraphWriter.Opset}, input 'input' float[N, {m.FeatureNames.Count}], outputs 'score' float[N], 'is_anomaly' bool[N] (score > {m.Detector.Threshold:G6})"));
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"checked with ONNX Runtime on {CheckRows} made-up rows: largest |onnx - library| {difference:G3} (largest |score| {largest:G3}); is_anomaly differs on {differ} rows"));
            return 0;
        }));
        return cmd;
    }
}
