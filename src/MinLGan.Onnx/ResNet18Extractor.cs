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

    /// <summary>
    /// Input size (square), a multiple of 32 from 64 to 224 (<see cref="ResNet18Extractor.Resolutions"/>); default
    /// <see cref="ResNet18Extractor.DefaultResolution"/> (128: on the CIFAR-10 holdouts every detector measured did better
    /// there than at 224, and it is about three times faster; docs/features.md). 224 runs the shipped graphs as they are;
    /// other sizes run the same weights with the last pooling made global and the preprocessing done here with the
    /// package's mean image resized bilinearly (see <see cref="ResNet18Extractor"/>).
    /// </summary>
    public int Resolution { get; init; } = ResNet18Extractor.DefaultResolution;

    /// <summary>Tests only: run 224 through the rewritten graph and this code's preprocessing, to check them against the shipped graphs.</summary>
    internal bool RewriteAtNative { get; init; }
}

/// <summary>
/// ResNet-18 pretrained on ImageNet as a feature extractor: each image is resized bilinearly to R x R RGB
/// (<see cref="ImageResize.ToRgbPlanes"/>; R = <see cref="ResNet18Options.Resolution"/>, 128 unless asked), its RGB
/// planes become BGR planes minus the package's mean image, the package's ResNet-18 graph runs on them, and the 512
/// values of the global average pool are its features. At 224 the package's own preprocessing graph and ResNet-18
/// graph run as shipped. The graphs are those of Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1, run with ONNX Runtime
/// on the CPU. Nothing is downloaded: the graphs come with the package.
/// <para>
/// At any other <see cref="ResNet18Options.Resolution"/> than 224 (a multiple of 32, so every stride-2 layer meets an even size,
/// as the graph's fixed paddings need) the same weights run in a copy of the graph whose input size is free and whose
/// last pooling (7 x 7, fixed by 224) is global; the preprocessing is done here: BGR planes minus the package's mean
/// image resized bilinearly to the input size. At 224 that path equals the shipped graphs (a test checks it).
/// </para>
/// </summary>
public sealed class ResNet18Extractor : IImageFeatureExtractor, IDisposable
{
    /// <summary>The input resolution the shipped graph is built for (its mean image and last pooling fix it).</summary>
    public const int NativeResolution = 224;

    /// <summary>The input resolution used when none is asked for: chosen on the CIFAR-10 holdouts (docs/features.md).</summary>
    public const int DefaultResolution = 128;

    /// <summary>The input sizes offered: multiples of 32 from 64 to 224.</summary>
    public static readonly IReadOnlyList<int> Resolutions = [64, 96, 128, 160, 192, 224];

    /// <summary>Features per image.</summary>
    public const int Features = 512;

    private const string PrepInput = "OriginalInput", PrepOutput = "PreprocessedInput", NetInput = "Input247", NetOutput = "Pooling395_Output_0";
    private static readonly long[] OutputShape4 = [1, Features, 1, 1];
    private readonly InferenceSession? _prep;
    private readonly InferenceSession _net;
    private readonly float[]? _mean; // BGR planes at Resolution, when preprocessing is done here
    private readonly SessionOptions _sessionOptions;
    private readonly int _threads;

