using System.Collections;
using System.Reflection;
using MinLGan.Detectors;

namespace MinLGan.Torch.Tests;

/// <summary>Each option is declared once: the --param specs and the options records agree on defaults and ranges.</summary>
public class OptionSpecTests
{
    public static TheoryData<string> Detectors() => ["iforest", "ocsvm", "knn", "lof", "gan", "minlgan", "eminlgan1", "eminlgan2", "ae", "vae"];

    private static DetectorInfo Info(string name) => TorchDetectors.AddTo(DetectorRegistry.CreateDefault()).Get(name);

    /// <summary>Options added after model files were first written: (name, a value, what it parses to, an out-of-range value).</summary>
    public static TheoryData<string, string, double, string> LaterOptions() => new()
    {
        { "input_bound", "2.5", 2.5, "-1" },
        { "d_average", "0.999", 0.999, "1" },
        { "g_bound", "4", 4, "-1" },
    };

    [Theory]
    [MemberData(nameof(LaterOptions))]
    public void GivenAnOptionOlderModelFilesLack_WhenParsed_ThenAValueIsCarried_AFileWithoutItMeansOff_AndAnOutOfRangeOneIsRefused(
        string option, string value, double parsed, string outOfRange)
    {
        // A model file written before the option existed scored without it (0 = off); a file naming it keeps its value.
        var specs = Info("eminlgan2").Parameters;
        double Read(GanOptions o) => option switch
        {
            "input_bound" => o.InputBound,
            "d_average" => o.DAverage,
            "g_bound" => o.GBound,
            _ => throw new ArgumentOutOfRangeException(nameof(option)),
        };
        double Parse(Dictionary<string, string> given, bool saved = false) =>
            Read(GanOptions.FromParameters(DetectorParameters.From("eminlgan2", specs, given, saved)));

        Assert.Equal(parsed, Parse(new() { [option] = value }));
        Assert.Equal(parsed, Parse(new() { [option] = value }, saved: true));
        Assert.Equal(0, Parse(new() { ["a"] = "0.01" }, saved: true));
        var e = Assert.Throws<InvalidInputException>(() => Parse(new() { [option] = outOfRange }));
        Assert.Contains(option, e.Message);
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void GivenADetector_WhenItsSpecDefaultsAreParsed_ThenTheOptionsEqualTheRecordsOwnDefaults(string name)
    {
        var info = Info(name);
        var parsed = DetectorParameters.Parse(name, info.Parameters, []);
        object fromSpecs, fromRecord;
        switch (name)
        {
            case "iforest":
                (fromSpecs, fromRecord) = (IsolationForestOptions.FromParameters(parsed), new IsolationForestOptions());
                break;
            case "ocsvm":
                (fromSpecs, fromRecord) = (OneClassSvmOptions.FromParameters(parsed), new OneClassSvmOptions());
                break;
            case "knn":
                (fromSpecs, fromRecord) = (NeighborOptions.KnnFromParameters(parsed), new NeighborOptions());
                break;
            case "lof":
                (fromSpecs, fromRecord) = (NeighborOptions.LofFromParameters(parsed), new NeighborOptions { K = NeighborOptions.LofDefaultK });
                break;
            case "ae" or "vae":
                // The autoencoder has no samples parameter: it draws none.
                (fromSpecs, fromRecord) = (ReconstructionOptions.FromParameters(parsed), new ReconstructionOptions { Samples = name == "vae" ? 10 : 1 });
                break;
            default:
                // a is 0 for the plain GAN; single detectors have one member; ensembles span the a=auto ladder.
                bool ensemble = name.StartsWith("eminlgan", StringComparison.Ordinal);
                (fromSpecs, fromRecord) = (GanOptions.FromParameters(parsed), ensemble
                    ? GanOptions.EnsembleDefaults
                    : new GanOptions { A = name == "gan" ? 0 : GanOptions.Defaults.A, Members = 1 });
                break;
        }
        foreach (var p in fromRecord.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            object? a = p.GetValue(fromSpecs), b = p.GetValue(fromRecord);
            if (a is IEnumerable ea and not string && b is IEnumerable eb)
                Assert.True(ea.Cast<object>().SequenceEqual(eb.Cast<object>()), $"{name}.{p.Name}");
            else
                Assert.True(Equals(a, b), $"{name}.{p.Name}: specs give {a}, the record {b}");
        }
    }

    [Fact]
    public void GivenAValueAtARangesEdge_WhenValidatedInCode_ThenTheSpecsRangeDecidesWithTheSameMessageAsParsing()
    {
        new GanOptions { LearningRate = 1 }.Validate();     // (0, 1]: 1 is allowed, as --param lr=1 is
        new GanOptions { Dropout = 0.95 }.Validate();
        var inCode = Assert.Throws<InvalidInputException>(() => new GanOptions { Dropout = 0.96 }.Validate("minlgan"));
        var parsed = Assert.Throws<InvalidInputException>(() => DetectorParameters.Parse("minlgan", GanOptions.Specs(false), ["dropout=0.96"]));
        Assert.Equal(parsed.Message, inCode.Message);
        Assert.Equal("dropout=0.96: minlgan expects a number in [0, 0.95]", inCode.Message);
        Assert.Throws<InvalidInputException>(() => new ReconstructionOptions { Contamination = 0.6 }.Validate());
        Assert.Throws<InvalidInputException>(() => new IsolationForestOptions { Contamination = 0 }.Validate());
        Assert.Throws<InvalidInputException>(() => new OneClassSvmOptions { Gamma = "wide" }.Validate());
    }
}
