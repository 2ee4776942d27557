using System.CommandLine;
using System.Globalization;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Evaluation;
using MinLGan.Persistence;
using MinLGan.Preprocessing;

namespace MinLGan.Cli;

/// <summary>
/// <c>minlgan train</c>: fit a detector and save it to one model file. With --protocol, on that seed's training
/// rows; with --input, on every normal row of the CSV (rows with another label are left out and counted), except for a
/// detector that chooses on a labelled holdout (the GAN family, ae, vae) when the CSV's labels include anomalies: then
/// the rows are split as <c>evaluate --protocol csv</c> splits them (same seed, same fractions), so the saved model is
/// the one evaluate measures; <c>--holdout-fraction 0</c> trains on every normal row without a holdout (label-free).
/// </summary>
internal static class TrainCommand
{
    public static Command Create(ConsoleIo io)
    {
        var protocol = CommonOptions.Protocol();
        var detector = CommonOptions.Detector();
        var seed = new Option<int?>("--seed") { Description = "seed for the split and the detector (default: drawn once and recorded)" };
        var data = CommonOptions.Data();
        var model = new Option<string>("--model") { Description = "model file to write", Required = true };
        var param = CommonOptions.Params();
        var scaler = CommonOptions.Scaler();
        var input = CommonOptions.Input();
        var labelColumn = CommonOptions.LabelColumn();
        var normalLabel = CommonOptions.NormalLabel();
        var force = CommonOptions.Force();
        var checkpointSeconds = CommonOptions.CheckpointSeconds();
        var trainFraction = CommonOptions.TrainFraction();
        var holdoutFraction = CommonOptions.HoldoutFraction();
        holdoutFraction.Description += "; train --input with labels: 0 = no holdout, train on every normal row (label-free)";
        var maxTrain = CommonOptions.MaxTrain();
        var budget = CommonOptions.Budget();
        var resize = CommonOptions.Resize();
        var features = FeatureStep.Option();
        var featureResolution = FeatureStep.ResolutionOption();
        var cmd = new Command("train", "fit a detector on a protocol's training rows or on the normal rows of a CSV, and save it")
        {
            protocol, detector, seed, data, model, param, scaler, input, labelColumn, normalLabel, force, trainFraction, holdoutFraction, maxTrain, budget, resize, features, featureResolution, checkpointSeconds,
        };
        cmd.SetAction(parse => io.Guard(parse, ct =>
        {
            var registry = CliApp.Registry();
            var info = registry.Get(parse.GetValue(detector)!);
            string? budgetName = parse.GetValue(budget);
            string? featureChoice = FeatureStep.Validate(parse.GetValue(features), parse.GetValue(protocol) ?? "csv");
            int resolution = FeatureStep.ValidateResolution(parse.GetValue(featureResolution), featureChoice);
            var budgetDefaults = Budgets.For(budgetName, info, featureChoice);
            var parameters = DetectorParameters.Parse(info.Name, info.Parameters,
                Budgets.Merge(budgetDefaults.Parameters, parse.GetValue(param) ?? [], []));
            int maxTrainRows = parse.GetValue(maxTrain) is > 0 and var m ? m : budgetDefaults.MaxTrain;
            var scaling = FeatureScaler.Parse(CommonOptions.ScalerName(parse.GetValue(scaler), parse.GetValue(protocol), featureChoice));
            int runSeed = parse.GetValue(seed) ?? Random.Shared.Next();
            string modelPath = parse.GetValue(model)!;
            bool overwrite = parse.GetValue(force);
            if (File.Exists(modelPath) && !overwrite) throw new InvalidInputException($"{modelPath}: already exists; pass --force to replace it");
            CommonOptions.CheckOutputPath("--model", modelPath, folder: false);
            string? protocolName = parse.GetValue(protocol);
            string? inputPath = parse.GetValue(input);
            var normals = CommonOptions.SplitList(parse.GetValue(normalLabel));

            Dataset train;
            Dataset? holdout = null;
            InputSpec spec;
            IReadOnlyDictionary<string, string>? featureFacts = null;
            if (protocolName is not null && protocolName != "csv")
            {
                var proto = Protocols.Get(protocolName);
                var inputs = CommonOptions.Inputs(proto.Name, inputPath, parse.GetValue(labelColumn), normals, parse.GetValue(resize));
                FeatureStep.NoteDefaults(io, featureChoice, info.Name, budgetDefaults.Parameters);
                (var pd, featureFacts) = FeatureStep.Apply(proto.Load(CliApp.Data(parse.GetValue(data), io), inputs), featureChoice, resolution, io, ct);
                var split = pd.Split(runSeed, new SplitOptions { TrainFraction = parse.GetValue(trainFraction), HoldoutFraction = parse.GetValue(holdoutFraction), MaxTrain = maxTrainRows });
                foreach (var note in split.Notes) io.Err.WriteLine($"note: {note}");
                train = split.Train;
                holdout = split.Holdout;
                spec = split.Input;
                io.Out.WriteLine($"training on {train.Rows} normal rows of {proto.Name} (seed {runSeed}, train fraction {parse.GetValue(trainFraction)}"
                    + (maxTrainRows > 0 ? $", at most {maxTrainRows} rows" : "") + (budgetName is null ? ")" : $", budget {budgetName})"));
            }
            else
            {
                if (inputPath is null) throw new InvalidInputException("train needs --protocol NAME or --input FILE");
                if (parse.GetValue(resize) is not null) throw new InvalidInputException("--resize is for image folders: use --protocol images --input ROOT");
                string? label = parse.GetValue(labelColumn);
                if (label is not null && normals.Count == 0) throw new InvalidInputException("--label-column needs --normal-label VALUE (the rows to train on)");
                if (label is null && normals.Count > 0) throw new InvalidInputException("--normal-label needs --label-column NAME");
                spec = InputFormats.Csv.Spec(normals, label);
                var rows = TrainingRows.Read(spec, inputPath, maxTrainRows, runSeed);
                bool choosesOnHoldout = info.Create(parameters, runSeed) is IUsesHoldout;
                if (label is not null && rows.LeftOut > 0 && choosesOnHoldout && parse.GetValue(holdoutFraction) > 0)
                {
                    // The labelled rows give a holdout to choose on: split them as evaluate --protocol csv does.
                    var pd = Protocols.Get("csv").Load(CliApp.Data(parse.GetValue(data), io), new InputArguments(inputPath, label, normals));
                    var split = pd.Split(runSeed, new SplitOptions { TrainFraction = parse.GetValue(trainFraction), HoldoutFraction = parse.GetValue(holdoutFraction), MaxTrain = maxTrainRows });
                    foreach (var note in split.Notes) io.Err.WriteLine($"note: {note}");
                    train = split.Train;
                    holdout = split.Holdout;
                    string cap = maxTrainRows > 0 ? FormattableString.Invariant($", at most {maxTrainRows} rows") : "";
                    io.Out.WriteLine(FormattableString.Invariant(
                        $"training on {train.Rows} normal rows of {inputPath} (seed {runSeed}, train fraction {parse.GetValue(trainFraction)}{cap}); ")
                        + FormattableString.Invariant(
                        $"{info.Name} chooses on a labelled holdout of {holdout.Rows - holdout.AnomalyCount} normal and {holdout.AnomalyCount} anomalous rows (holdout fraction {parse.GetValue(holdoutFraction)}); ")
                        + FormattableString.Invariant(
                        $"the other {split.Test.Rows} rows are not used (evaluate --protocol csv with the same seed scores them; --holdout-fraction 0 trains on every normal row, label-free)"));
                }
                else
                {
                    foreach (var note in rows.Notes) io.Out.WriteLine(note);
                    train = rows.Train;
                }
            }

            var scalerFit = ModelFitter.FitScaler(train, scaling);
            var display = new TrainingDisplay(io);
            // Finished ensemble members and the training in progress are kept beside the model until it is saved: the
            // same command (same --seed) run again after a kill reads them back.
            string memberFolder = modelPath + ".checkpoints";
            var fitted = display.Run(() => ModelFitter.Fit(info, parameters, runSeed, scalerFit?.Transform(train) ?? train,
                holdout is null ? null : scalerFit?.Transform(holdout) ?? holdout, d =>
                {
                    display.Attach(d, runSeed);
                    if (d is ICheckpointsFit c)
                    {
                        c.CheckpointFolder = memberFolder;
                        c.CheckpointSeconds = parse.GetValue(checkpointSeconds);
                    }
                }, ct));
            var det = fitted.Detector;
            if (det is ICheckpointsFit { Resumed: { } resumedParts }) io.Err.WriteLine($"note: {resumedParts} read back from {memberFolder}");
            if (det is IUsesHoldout h)
            {
                io.Out.WriteLine($"selection: {h.Selection}");
                foreach (var w in h.Warnings) io.Err.WriteLine($"WARNING: {w.Message}");
            }
            var trained = new AnomalyModel(parameters, runSeed, train.FeatureNames, scalerFit, spec, protocolName, det) { Features = featureFacts };
            ModelFile.Save(modelPath, trained, registry, overwrite);
            if (Directory.Exists(memberFolder)) Directory.Delete(memberFolder, recursive: true);
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fitted {info.Name} in {fitted.FitSeconds:F3} s; threshold {det.Threshold:G6}; seed {runSeed}; saved {modelPath}"));
            return 0;
        }));
        return cmd;
    }
}
