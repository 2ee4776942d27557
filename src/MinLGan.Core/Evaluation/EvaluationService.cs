namespace MinLGan.Evaluation;

/// <summary>
/// Runs an <see cref="EvaluationRequest"/> seed by seed: for each seed the split, the scaler, the fit (every candidate,
/// the best holdout AUC kept), the test scores and the AUC (<see cref="Evaluator"/>). The command line and any program
/// call this; they decide what to print and which files to write.
/// </summary>
public static class EvaluationService
{
    /// <summary>
    /// The seeds' outcomes, lazily: each step of the enumeration runs one seed, so a caller can show progress around it
    /// and write each seed's files as soon as it is done. A cancellation ends the enumeration after the seed it
    /// interrupted (which keeps its best model so far).
    /// </summary>
    public static IEnumerable<Evaluator.Outcome> Run(EvaluationRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Split.Validate();
        foreach (int seed in request.Seeds)
        {
            if (ct.IsCancellationRequested) yield break;
            var outcome = Evaluator.Run(request.Data, request.Detector, request.Candidates, seed, request.Scaling, request.Split,
                request.Log, d => request.Configure?.Invoke(d, seed), ct);
            yield return outcome with { Result = outcome.Result with { Budget = request.Budget } };
        }
    }

    /// <summary>All seeds at once.</summary>
    public static IReadOnlyList<Evaluator.Outcome> RunAll(EvaluationRequest request, CancellationToken ct = default) => Run(request, ct).ToList();

    /// <summary>Mean and population standard deviation (numpy's default), as the result tables report them.</summary>
    public static (double Mean, double Std) MeanStd(IReadOnlyList<double> xs)
    {
        double mean = xs.Average();
        return (mean, Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / xs.Count));
    }
}
