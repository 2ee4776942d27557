using MinLGan.Data;

namespace MinLGan.Features;

/// <summary>
/// Turns images into fixed-length feature rows (for example a pretrained network's pooled activations), so that every
/// detector works on those rows instead of raw pixels. Implementations live outside Core (they need native runtimes).
/// </summary>
public interface IImageFeatureExtractor
{
    /// <summary>The name users give with <c>--features</c>, such as "resnet18".</summary>
    string Name { get; }

    /// <summary>Features per image.</summary>
    int Dimension { get; }

    /// <summary>
    /// What fixes the output exactly (name, weights' sha256, input resolution, preprocessing): keys the feature cache and
    /// is recorded in results and model files. Two extractors with the same identity give the same features.
    /// </summary>
    string Identity { get; }

    /// <summary>The facts a results file or model records about the extractor (name, weights_sha256, resolution, ...).</summary>
    IReadOnlyDictionary<string, string> Facts { get; }

    /// <summary>
    /// Features of every image of <paramref name="images"/>, row-major [images.Count × <see cref="Dimension"/>].
    /// <paramref name="progress"/> hears the number of images done so far.
    /// </summary>
    float[] Extract(ImageSet images, IProgress<int>? progress, CancellationToken ct);
}
