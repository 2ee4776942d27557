using System.Globalization;
using MinLGan.Detectors.Svm;

namespace MinLGan.Detectors;

/// <summary>Options of <see cref="OneClassSvm"/>; defaults are scikit-learn's <c>OneClassSVM</c> defaults.</summary>
public sealed record OneClassSvmOptions
{
    /// <summary>The defaults.</summary>
    public static readonly OneClassSvmOptions Defaults = new();

    /// <summary>Kernel. Default rbf.</summary>
    public SvmKernelType Kernel { get; init; } = SvmKernelType.Rbf;

    /// <summary>"scale" (1 / (features · Var X)), "auto" (1 / features) or a positive number. Default scale.</summary>
    public string Gamma { get; init; } = "scale";

    /// <summary>ν in (0, 1]: an upper bound on the share of training errors and a lower bound on the share of support vectors. Default 0.5.</summary>
    public double Nu { get; init; } = 0.5;

    /// <summary>Degree of the polynomial kernel. Default 3.</summary>
    public int Degree { get; init; } = 3;

    /// <summary>coef0 of the polynomial and sigmoid kernels. Default 0.</summary>
    public double Coef0 { get; init; }

    /// <summary>Stopping tolerance of the solver (LIBSVM's -e). Default 1e-3.</summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>LIBSVM's shrinking heuristic. Default on.</summary>
    public bool Shrinking { get; init; } = true;

    /// <summary>Kernel cache in MB. Default 200 (scikit-learn's cache_size).</summary>
    public double CacheMb { get; init; } = 200;

    /// <summary>Threads for kernel columns and scoring; 0 = all cores. Results do not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>Share of training rows above the threshold.</summary>
    public double Contamination { get; init; } = 0.1;

    /// <summary>Throws <see cref="InvalidInputException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (!(Nu > 0 && Nu <= 1)) throw new InvalidInputException($"--param nu={Nu}: ocsvm expects a number in (0, 1]");
        if (Gamma is not ("scale" or "auto")
            && !(double.TryParse(Gamma, NumberStyles.Float, CultureInfo.InvariantCulture, out double g) && g > 0 && double.IsFinite(g)))
            throw new InvalidInputException($"--param gamma={Gamma}: ocsvm expects scale, auto or a positive number");
        if (Degree < 0) throw new InvalidInputException($"--param degree={Degree}: ocsvm expects an integer >= 0");
        if (!(Tolerance > 0)) throw new InvalidInputException($"--param tol={Tolerance}: ocsvm expects a positive number");
        if (!(CacheMb > 0)) throw new InvalidInputException($"--param cache_mb={CacheMb}: ocsvm expects a positive number");
        if (Threads < 0) throw new InvalidInputException($"--param threads={Threads}: ocsvm expects an integer >= 0");
    }
}
