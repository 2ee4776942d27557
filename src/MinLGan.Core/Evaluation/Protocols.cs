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
        new ToyProtocol("circles", "make_circles(2000, noise=0.05, factor=0.5) normal vs 100 uniform points", s => ToyDatasets.Circles(2000, 0.05, 0.5, s).Points),
        new ToyProtocol("moons", "make_moons(2000, noise=0.05) normal vs 100 uniform points", s => ToyDatasets.Moons(2000, 0.05, s).Points),
        .. Enumerable.Range(0, 10).Select(k => new CifarProtocol(k)),
    ];

    /// <summary>The protocol with this name; an unknown name is an <see cref="InvalidInputException"/>.</summary>
    public static Protocol Get(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new InvalidInputException($"--protocol {name}: unknown protocol; expected one of {string.Join(", ", All.Select(p => p.Name))}");

    private sealed class ShuttleProtocol : Protocol
    {
        public override string Name => "shu-a";
        public override string Summary => "Statlog Shuttle class 1 normal vs classes 2-7 (shuttle.trn and shuttle.tst pooled)";

        public override IReadOnlyList<ProtocolFile> Locate(DataLocator data) =>
            [new("shuttle.trn", data.Find("shuttle.trn")), new("shuttle.tst", data.Find("shuttle.tst"))];

        public override ProtocolData Load(DataLocator data, CsvArguments? csv)
        {
            var files = Locate(data);
            if (files.Any(f => f.Path is null)) throw Missing(data, "shuttle.trn and shuttle.tst (plain or .gz)");
            var table = ShuttleReader.Read(files.Select(f => f.Path!).ToArray());
            var flags = table.Classes!.Select(c => c == "1" ? 0 : 1).ToArray();
            return new TabularProtocolData(Name, table.Features, flags, new InputSpec("shuttle", "class", ["1"]), table.Notes);
        }
    }

    private sealed class KddProtocol : Protocol
    {
        public override string Name => "kdd-a";
        public override string Summary => "KDD Cup 99 10% set: normal vs every attack (protocol_type, service, flag one-hot from training rows)";

        public override IReadOnlyList<ProtocolFile> Locate(DataLocator data) =>
            [new("kddcup.data_10_percent", data.Find("kddcup.data_10_percent"))];

        public override ProtocolData Load(DataLocator data, CsvArguments? csv)
        {
            string path = Locate(data)[0].Path ?? throw Missing(data, "kddcup.data_10_percent (plain or .gz)");
            var raw = Kdd99Reader.ReadRaw(path);
            return new KddProtocolData(Name, raw, "normal", new InputSpec("kddcup99", "label", ["normal"]));
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

        public override ProtocolData Load(DataLocator data, CsvArguments? csv)
        {
            string? path = Locate(data)[0].Path;
            if (path is null)
            {
                if (Name == "cov-a" && data.Find("cover.csv") is string odds)
                    throw new InvalidInputException(
                        $"protocol cov-a needs the full covtype.data (all 7 classes, 54 attributes); only {odds} was found, which holds classes 2 and 4 only. Download covtype.data.gz from https://archive.ics.uci.edu/dataset/31/covertype");
                throw Missing(data, Name == "cov-a" ? "covtype.data (plain or .gz)" : "covtype.data or cover.csv (plain or .gz)");
            }
            var (table, _) = CovertypeReader.Read(path);
            var keep = Enumerable.Range(0, table.Features.Rows).Where(i => normal.Contains(table.Classes![i]) || anomalies.Contains(table.Classes![i])).ToArray();
            var rows = keep.Length == table.Features.Rows ? table.Features : table.Features.Select(keep);
            var flags = keep.Select(i => normal.Contains(table.Classes![i]) ? 0 : 1).ToArray();
            return new TabularProtocolData(Name, rows, flags, new InputSpec("covertype", "Cover_Type", normal), table.Notes);
        }
    }

    private sealed class CsvProtocol : Protocol
    {
        public override string Name => "csv";
        public override string Summary => "any CSV: --input FILE --label-column NAME --normal-label VALUE (repeatable)";
        public override IReadOnlyList<ProtocolFile> Locate(DataLocator data) => [new("--input FILE", "(given on the command line)")];

        public override ProtocolData Load(DataLocator data, CsvArguments? csv)
        {
            if (csv is null) throw new InvalidInputException("protocol csv needs --input FILE, --label-column NAME and --normal-label VALUE");
            if (csv.NormalLabels.Count == 0) throw new InvalidInputException("protocol csv needs at least one --normal-label VALUE");
            var table = CsvReader.Read(csv.Input, csv.LabelColumn);
            var present = table.Classes!.ToHashSet(StringComparer.Ordinal);
            var absent = csv.NormalLabels.Where(l => !present.Contains(l)).ToList();
            if (absent.Count > 0)
                throw new InvalidInputException(
                    $"{csv.Input}: --normal-label {string.Join(", ", absent)} does not occur in column {csv.LabelColumn}; values there: {string.Join(", ", present.Order().Take(10))}");
            var flags = table.Classes!.Select(c => csv.NormalLabels.Contains(c) ? 0 : 1).ToArray();
            return new TabularProtocolData(Name, table.Features, flags, new InputSpec("csv", csv.LabelColumn, csv.NormalLabels), table.Notes);
        }
    }

    private sealed class ToyProtocol(string name, string summary, Func<long, Dataset> generate) : Protocol
    {
        public override string Name => name;
        public override string Summary => summary;
        public override IReadOnlyList<ProtocolFile> Locate(DataLocator data) => [new("built in", "(generated from the seed)")];
        public override ProtocolData Load(DataLocator data, CsvArguments? csv) => new ToyProtocolData(Name, generate, 100);
    }

    private sealed class CifarProtocol(int normalClass) : Protocol
    {
        public override string Name => $"cifar10-{normalClass}";

        public override string Summary =>
            $"CIFAR-10 class {normalClass} ({Cifar10BinaryReader.ClassNames[normalClass]}) normal vs the other nine: train = its training images, test pool = the whole test split";

        public override IReadOnlyList<ProtocolFile> Locate(DataLocator data) =>
            [new("cifar-10-batches-bin (binary batches) or " + Cifar10Source.JpegArchive + " (JPEG-degraded)",
                Cifar10Source.FindBatches(data) ?? Cifar10Source.FindJpegArchive(data))];

        public override ProtocolData Load(DataLocator data, CsvArguments? csv)
        {
            var (train, test) = Cifar10Source.Load(data, out bool degraded, Cifar10Source.Log);
            IReadOnlyList<string> notes = degraded ? [Cifar10Source.JpegLabel] : [];
            return new ImageProtocolData(Name, train, test, normalClass,
                new InputSpec("cifar10", "class", [Cifar10BinaryReader.ClassNames[normalClass]]), notes);
        }
    }
}
