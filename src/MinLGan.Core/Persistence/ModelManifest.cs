using System.Text.Json.Serialization;

namespace MinLGan.Persistence;

/// <summary>The JSON manifest of a model file (<c>manifest.json</c>). Field names are snake_case.</summary>
public sealed record ModelManifest
{
    /// <summary>Always "minlgan-model".</summary>
    public string Format { get; init; } = ModelFile.FormatName;
    /// <summary>Format version; loading refuses versions it does not know.</summary>
    public int FormatVersion { get; init; } = ModelFile.CurrentVersion;
    /// <summary>Library version that wrote the file.</summary>
    public string CreatedBy { get; init; } = "";
    /// <summary>Detector name.</summary>
    public string Detector { get; init; } = "";
    /// <summary>Resolved detector parameters.</summary>
    public SortedDictionary<string, string> Options { get; init; } = [];
    /// <summary>Training seed.</summary>
    public int Seed { get; init; }
    /// <summary>Decision threshold on scores.</summary>
    public double Threshold { get; init; }
    /// <summary>Protocol the model was trained on, if any.</summary>
    public string? Protocol { get; init; }
    /// <summary>Input format: csv, shuttle, kddcup99, covertype.</summary>
    public string InputFormat { get; init; } = "";
    /// <summary>Label column (csv) or label name.</summary>
    public string? LabelColumn { get; init; }
    /// <summary>Label values that mean normal.</summary>
    public List<string> NormalLabels { get; init; } = [];
    /// <summary>Feature names, in order.</summary>
    public List<string> FeatureNames { get; init; } = [];
    /// <summary>"standard", "minmax", "auto", "l2" or "none".</summary>
    public string Scaler { get; init; } = "none";
    /// <summary>Scaler offsets: means (standard) or minima (minmax); zeros for l2.</summary>
    public List<double>? ScalerOffset { get; init; }
    /// <summary>Scaler scales: standard deviations (standard) or ranges (minmax); ones for l2.</summary>
    public List<double>? ScalerScale { get; init; }
    /// <summary>
    /// The image feature extractor the rows came from (extractor, weights_sha256, resolution, ...), or null for pixels
    /// and tabular rows: scoring applies the same extractor, and refuses other weights.
    /// </summary>
    public SortedDictionary<string, string>? Features { get; init; }
    /// <summary>Payload files and their sha256.</summary>
    public List<PayloadEntry> Payloads { get; init; } = [];
}
