using System.Globalization;
using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using MinLGan.Data;

namespace MinLGan.Features;

/// <summary>Options of <see cref="ResNet18Extractor"/>.</summary>
public sealed record ResNet18Options
{
    /// <summary>
    /// The folder holding ResNet18Onnx/ResNet18.onnx and ResNetPrepOnnx/ResNetPreprocess.onnx; null = DnnImageModels
    /// beside this assembly, where the Microsoft.ML.DnnImageFeaturizer.ResNet18 package puts them at build time.
    /// </summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Images embedded at once, one ONNX Runtime thread each; 0 = all cores. Does not change the features.</summary>
    public int Threads { get; init; }
}

/// <summary>
/// ResNet-18 pretrained on ImageNet as a feature extractor: each image is resized bilinearly to 224 x 224 RGB
/// (<see cref="ImageResize.ToRgbPlanes"/>), passed through the package's own preprocessing graph (RGB to BGR planes
/// minus its mean image) and the package's ResNet-18 graph, and the 512 values of the global average pool are its
/// features. Runs the two ONNX graphs as shipped in Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1 with ONNX Runtime
/// on the CPU. Nothing is downloaded: the graphs come with the package.
/// </summary>
public sealed class ResNet18Extractor : IImageFeatureExtractor, IDisposable
{
    /// <summary>The input resolution the shipped graph is built for (its mean image and last pooling fix it).</summary>
    public const int Resolution = 224;

    /// <summary>Features per image.</summary>
    public const int Features = 512;

    private const string PrepInput = "OriginalInput", PrepOutput = "PreprocessedInput", NetInput = "Input247", NetOutput = "Pooling395_Output_0";
    private static readonly long[] ImageShape4 = [1, 3, Resolution, Resolution];
    private static readonly long[] OutputShape4 = [1, Features, 1, 1];
    private readonly InferenceSession _prep;
    private readonly InferenceSession _net;
    private readonly SessionOptions _sessionOptions;
    private readonly int _threads;

    /// <summary>Loads both graphs; a missing or unreadable file is an <see cref="InvalidInputException"/> naming it.</summary>
    public ResNet18Extractor(ResNet18Options? options = null)
    {
        options ??= new ResNet18Options();
        if (options.Threads < 0) throw new InvalidInputException($"resnet18: threads {options.Threads}: expected 0 (all cores) or more");
        _threads = options.Threads == 0 ? Environment.ProcessorCount : options.Threads;
        string dir = options.ModelDirectory ?? Path.Combine(AppContext.BaseDirectory, "DnnImageModels");
        NetPath = Path.Combine(dir, "ResNet18Onnx", "ResNet18.onnx");
        PrepPath = Path.Combine(dir, "ResNetPrepOnnx", "ResNetPreprocess.onnx");
        foreach (string f in new[] { NetPath, PrepPath })
            if (!File.Exists(f))
                throw new InvalidInputException($"{f}: not found; resnet18 features need the ONNX graphs of the Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1 package (restored with the project)");
        WeightsSha256 = Sha256(NetPath);
        PreprocessSha256 = Sha256(PrepPath);
        _sessionOptions = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        try
        {
            _prep = new InferenceSession(PrepPath, _sessionOptions);
            _net = new InferenceSession(NetPath, _sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            _prep?.Dispose();
            _sessionOptions.Dispose();
            throw new InvalidInputException($"{dir}: the ResNet-18 graphs could not be loaded ({e.Message.Split('\n')[0]})");
        }
    }

    /// <summary>Path of ResNet18.onnx.</summary>
    public string NetPath { get; }

    /// <summary>Path of ResNetPreprocess.onnx.</summary>
    public string PrepPath { get; }

    /// <summary>sha256 of ResNet18.onnx (lower-case hex).</summary>
    public string WeightsSha256 { get; }

    /// <summary>sha256 of ResNetPreprocess.onnx (lower-case hex).</summary>
    public string PreprocessSha256 { get; }

    /// <inheritdoc />
    public string Name => "resnet18";

    /// <inheritdoc />
    public int Dimension => Features;

    /// <inheritdoc />
    public string Identity => $"resnet18 onnx={WeightsSha256} prep={PreprocessSha256} input={Resolution}x{Resolution} resize=bilinear-half-pixel";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Facts => new Dictionary<string, string>
    {
        ["extractor"] = Name,
        ["weights"] = "Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1, ResNet18.onnx (ImageNet; MIT licence)",
        ["weights_sha256"] = WeightsSha256,
        ["preprocess_sha256"] = PreprocessSha256,
        ["resolution"] = Resolution.ToString(CultureInfo.InvariantCulture),
        ["resize"] = "bilinear, half-pixel centres",
    };

    /// <inheritdoc />
    public float[] Extract(ImageSet images, IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(images);
        var features = new float[(long)images.Count * Features];
        int done = 0;
        var po = new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = ct };
        Parallel.For(0, images.Count, po, () => new Buffers(), (i, _, b) =>
        {
            ImageResize.ToRgbPlanes(images.Image(i), images.Shape, Resolution, Resolution, b.Rgb);
            Embed(b);
            b.Output.CopyTo(features.AsSpan(i * Features, Features));
            int n = Interlocked.Increment(ref done);
            if (progress is not null && (n % 64 == 0 || n == images.Count)) progress.Report(n);
            return b;
        }, b => b.Dispose());
        return features;
    }

    /// <summary>
    /// Features of one image given as RGB planes [3, 224, 224] of values 0-255 (what the package's preprocessing graph
    /// takes): exposed for tests against a reference evaluation of the same graphs.
    /// </summary>
    public float[] EmbedPlanes(ReadOnlySpan<float> rgb)
    {
        if (rgb.Length != 3 * Resolution * Resolution) throw new ArgumentException($"expected 3x{Resolution}x{Resolution} values", nameof(rgb));
        using var b = new Buffers();
        rgb.CopyTo(b.Rgb);
        Embed(b);
        return b.Output.ToArray();
    }

    private void Embed(Buffers b)
    {
        _prep.Run(b.RunOptions, [PrepInput], [b.RgbValue], [PrepOutput], [b.PreppedValue]);
        _net.Run(b.RunOptions, [NetInput], [b.PreppedValue], [NetOutput], [b.OutputValue]);
    }

    /// <summary>One worker's tensors, wrapping managed arrays (no copies in or out of ONNX Runtime).</summary>
    private sealed class Buffers : IDisposable
    {
        public readonly float[] Rgb = new float[3 * Resolution * Resolution];
        public readonly float[] Prepped = new float[3 * Resolution * Resolution];
        public readonly float[] Output = new float[Features];
        public readonly OrtValue RgbValue, PreppedValue, OutputValue;
        public readonly RunOptions RunOptions = new();

        public Buffers()
        {
            RgbValue = OrtValue.CreateTensorValueFromMemory(Rgb, ImageShape4);
            PreppedValue = OrtValue.CreateTensorValueFromMemory(Prepped, ImageShape4);
            OutputValue = OrtValue.CreateTensorValueFromMemory(Output, OutputShape4);
        }

        public void Dispose()
        {
            RgbValue.Dispose();
            PreppedValue.Dispose();
            OutputValue.Dispose();
            RunOptions.Dispose();
        }
    }

    private static string Sha256(string path)
    {
        using var fs = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(fs));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _net.Dispose();
        _prep.Dispose();
        _sessionOptions.Dispose();
    }
}
