namespace MinLGan.Cli;

/// <summary>The paper's Tables I and III (test ROC AUC), for the report to set beside each cell.</summary>
internal static class PaperFigures
{
    /// <summary>Table I's columns in the paper's order (detector names of this tool).</summary>
    public static readonly string[] TableIDetectors = ["eminlgan1", "eminlgan2", "minlgan", "gan", "iforest", "ocsvm", "vae", "ae"];

    private static readonly double[][] TableI =
    [
        [0.814, 0.821, 0.786, 0.76, 0.615, 0.689, 0.645, 0.739],
        [0.633, 0.642, 0.61, 0.627, 0.688, 0.464, 0.519, 0.358],
        [0.660, 0.664, 0.643, 0.635, 0.476, 0.679, 0.638, 0.692],
        [0.568, 0.585, 0.567, 0.589, 0.538, 0.513, 0.539, 0.575],
        [0.702, 0.701, 0.676, 0.664, 0.661, 0.767, 0.771, 0.774],
        [0.643, 0.672, 0.621, 0.6, 0.607, 0.529, 0.505, 0.59],
        [0.732, 0.721, 0.697, 0.706, 0.757, 0.765, 0.715, 0.699],
        [0.623, 0.62, 0.599, 0.565, 0.659, 0.53, 0.506, 0.515],
        [0.771, 0.788, 0.755, 0.715, 0.7, 0.706, 0.73, 0.792],
        [0.639, 0.652, 0.616, 0.604, 0.711, 0.481, 0.605, 0.42],
    ];

    /// <summary>Table I's "Average" row.</summary>
    private static readonly double[] TableIAverage = [0.679, 0.687, 0.657, 0.647, 0.641, 0.613, 0.617, 0.615];

    /// <summary>Table III (the paper prints no EMinLGAN-2 row).</summary>
    private static readonly Dictionary<(string Protocol, string Detector), double> TableIII = new()
    {
        [("kdd-a", "eminlgan1")] = 0.993, [("cov-a", "eminlgan1")] = 0.811, [("cov-b", "eminlgan1")] = 0.975, [("shu-a", "eminlgan1")] = 0.988,
        [("kdd-a", "minlgan")] = 0.993, [("cov-a", "minlgan")] = 0.798, [("cov-b", "minlgan")] = 0.945, [("shu-a", "minlgan")] = 0.986,
        [("kdd-a", "gan")] = 0.993, [("cov-a", "gan")] = 0.793, [("cov-b", "gan")] = 0.931, [("shu-a", "gan")] = 0.979,
        [("kdd-a", "iforest")] = 0.991, [("cov-a", "iforest")] = 0.293, [("cov-b", "iforest")] = 0.991, [("shu-a", "iforest")] = 0.988,
        [("kdd-a", "ocsvm")] = 0.982, [("cov-a", "ocsvm")] = 0.397, [("cov-b", "ocsvm")] = 0.997, [("shu-a", "ocsvm")] = 0.947,
        [("kdd-a", "vae")] = 0.995, [("cov-a", "vae")] = 0.743, [("cov-b", "vae")] = 0.956, [("shu-a", "vae")] = 0.802,
        [("kdd-a", "ae")] = 0.937, [("cov-a", "ae")] = 0.735, [("cov-b", "ae")] = 0.998, [("shu-a", "ae")] = 0.978,
    };

    /// <summary>The paper's Table I figure for a class (0-9) and detector, or null (knn, lof: not in the paper).</summary>
    public static double? Cifar(int normalClass, string detector) =>
        Array.IndexOf(TableIDetectors, detector) is var j and >= 0 ? TableI[normalClass][j] : null;

    /// <summary>The paper's Table I average for a detector, or null.</summary>
    public static double? CifarAverage(string detector) =>
        Array.IndexOf(TableIDetectors, detector) is var j and >= 0 ? TableIAverage[j] : null;

    /// <summary>The paper's Table III figure, or null.</summary>
    public static double? Uci(string protocol, string detector) => TableIII.TryGetValue((protocol, detector), out double v) ? v : null;
}
