using System.Text.Json;
using System.Text.Json.Nodes;
using MinLGan.Evaluation;

namespace MinLGan.Cli;

/// <summary>
/// The checkpoints of a multi-seed <c>minlgan evaluate</c>: after each seed's files are written, OUT/checkpoints/seed-SEED.json
/// holds that seed's result and the run's fingerprint (every argument that decides the numbers), written atomically
/// (temporary file, fsync, rename). <c>--resume</c> reads them back: a seed whose checkpoint matches the fingerprint and
/// whose scores file is there is not run again; every other seed runs again. Within a seed, a detector that keeps
/// finished parts (<see cref="Detectors.ICheckpointsFit"/>: GAN-family members trained one after another) keeps them in
/// OUT/checkpoints/seed-SEED-members until the seed is done, and reads them back; the member being trained when the
/// run was killed is trained again from its first epoch (same seed, same numbers).
/// </summary>
internal sealed class EvaluateCheckpoint
{
    private const string Format = "minlgan-evaluate-checkpoint";
    private const int Version = 1;
    private readonly JsonObject _fingerprint;

    /// <param name="outFolder">The run's --out.</param>
    /// <param name="fingerprint">Every argument that decides the results (never the seeds: each seed stands alone).</param>
    public EvaluateCheckpoint(string outFolder, JsonObject fingerprint)
    {
        Folder = Path.Combine(outFolder, "checkpoints");
        _fingerprint = fingerprint;
    }

    /// <summary>OUT/checkpoints.</summary>
    public string Folder { get; }

    public string PathFor(int seed) => Path.Combine(Folder, $"seed-{seed}.json");

    /// <summary>Where seed <paramref name="seed"/>'s fit keeps its finished parts (ensemble members) until the seed is done.</summary>
    public string MemberFolder(int seed) => MemberFolderOf(Path.GetDirectoryName(Folder)!, seed);

    /// <summary>Where seed <paramref name="seed"/>'s finished parts are kept in the run whose --out is <paramref name="outFolder"/>.</summary>
    public static string MemberFolderOf(string outFolder, int seed) => Path.Combine(outFolder, "checkpoints", $"seed-{seed}-members");

    /// <summary>Removes seed <paramref name="seed"/>'s kept members: its checkpoint now holds the result.</summary>
    public void DropMembers(int seed)
    {
        if (Directory.Exists(MemberFolder(seed))) Directory.Delete(MemberFolder(seed), recursive: true);
    }

    /// <summary>Writes seed <paramref name="result"/>'s checkpoint (replacing an older one).</summary>
    public void Save(SeedResult result)
    {
        var doc = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["fingerprint"] = _fingerprint.DeepClone(),
            ["result"] = JsonSerializer.SerializeToNode(result, EvaluateCommand.Json),
        };
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(doc, EvaluateCommand.Json);
        AtomicFile.Write(PathFor(result.Seed), s =>
        {
            // The test seam of the kill test: half the file written and flushed, then (when asked) a pause to be killed in.
            s.Write(bytes, 0, bytes.Length / 2);
            s.Flush();
            PausePoint.Reach($"checkpoint-write-{result.Seed}");
            s.Write(bytes, bytes.Length / 2, bytes.Length - bytes.Length / 2);
        }, overwrite: true);
    }

    /// <summary>
    /// The finished seed's result when its checkpoint exists and was made with the same arguments; null when there is
    /// none. A checkpoint of other arguments, or one that does not read, is an <see cref="InvalidInputException"/>
    /// naming the file and what differs.
    /// </summary>
    public SeedResult? Load(int seed)
    {
        string path = PathFor(seed);
        if (!File.Exists(path)) return null;
        JsonObject doc;
        SeedResult? result;
        try
        {
            doc = JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject ?? throw new JsonException("not a JSON object");
            if ((string?)doc["format"] != Format) throw new JsonException($"format is not {Format}");
            if ((int?)doc["version"] != Version) throw new JsonException($"version {doc["version"]} is not {Version}");
            result = doc["result"].Deserialize<SeedResult>(EvaluateCommand.Json) ?? throw new JsonException("no result");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidInputException($"{path}: not a readable checkpoint ({e.Message}); delete it to run seed {seed} again");
        }
        if (result.Seed != seed) throw new InvalidInputException($"{path}: holds seed {result.Seed}, expected {seed}; delete it to run seed {seed} again");
        var have = doc["fingerprint"] as JsonObject;
        var differs = _fingerprint.Select(kv => kv.Key).Concat(have?.Select(kv => kv.Key) ?? [])
            .Distinct().FirstOrDefault(k => !JsonNode.DeepEquals(_fingerprint[k], have?[k]));
        if (differs is not null)
            throw new InvalidInputException(
                $"{path}: made with {differs}={Show(have?[differs])}, this run has {differs}={Show(_fingerprint[differs])}; resume with the same arguments, or choose another --out");
        return result;
    }

    private static string Show(JsonNode? node) => node is null ? "(none)" : node.ToJsonString();
}
