namespace MinLGan.Detectors;

/// <summary>A detector that can say what it learned, for results (OCSVM: support vectors, rho, gamma, iterations).</summary>
public interface IDescribesModel
{
    /// <summary>After Fit: name to value, as text.</summary>
    IReadOnlyDictionary<string, string> ModelSummary { get; }
}
