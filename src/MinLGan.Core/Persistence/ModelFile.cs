using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using MinLGan.Data;
using MinLGan.Detectors;
using MinLGan.Evaluation;
using MinLGan.Preprocessing;

namespace MinLGan.Persistence;

/// <summary>
/// Saves and loads an <see cref="AnomalyModel"/> as one file: a zip archive holding <c>manifest.json</c> and the
/// detector's payloads (plain data: numbers, tensors), each listed in the manifest with its sha256. Loading checks
/// the format and version, the detector and its parameters, the scaler and feature names, and every checksum.
/// Nothing in the file is executed or deserialised into arbitrary types.
/// </summary>
public static class ModelFile
{
    /// <summary>The manifest's <c>format</c> value.</summary>
    public const string FormatName = "minlgan-model";

    /// <summary>The format version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    private const string ManifestEntry = "manifest.json";
    private const long MaxPayloadBytes = 1L << 31;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        AllowTrailingCommas = false,
    };

    /// <summary>
    /// Writes the model to <paramref name="path"/> through a temporary file and a rename, so an existing file is
    /// never left half-written. Refuses to replace an existing file unless <paramref name="overwrite"/>.
    /// </summary>
    public static void Save(string path, AnomalyModel model, DetectorRegistry registry, bool overwrite = false)
    {
        var info = registry.Get(model.Detector.Name);
        var payloads = new List<(string Name, byte[] Bytes)>();
        info.Save(model.Detector, (name, write) =>
        {
            using var ms = new MemoryStream();
            write(ms);
            payloads.Add((name, ms.ToArray()));
        });
        var manifest = new ModelManifest
        {
            CreatedBy = "MinLGan " + (typeof(ModelFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?"),
            Detector = model.Detector.Name,
            Options = new SortedDictionary<string, string>(model.Parameters.Values.ToDictionary(), StringComparer.Ordinal),
            Seed = model.Seed,
            Threshold = model.Detector.Threshold,
            Protocol = model.Protocol,
            InputFormat = model.Input.Format,
            LabelColumn = model.Input.LabelColumn,
            NormalLabels = model.Input.NormalLabels.ToList(),
            FeatureNames = model.FeatureNames.ToList(),
            Scaler = model.Scaler?.Name ?? "none",
            ScalerOffset = model.Scaler?.Offset.ToList(),
            ScalerScale = model.Scaler?.Scale.ToList(),
            Features = model.Features is null ? null : new SortedDictionary<string, string>(model.Features.ToDictionary(), StringComparer.Ordinal),
            Payloads = payloads.Select(p => new PayloadEntry(p.Name, Convert.ToHexStringLower(SHA256.HashData(p.Bytes)), p.Bytes.Length)).ToList(),
        };

        AtomicFile.Write(path, fs =>
        {
            using var zip = new ZipArchive(fs, ZipArchiveMode.Create, leaveOpen: true);
            var m = zip.CreateEntry(ManifestEntry, CompressionLevel.Optimal);
            using (var s = m.Open()) JsonSerializer.Serialize(s, manifest, Json);
            foreach (var (name, bytes) in payloads)
            {
                var e = zip.CreateEntry("payload/" + name, CompressionLevel.Optimal);
                using var s = e.Open();
                s.Write(bytes);
            }
        }, overwrite);
    }

    /// <summary>Loads and verifies a model. Any inconsistency is an <see cref="InvalidInputException"/> naming it.</summary>
    public static AnomalyModel Load(string path, DetectorRegistry registry)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: model file not found");
        ZipArchive zip;
        var stream = File.OpenRead(path);
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            stream.Dispose();
            throw new InvalidInputException($"{path}: not a MinLGan model file (not a zip archive, or damaged)");
        }
        using (zip)
        {
            try
            {
                return Read(path, zip, registry);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                // A damaged deflate stream surfaces as InvalidDataException or EndOfStreamException.
                throw new InvalidInputException($"{path}: model file is damaged ({e.Message})");
            }
        }
    }

    private static AnomalyModel Read(string path, ZipArchive zip, DetectorRegistry registry)
    {
        InvalidInputException Bad(string what) => new($"{path}: {what}");
        var manifestEntry = zip.GetEntry(ManifestEntry) ?? throw Bad("not a MinLGan model file (no manifest.json)");
        ModelManifest manifest;
        try
        {
            using var s = manifestEntry.Open();
            manifest = JsonSerializer.Deserialize<ModelManifest>(s, Json) ?? throw Bad("manifest.json is empty");
        }
        catch (JsonException e)
        {
            throw Bad($"manifest.json is not valid ({e.Message})");
        }
        if (manifest.Format != FormatName) throw Bad($"manifest format is '{manifest.Format}', expected '{FormatName}'");
        if (manifest.FormatVersion != CurrentVersion)
            throw Bad($"model format version {manifest.FormatVersion} is not supported (this build reads version {CurrentVersion})");
        var info = registry.Get(manifest.Detector);
        var parameters = DetectorParameters.From(info.Name, info.Parameters, manifest.Options, saved: true);
        if (manifest.FeatureNames.Count == 0) throw Bad("manifest lists no feature names");
        if (!InputSpec.Formats.Contains(manifest.InputFormat)) throw Bad($"unknown input format '{manifest.InputFormat}'");
        if (manifest.Features is { } features)
        {
            if (manifest.InputFormat is not ("cifar10" or "images")) throw Bad($"image features recorded for input format '{manifest.InputFormat}', which has no images");
            foreach (string key in new[] { "extractor", "weights_sha256" })
                if (!features.TryGetValue(key, out var v) || string.IsNullOrWhiteSpace(v)) throw Bad($"features: '{key}' is missing");
        }

        FeatureScaler? scaler = manifest.Scaler switch
        {
            "none" => null,
            "standard" or "minmax" or "auto" or "l2" when manifest.ScalerOffset is { } offset && manifest.ScalerScale is { } scale
                && offset.Count == manifest.FeatureNames.Count && scale.Count == manifest.FeatureNames.Count
                => FeatureScaler.FromStatistics(FeatureScaler.Parse(manifest.Scaler)!.Value, offset, scale),
            "standard" or "minmax" or "auto" or "l2" => throw Bad("scaler statistics are missing or do not match the feature count"),
            _ => throw Bad($"unknown scaler '{manifest.Scaler}'"),
        };

        // Every entry must be the manifest or a listed payload, and every listed payload must match its checksum.
        var listed = manifest.Payloads.ToDictionary(p => "payload/" + p.Name, StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
            if (entry.FullName != ManifestEntry && !listed.ContainsKey(entry.FullName))
                throw Bad($"unexpected entry '{entry.FullName}' (not listed in the manifest)");
        var verified = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var p in manifest.Payloads)
        {
            var entry = zip.GetEntry("payload/" + p.Name) ?? throw Bad($"payload '{p.Name}' is missing");
            if (entry.Length != p.Bytes || entry.Length > MaxPayloadBytes) throw Bad($"payload '{p.Name}' has {entry.Length} bytes, the manifest says {p.Bytes}");
            var bytes = new byte[entry.Length];
            using (var s = entry.Open()) s.ReadExactly(bytes);
            if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != p.Sha256)
                throw Bad($"payload '{p.Name}' does not match its sha256 in the manifest (the file was modified or damaged)");
            verified[p.Name] = bytes;
        }

        IAnomalyDetector detector = info.Load(parameters, manifest.Seed, manifest.Threshold,
            name => verified.TryGetValue(name, out var b) ? new MemoryStream(b, writable: false) : throw Bad($"payload '{name}' is missing"));
        if (detector.FeatureCount != manifest.FeatureNames.Count)
            throw Bad($"the detector has {detector.FeatureCount} features, the manifest lists {manifest.FeatureNames.Count}");
        var input = new InputSpec(manifest.InputFormat, manifest.LabelColumn, manifest.NormalLabels);
        return new AnomalyModel(parameters, manifest.Seed, manifest.FeatureNames, scaler, input, manifest.Protocol, detector) { Features = manifest.Features };
    }
}
