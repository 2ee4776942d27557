using MinLGan.Data;

namespace MinLGan.Evaluation;

/// <summary>The registry of protocols.</summary>
public static class Protocols
{
    /// <summary>Every protocol, in the order `minlgan datasets` lists them.</summary>
    public static readonly IReadOnlyList<Protocol> All =
    [
        new ShuttleProtocol(),
        new KddProtocol(),
        new CovertypeProtocol("cov-a", "Covertype classes 1,3,5,6,7 normal vs 2,4", ["1", "3", "5", "6", "7"], ["2", "4"]),
        new CovertypeProtocol("cov-b", "Covertype class 2 normal vs class 4", ["2"], ["4"]),
        new CsvProtocol(),
        new ImageFolderProtocol(),
        new ToyProtocol("circles", "make_circles(2000, noise=0.05, factor=0.5) normal vs 100 uniform points", s => ToyDatasets.Circles(2000, 0.05, 0.5, s).Points),
        new ToyProtocol("moons", "make_moons(2000, noise=0.05) normal vs 100 uniform points", s => ToyDatasets.Moons(2000, 0.05, s).Points),
        .. Enumerable.Range(0, 10).Select(k => new CifarProtocol(k)),
    ];

    /// <summary>The protocol with this name; an unknown name is an <see cref="InvalidInputException"/>.</summary>
    public static Protocol Get(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new InvalidInputException($"{name}: unknown protocol; expected one of {string.Join(", ", All.Select(p => p.Name))}");

    private sealed class ShuttleProtocol : Protocol
    {
        public override string Name => "shu-a";
        public override string Summary => "Statlog Shuttle class 1 normal vs classes 2-7 (shuttle.trn and shuttle.tst pooled)";

        public override IReadOnlyList<ProtocolFile> Locate(DataLocator data) =>
            [new("shuttle.trn", data.Find("shuttle.trn")), new("shuttle.tst", data.Find("shuttle.tst"))];

        public override ProtocolData Load(DataLocator data, InputArguments? input)
        {
            var files = Locate(data);
            if (files.Any(f => f.Path is null)) throw Missing(data, "shuttle.trn and shuttle.tst (plain or .gz)");
            var table = ShuttleReader.Read(files.Select(f => f.Path!).ToArray());
            var flags = table.Classes!.Select(c => c == "1" ? 0 : 1).ToArray();
            return new TabularProtocolData(Name, table.Features, flags, InputFormats.Shuttle.Spec(["1"]), table.Notes);
        }
    }

    private sealed class KddProtocol : Protocol
    {
        public override string Name => "kdd-a";
        public override string Summary => "KDD Cup 99 10% set: normal vs every attack (protocol_type, service, flag one-hot from training rows)";

        public override IReadOnlyList<ProtocolFile> Locate(DataLocator data) =>
            [new("kddcup.data_10_percent", data.Find("kddcup.data_10_percent"))];

        public override ProtocolData Load(DataLocator data, InputArguments? input)
        {
            string path = Locate(data)[0].Path ?? throw Missing(data, "kddcup.data_10_percent (plain or .gz)");
            var raw = Kdd99Reader.ReadRaw(path);
            return new KddProtocolData(Name, raw, "normal", InputFormats.Kdd99.Spec(["normal"]));
        }
    }

    private sealed class CovertypeProtocol(string name, string summary, string[] normal, string[] anomalies) : Protocol
    {
        public override string Name => name;
        public override string Summary => summary;

        public override IReadOnlyList<ProtocolFile> Locate(DataLocator data)
        {
            string? full = data.Find("covtype.data");
            if (full is not null || Name == "cov-a") return [new("covtype.data (54 attributes)", full)];
            return [new("covtype.data (54 attributes) or cover.csv (10 attributes, classes 2 and 4)", data.Find("cover.csv"))];
        }

        public override ProtocolData Load(DataLocator data, InputArguments? input)
        {
            string? path = Locate(data)[0].Path;
            if (path is null)
            {
                if (Name == "cov-a" && data.Find("cover.csv") is string odds)
                    throw new InvalidInputException(
                        $"protocol cov-a needs the full covtype.data (all 7 classes, 54 attributes); only {odds} was found, which holds classes 2 and 4 only. Download covtype.data.gz from https://archive.ics.uci.edu/dataset/31/covertype");
                throw Missing(data, Name == "cov-a" ? "covtype.data (plain or .gz)" : "covtype.data or cover.csv (plain or .gz)");
            }
            var table = InputFormats.Covertype.Read(path, null, null, null, null);
            var keep = Enumerable.Range(0, table.Rows.Rows).Where(i => normal.Contains(table.Labels![i]) || anomalies.Contains(table.Labels![i])).ToArray();
            var rows = keep.Length == table.Rows.Rows ? table.Rows : table.Rows.Select(keep);
            var flags = keep.Select(i => normal.Contains(table.Labels![i]) ? 0 : 1).ToArray();
            return new TabularProtocolData(Name, rows, flags, InputFormats.Covertype.Spec(normal), table.Notes);
        }
    }

    private sealed class CsvProtocol : Protocol
    {
        public override string Name => "csv";
        public override string Summary => "any CSV file: its label column and the label values that are normal (one or more)";
        public override IReadOnlyList<ProtocolFile> Locate(DataLocator data) => [new("the input CSV file", "(given by the user)")];

        public override ProtocolData Load(DataLocator data, InputArguments? input)
        {
            var csv = input;
            if (csv?.LabelColumn is null) throw new InvalidInputException("protocol csv needs an input file, its label column and at least one normal label value");
            if (csv.NormalLabels.Count == 0) throw new InvalidInputException("protocol csv needs at least one normal label value");
            var table = InputFormats.Csv.Read(csv.Input, csv.LabelColumn, null, null, null);
            var present = table.Labels!.ToHashSet(StringComparer.Ordinal);
            var absent = csv.NormalLabels.Where(l => !present.Contains(l)).ToList();
            if (absent.Count > 0)
                throw new InvalidInputException(
                    $"{csv.Input}: normal label {string.Join(", ", absent)} does not occur in column {csv.LabelColumn}; values there: {string.Join(", ", present.Order().Take(10))}");
            var flags = table.Labels!.Select(c => csv.NormalLabels.Contains(c) ? 0 : 1).ToArray();
            int normalRows = flags.Count(f => f == 0);
            if (normalRows < 2)
                throw new InvalidInputException(
                    $"{csv.Input}: only {normalRows} rows have the normal label {string.Join(", ", csv.NormalLabels)} in column {csv.LabelColumn}; the protocol needs at least 2");
            if (normalRows == flags.Length)
                throw new InvalidInputException(
                    $"{csv.Input}: every row of column {csv.LabelColumn} has a normal label ({string.Join(", ", present.Order().Take(10))}); the protocol needs anomalies, rows with another label, to test on");
            return new TabularProtocolData(Name, table.Rows, flags, InputFormats.Csv.Spec(csv.NormalLabels, csv.LabelColumn), table.Notes);
        }
    }

    private sealed class ImageFolderProtocol : Protocol
    {
        public override string Name => "images";

        public override string Summary =>
            "any image folder ROOT (ROOT/train/<class>/ and ROOT/test/<class>/, or ROOT/<class>/) and its normal classes (one or more), optionally resized to WxH";

        public override IReadOnlyList<ProtocolFile> Locate(DataLocator data) => [new("the input image folder ROOT", "(given by the user)")];

        public override ProtocolData Load(DataLocator data, InputArguments? input)
        {
            if (input is null) throw new InvalidInputException("protocol images needs an input folder ROOT and at least one normal class");
            if (input.NormalLabels.Count == 0) throw new InvalidInputException("protocol images needs at least one normal class (a class folder name)");
            string root = input.Input;
            if (!Directory.Exists(root)) throw new InvalidInputException($"{root}: folder not found (expected ROOT/train/<class>/ and ROOT/test/<class>/, or ROOT/<class>/)");
            var decoder = data.RequireDecoder();
            bool splitLayout = Directory.Exists(Path.Combine(root, "train")) || Directory.Exists(Path.Combine(root, "test"));
            var spec = InputFormats.Images.Spec(input.NormalLabels);
            string size = input.Resize is { } r ? $"resized to {r.Width}x{r.Height}" : "at their own size";
            if (!splitLayout)
            {
                var all = ImageFolderReader.ReadClasses(root, decoder, input.Resize);
                CheckNormalClasses(root, all, input.NormalLabels);
                CheckCounts(root, all, input.NormalLabels, normal: true);
                CheckCounts(root, all, input.NormalLabels, normal: false);
                return new ImageProtocolData(Name, null, all, input.NormalLabels, spec,
                    [$"images: {all.Count} in {root} (classes {string.Join(", ", all.ClassNames)}; one pool split by the train fraction), {size}; normal: {string.Join(", ", input.NormalLabels)}"]);
            }
            foreach (var split in new[] { "train", "test" })
                if (!Directory.Exists(Path.Combine(root, split)))
                    throw new InvalidInputException($"{Path.Combine(root, split)}: folder not found; ROOT/train/<class>/ and ROOT/test/<class>/ go together (or give ROOT/<class>/ alone, split by the train fraction)");
            var train = ImageFolderReader.Read(root, "train", decoder, input.Resize);
            var test = ImageFolderReader.Read(root, "test", decoder, input.Resize);
            CheckNormalClasses(Path.Combine(root, "train"), train, input.NormalLabels);
            CheckCounts(Path.Combine(root, "train"), train, input.NormalLabels, normal: true);
            CheckCounts(Path.Combine(root, "test"), test, input.NormalLabels, normal: false);
            var notes = new List<string>
            {
                $"images: {train.Count} in {Path.Combine(root, "train")} (classes {string.Join(", ", train.ClassNames)}), {test.Count} in {Path.Combine(root, "test")} (classes {string.Join(", ", test.ClassNames)}), {size}; normal: {string.Join(", ", input.NormalLabels)}",
            };
            int otherTrain = train.Classes.Count(c => !input.NormalLabels.Contains(train.ClassNames[c]));
            if (otherTrain > 0)
                notes.Add($"{Path.Combine(root, "train")}: {otherTrain} images of classes other than {string.Join(", ", input.NormalLabels)} are not used (training uses normal images only)");
            return new ImageProtocolData(Name, train, test, input.NormalLabels, spec, notes);
        }

        private static void CheckNormalClasses(string folder, ImageSet set, IReadOnlyList<string> normal)
        {
            var absent = normal.Where(n => !set.ClassNames.Contains(n)).ToList();
            if (absent.Count > 0)
                throw new InvalidInputException(
                    $"{folder}: normal class {string.Join(", ", absent)} is not a class folder there; class folders: {string.Join(", ", set.ClassNames)}");
        }

        // The split needs at least 2 normal images (training) and at least one anomaly (testing): say so by folder.
        private static void CheckCounts(string folder, ImageSet set, IReadOnlyList<string> normalClasses, bool normal)
        {
            int count = set.Classes.Count(c => normalClasses.Contains(set.ClassNames[c]) == normal);
            if (normal && count < 2)
                throw new InvalidInputException(
                    $"{folder}: the normal class folders ({string.Join(", ", normalClasses)}) hold {count} images; the protocol needs at least 2");
            if (!normal && count == 0)
                throw new InvalidInputException(
                    $"{folder}: no images outside the normal classes ({string.Join(", ", normalClasses)}); the protocol needs anomalies, images of another class, to test on");
        }
    }

    private sealed class ToyProtocol(string name, string summary, Func<long, Dataset> generate) : Protocol
    {
        public override string Name => name;
        public override string Summary => summary;
        public override IReadOnlyList<ProtocolFile> Locate(DataLocator data) => [new("built in", "(generated from the seed)")];
        public override ProtocolData Load(DataLocator data, InputArguments? input) => new ToyProtocolData(Name, generate, 100);
    }

    private sealed class CifarProtocol(int normalClass) : Protocol
    {
        public override string Name => $"cifar10-{normalClass}";

        public override string Summary =>
            $"CIFAR-10 class {normalClass} ({Cifar10BinaryReader.ClassNames[normalClass]}) normal vs the other nine: train = its training images, test pool = the whole test split";

        public override IReadOnlyList<ProtocolFile> Locate(DataLocator data) =>
            [new("cifar-10-batches-bin (binary batches) or " + Cifar10Source.JpegArchive + " (JPEG-degraded)",
                Cifar10Source.FindBatches(data) ?? Cifar10Source.FindJpegArchive(data))];

        public override ProtocolData Load(DataLocator data, InputArguments? input)
        {
            var (train, test) = Cifar10Source.Load(data, out bool degraded);
            IReadOnlyList<string> notes = degraded ? [Cifar10Source.JpegLabel] : [];
            return new ImageProtocolData(Name, train, test, normalClass,
                InputFormats.Cifar10.Spec([Cifar10BinaryReader.ClassNames[normalClass]]), notes);
        }
    }
}
