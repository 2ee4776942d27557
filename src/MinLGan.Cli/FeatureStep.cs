using System.Globalization;
using MinLGan.Data;
using MinLGan.Evaluation;
using MinLGan.Features;
using Spectre.Console;

namespace MinLGan.Cli;

/// <summary>
/// <c>--features raw|resnet18</c>: raw keeps the pixels; resnet18 replaces each image by its 512 ResNet-18 features
/// (<see cref="ResNet18Extractor"/>), read from the content-keyed cache (<see cref="FeatureCache"/>) or extracted with a
/// progress bar on a terminal (plain lines on stderr otherwise).
/// </summary>
internal static class FeatureStep
{
    /// <summary>The choices of <c>--features</c>.</summary>
    public static readonly string[] Choices = ["raw", "resnet18"];

    public static System.CommandLine.Option<string?> Option() => new("--features")
    {
        Description = "image protocols: raw (pixels, the default) or resnet18 (512 features per image from ResNet-18 pretrained on ImageNet; cached by content under $MINLGAN_CACHE, else ~/.cache/minlgan)",
    };

    public static System.CommandLine.Option<int?> ResolutionOption() => new("--feature-resolution")
    {
        Description = $"with --features resnet18: the network's input size, one of {string.Join(", ", ResNet18Extractor.Resolutions)} (default {ResNet18Extractor.DefaultResolution}, chosen on the CIFAR-10 holdouts; 224 is the shipped graph as it is; see docs/features.md)",
    };

    /// <summary>The input size for the extractor: <see cref="ResNet18Extractor.DefaultResolution"/> unless given; given without --features, or not offered, is refused.</summary>
    public static int ValidateResolution(int? resolution, string? features)
    {
        if (resolution is null) return ResNet18Extractor.DefaultResolution;
        if (features is null) throw new InvalidInputException($"--feature-resolution {resolution} needs --features resnet18");
        if (!ResNet18Extractor.Resolutions.Contains(resolution.Value))
            throw new InvalidInputException($"--feature-resolution {resolution}: expected one of {string.Join(", ", ResNet18Extractor.Resolutions)}");
        return resolution.Value;
    }

    /// <summary>Checks the value against the protocol; null when pixels stay (raw or not given).</summary>
    public static string? Validate(string? features, string protocol)
    {
        if (features is null or "raw") return null;
        if (!Choices.Contains(features)) throw new InvalidInputException($"--features {features}: expected one of {string.Join(", ", Choices)}");
        if (!CommonOptions.IsImageProtocol(protocol))
            throw new InvalidInputException($"--features {features} is for image protocols (cifar10-0 ... cifar10-9, images); got --protocol {protocol}");
        return features;
    }

    /// <summary>Names the feature recipe's --param defaults on stderr (nothing when there are none).</summary>
    public static void NoteDefaults(ConsoleIo io, string? features, string detector, IReadOnlyList<string> defaults)
    {
        if (features is not null && defaults.Count > 0)
            io.Err.WriteLine($"note: --features {features}: {detector} defaults {string.Join(" ", defaults)} (an explicit --param wins)");
    }

    /// <summary>
    /// The protocol data with features attached (both splits) and the extractor's facts, or the data as it was and null
    /// for raw.
    /// </summary>
    public static (ProtocolData Data, IReadOnlyDictionary<string, string>? Facts) Apply(ProtocolData data, string? features, int resolution, ConsoleIo io, CancellationToken ct)
    {
        if (features is null) return (data, null);
        if (data is not ImageProtocolData images) throw new InvalidOperationException($"--features {features} on {data.Protocol}, which is not an image protocol");
        using var extractor = new ResNet18Extractor(new ResNet18Options { Resolution = resolution });
        var cache = new FeatureCache(FeatureCache.DefaultDirectory());
        var notes = new List<string> { "features: " + string.Join(", ", extractor.Facts.Select(f => $"{f.Key}={f.Value}")) };
        var result = images.WithFeatures(set => Attach(cache, set, extractor, io, ct), notes);
        return (result, extractor.Facts);
    }

    /// <summary>
    /// The extractor a model trained on features needs (<paramref name="facts"/> from its file): refuses an extractor
    /// this build lacks and other weights, before any image is read.
    /// </summary>
    public static ResNet18Extractor ExtractorFor(string modelPath, IReadOnlyDictionary<string, string> facts)
    {
        string name = facts["extractor"];
        if (name != "resnet18")
            throw new InvalidInputException($"{modelPath}: trained on '{name}' features, which this build cannot make (it has: resnet18)");
        // Model files from before --feature-resolution were all made at 224.
        int resolution = facts.TryGetValue("resolution", out var r) && int.TryParse(r, System.Globalization.NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : ResNet18Extractor.NativeResolution;
        if (!ResNet18Extractor.Resolutions.Contains(resolution))
            throw new InvalidInputException($"{modelPath}: trained on resnet18 features at resolution {r}, which this build does not offer ({string.Join(", ", ResNet18Extractor.Resolutions)})");
        var extractor = new ResNet18Extractor(new ResNet18Options { Resolution = resolution });
        if (extractor.WeightsSha256 != facts["weights_sha256"])
        {
            string have = extractor.WeightsSha256;
            extractor.Dispose();
            throw new InvalidInputException(
                $"{modelPath}: trained on resnet18 features from weights with sha256 {facts["weights_sha256"]}; this build's ResNet18.onnx has {have}");
        }
        return extractor;
    }

    /// <summary>
    /// Feature rows of pixel rows (as an image reader made them), extracted directly: <c>minlgan score</c> reads new
    /// images in batches, and caching each batch would fill the cache with files that are never read again.
    /// </summary>
    public static Dataset Embed(IImageFeatureExtractor extractor, Dataset pixels, CancellationToken ct)
    {
        var images = ImageSet.FromPixelRows(pixels);
        images = images.WithFeatures(extractor.Extract(images, null, ct), extractor.Dimension, extractor.Name);
        return images.ToDataset(Enumerable.Range(0, images.Count).ToArray(), null);
    }

    private static ImageSet Attach(FeatureCache cache, ImageSet set, IImageFeatureExtractor extractor, ConsoleIo io, CancellationToken ct) =>
        WithProgress(io, set.Count, progress => cache.Attach(set, extractor, progress, line => io.Err.WriteLine($"note: {line}"), ct));

    private static T WithProgress<T>(ConsoleIo io, int count, Func<IProgress<int>, T> body)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        if (!io.Interactive)
        {
            // A line each time the count passes the next step of about 5% (at least 1024 images), whatever counts the extractor reports.
            int every = Math.Max(1024, count / 20), next = every;
            return body(new Synchronous(n =>
            {
                if (n < next && n != count) return;
                while (next <= n) next += every;
                double rate = n / Math.Max(sw.Elapsed.TotalSeconds, 1e-9);
                io.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"features: {n}/{count} images ({rate:F1} images/s)"));
            }));
        }
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"resnet18 features, {count} images", maxValue: count);
                result = body(new Synchronous(n => task.Value = n));
                task.Value = count;
            });
        return result;
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to a context the CLI does not have).</summary>
    private sealed class Synchronous(Action<int> report) : IProgress<int>
    {
        private readonly Lock _gate = new();

        public void Report(int value)
        {
            lock (_gate) report(value);
        }
    }
}
