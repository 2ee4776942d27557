using MinLGan.Data;

namespace MinLGan.Evaluation;

/// <summary>
/// Reads a raw file the way a model's <see cref="InputSpec"/> says, producing rows with exactly the model's
/// features (in its order) and the file's labels when it has them. Used by <c>minlgan score</c>.
/// </summary>
public static class InputReader
{
    /// <summary>Rows for the model, the label column's name and values (when present), and notes.</summary>
    public sealed record Result(Dataset Rows, string? LabelName, string[]? Labels, IReadOnlyList<string> Notes);

    /// <summary>Reads <paramref name="path"/> for a model with these features.</summary>
    public static Result Read(InputSpec spec, string path, IReadOnlyList<string> featureNames)
    {
        switch (spec.Format)
        {
            case "csv":
            {
                var t = CsvReader.Read(path, spec.LabelColumn, featureNames);
                return new Result(t.Features, t.Classes is null ? null : spec.LabelColumn, t.Classes, t.Notes);
            }
            case "shuttle":
            {
                var t = ShuttleReader.Read(path);
                CheckFeatures(path, t.Features.FeatureNames, featureNames);
                return new Result(t.Features, "class", t.Classes, t.Notes);
            }
            case "covertype":
            {
                var (t, _) = CovertypeReader.Read(path);
                CheckFeatures(path, t.Features.FeatureNames, featureNames);
                return new Result(t.Features, "Cover_Type", t.Classes, t.Notes);
            }
            case "kddcup99":
            {
                var raw = Kdd99Reader.ReadRaw(path);
                var encoding = Kdd99Encoding.FromFeatureNames(featureNames);
                var rows = encoding.Encode(raw, Enumerable.Range(0, raw.Rows).ToArray(), null, out int unseen, out var values);
                var notes = raw.Notes.ToList();
                if (unseen > 0)
                    notes.Add(Kdd99Encoding.UnseenNote(path, unseen, values));
                return new Result(rows, "label", raw.Labels, notes);
            }
            case "cifar10":
            {
                var images = Cifar10BinaryReader.Read([path]);
                var rows = images.ToDataset(Enumerable.Range(0, images.Count).ToArray(), null);
                CheckFeatures(path, rows.FeatureNames, featureNames);
                return new Result(rows, "class", images.Classes.Select(c => images.ClassNames[c]).ToArray(), []);
            }
            default:
                throw new InvalidInputException($"unknown input format '{spec.Format}'");
        }
    }

    private static void CheckFeatures(string path, IReadOnlyList<string> have, IReadOnlyList<string> want)
    {
        if (have.Count != want.Count)
            throw new InvalidInputException($"{path}: the file has {have.Count} features, the model expects {want.Count}");
        if (!have.SequenceEqual(want))
            throw new InvalidInputException($"{path}: the file's features differ from the model's");
    }
}