    /// <summary>Loads both graphs; a missing or unreadable file is an <see cref="InvalidInputException"/> naming it.</summary>
    public ResNet18Extractor(ResNet18Options? options = null)
    {
        options ??= new ResNet18Options();
        if (options.Threads < 0) throw new InvalidInputException($"resnet18: threads {options.Threads}: expected 0 (all cores) or more");
        if (!Resolutions.Contains(options.Resolution))
            throw new InvalidInputException($"resnet18: resolution {options.Resolution}: expected one of {string.Join(", ", Resolutions)}");
        Resolution = options.Resolution;
        bool rewrite = Resolution != NativeResolution || options.RewriteAtNative;
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
            if (rewrite)
            {
                _mean = MeanImageAt(PrepPath, Resolution);
                _net = new InferenceSession(FreeSizeGraph(NetPath), _sessionOptions);
            }
            else
            {
                _prep = new InferenceSession(PrepPath, _sessionOptions);
                _net = new InferenceSession(NetPath, _sessionOptions);
            }
        }
        catch (Exception e) when (e is OnnxRuntimeException or Google.Protobuf.InvalidProtocolBufferException)
        {
            _prep?.Dispose();
            _sessionOptions.Dispose();
            throw new InvalidInputException($"{dir}: the ResNet-18 graphs could not be loaded ({e.Message.Split('\n')[0]})");
        }
    }

    /// <summary>The input size (square).</summary>
    public int Resolution { get; }

    /// <summary>ResNet18.onnx with a free input size and its last pooling global (the weights untouched).</summary>
    private static byte[] FreeSizeGraph(string path)
    {
        var model = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var graph = model.Graph;
        var input = graph.Input.Single(i => i.Name == NetInput).Type.TensorType.Shape.Dim;
        input[2].DimParam = "H";
        input[3].DimParam = "W";
        graph.ValueInfo.Clear(); // intermediate shapes were recorded for 224
        var pools = graph.Node.Where(n => n.OpType == "AveragePool").ToList();
        if (pools.Count != 1 || pools[0].Output.Single() != NetOutput)
            throw new InvalidInputException($"{path}: expected one AveragePool giving {NetOutput}; this is not the graph this code knows");
        pools[0].OpType = "GlobalAveragePool";
        pools[0].Attribute.Clear();
        return Google.Protobuf.MessageExtensions.ToByteArray(model);
    }

    /// <summary>The preprocessing graph's mean image (BGR planes, 224 x 224) resized bilinearly to <paramref name="size"/>.</summary>
    private static float[] MeanImageAt(string path, int size)
    {
        var model = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        var mean = model.Graph.Initializer.SingleOrDefault(t => t.Name == "MeanImage")
            ?? throw new InvalidInputException($"{path}: no MeanImage initializer; this is not the preprocessing graph this code knows");
        int n = 3 * NativeResolution * NativeResolution;
        float[] values = mean.FloatData.Count == n ? mean.FloatData.ToArray()
            : mean.RawData.Length == 4 * n ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(mean.RawData.Span).ToArray()
            : throw new InvalidInputException($"{path}: MeanImage does not hold 3 x {NativeResolution} x {NativeResolution} floats");
        if (size == NativeResolution) return values;
        var resized = new float[3 * size * size];
        ImageResize.ResizePlanes(values, 3, NativeResolution, NativeResolution, size, size, resized);
        return resized;
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
    public string Identity => $"resnet18 onnx={WeightsSha256} prep={PreprocessSha256} input={Resolution}x{Resolution} resize=bilinear-half-pixel"
        + (Resolution == NativeResolution ? "" : " graph=global-pool mean=resized-bilinear");

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Facts => new Dictionary<string, string>
    {
        ["extractor"] = Name,
        ["weights"] = "Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1, ResNet18.onnx (ImageNet; MIT licence)",
        ["weights_sha256"] = WeightsSha256,
        ["preprocess_sha256"] = PreprocessSha256,
        ["resolution"] = Resolution.ToString(CultureInfo.InvariantCulture),
        ["resize"] = "bilinear, half-pixel centres",
        ["graph"] = Resolution == NativeResolution ? "as shipped" : "as shipped but a free input size and a global average pool; mean image resized bilinearly",
    };

    /// <inheritdoc />
    public float[] Extract(ImageSet images, IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(images);
        var features = new float[(long)images.Count * Features];
        int done = 0;
        var po = new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = ct };
        Parallel.For(0, images.Count, po, () => new Buffers(Resolution), (i, _, b) =>
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
    /// Features of one image given as RGB planes [3, Resolution, Resolution] of values 0-255 (what the package's
    /// preprocessing graph takes): exposed for tests against a reference evaluation of the same graphs.
    /// </summary>
    public float[] EmbedPlanes(ReadOnlySpan<float> rgb)
    {
        if (rgb.Length != 3 * Resolution * Resolution) throw new ArgumentException($"expected 3x{Resolution}x{Resolution} values", nameof(rgb));
        using var b = new Buffers(Resolution);
        rgb.CopyTo(b.Rgb);
        Embed(b);
        return b.Output.ToArray();
    }

    private void Embed(Buffers b)
    {
        if (_mean is null)
        {
            _prep!.Run(b.RunOptions, [PrepInput], [b.RgbValue], [PrepOutput], [b.PreppedValue]);
        }
        else
        {
            // What the preprocessing graph does (Split, Concat B G R, Sub MeanImage), with the mean image at this size.
            int plane = Resolution * Resolution;
            for (int c = 0; c < 3; c++)
            {
                var src = b.Rgb.AsSpan((2 - c) * plane, plane);
                var mean = _mean.AsSpan(c * plane, plane);
                var dst = b.Prepped.AsSpan(c * plane, plane);
                for (int i = 0; i < plane; i++) dst[i] = src[i] - mean[i];
            }
        }
        _net.Run(b.RunOptions, [NetInput], [b.PreppedValue], [NetOutput], [b.OutputValue]);
    }

    /// <summary>One worker's tensors, wrapping managed arrays (no copies in or out of ONNX Runtime).</summary>
    private sealed class Buffers : IDisposable
    {
        public readonly float[] Rgb, Prepped;
        public readonly float[] Output = new float[Features];
        public readonly OrtValue RgbValue, PreppedValue, OutputValue;
        public readonly RunOptions RunOptions = new();

        public Buffers(int resolution)
        {
            long[] shape = [1, 3, resolution, resolution];
            Rgb = new float[3 * resolution * resolution];
            Prepped = new float[3 * resolution * resolution];
            RgbValue = OrtValue.CreateTensorValueFromMemory(Rgb, shape);
            PreppedValue = OrtValue.CreateTensorValueFromMemory(Prepped, shape);
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
        _prep?.Dispose();
        _sessionOptions.Dispose();
    }
}
