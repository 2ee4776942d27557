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
    public double Contamination { get; init; } = CommonParameters.DefaultContamination;

    /// <summary>The parameters: name, default, range and help, declared once (parsing, validation and listings use them).</summary>
    public static readonly IReadOnlyList<ParameterSpec> Specs =
    [
        new("kernel", ParameterKind.Choice, "rbf", 0, 0, "kernel", ["rbf", "linear", "poly", "sigmoid"]),
        new("gamma", ParameterKind.Real, "scale", 0, double.PositiveInfinity,
            "kernel width: scale = 1/(features * Var X), auto = 1/features, or a number", ["scale", "auto"], MinExclusive: true),
        new("nu", ParameterKind.Real, "0.5", 0, 1, "upper bound on training errors, lower bound on support vectors (share)", MinExclusive: true),
        new("degree", ParameterKind.Integer, "3", 0, 100, "degree of the poly kernel"),
        new("coef0", ParameterKind.Real, "0", -1e300, 1e300, "constant of the poly and sigmoid kernels"),
        new("tol", ParameterKind.Real, "0.001", 0, 1, "solver stopping tolerance (LIBSVM -e)", MinExclusive: true),
        new("shrinking", ParameterKind.Choice, "true", 0, 0, "LIBSVM's shrinking heuristic", ["true", "false"]),
        new("cache_mb", ParameterKind.Real, "200", 0, 1e6, "kernel cache in MB", MinExclusive: true),
        new("threads", ParameterKind.Integer, "0", 0, 1024, "threads for kernel columns and scoring; 0 = all cores (does not change results)"),
        CommonParameters.Contamination,
    ];

    /// <summary>Options from validated parameters.</summary>
    public static OneClassSvmOptions FromParameters(DetectorParameters p) => new()
    {
        Kernel = Enum.Parse<SvmKernelType>(p.Text("kernel"), ignoreCase: true),
        Gamma = p.Text("gamma"),
        Nu = p.Real("nu"),
        Degree = p.Int("degree"),
        Coef0 = p.Real("coef0"),
        Tolerance = p.Real("tol"),
        Shrinking = p.Text("shrinking") == "true",
        CacheMb = p.Real("cache_mb"),
        Threads = p.Int("threads"),
        Contamination = p.Real("contamination"),
    };

    /// <summary>Throws <see cref="InvalidInputException"/> naming the bad option and its range (from <see cref="Specs"/>).</summary>
    public void Validate()
    {
        const string name = "ocsvm";
        Specs.Named("kernel").Check(name, Kernel.ToString().ToLowerInvariant());
        Specs.Named("gamma").Check(name, Gamma);
        Specs.Named("nu").Check(name, Nu);
        Specs.Named("degree").Check(name, Degree);
        Specs.Named("coef0").Check(name, Coef0);
        Specs.Named("tol").Check(name, Tolerance);
        Specs.Named("cache_mb").Check(name, CacheMb);
        Specs.Named("threads").Check(name, Threads);
        Specs.Named("contamination").Check(name, Contamination);
    }
}
