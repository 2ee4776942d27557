using System.Text.Json.Serialization;

namespace MinLGan.Persistence;

/// <summary>One payload file of a model.</summary>
/// <param name="Name">Entry name inside the model file.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of its bytes.</param>
/// <param name="Bytes">Its length.</param>
public sealed record PayloadEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("bytes")] long Bytes);
