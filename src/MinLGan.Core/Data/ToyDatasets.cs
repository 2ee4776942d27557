namespace MinLGan.Data;

/// <summary>
/// Two-dimensional toy sets with scikit-learn's <c>make_circles</c> and <c>make_moons</c> semantics
/// (same point layout, labels and noise model), drawn from a <see cref="SeededRandom"/>.
/// </summary>
public static class ToyDatasets
{
    private static readonly string[] Names = ["x1", "x2"];

    /// <summary>
    /// make_circles: n/2 points on the outer unit circle (class 0) and the rest on a circle of radius
    /// <paramref name="factor"/> (class 1), at evenly spaced angles (endpoint excluded), plus Gaussian noise.
    /// </summary>
    /// <returns>The points (labels left empty) and the class of each.</returns>
    public static (Dataset Points, int[] Classes) Circles(int samples, double noise, double factor, long seed, bool shuffle = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 2);
        if (factor is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(factor), "factor must be in [0, 1)");
        int nOut = samples / 2, nIn = samples - nOut;
        var xs = new List<(double X, double Y, int C)>();
        for (int i = 0; i < nOut; i++)
        {
            double a = 2 * Math.PI * i / nOut;
            xs.Add((Math.Cos(a), Math.Sin(a), 0));
        }
        for (int i = 0; i < nIn; i++)
        {
            double a = 2 * Math.PI * i / nIn;
            xs.Add((factor * Math.Cos(a), factor * Math.Sin(a), 1));
        }
        return Finish(xs, noise, seed, shuffle);
    }

    /// <summary>
    /// make_moons: n/2 points on the upper half circle (class 0) and the rest on the lower, shifted half circle
    /// (class 1), at evenly spaced angles in [0, π] (endpoints included), plus Gaussian noise.
    /// </summary>
    public static (Dataset Points, int[] Classes) Moons(int samples, double noise, long seed, bool shuffle = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 2);
        int nOut = samples / 2, nIn = samples - nOut;
        var xs = new List<(double X, double Y, int C)>();
        for (int i = 0; i < nOut; i++)
        {
            double a = nOut == 1 ? 0 : Math.PI * i / (nOut - 1);
            xs.Add((Math.Cos(a), Math.Sin(a), 0));
        }
        for (int i = 0; i < nIn; i++)
        {
            double a = nIn == 1 ? 0 : Math.PI * i / (nIn - 1);
            xs.Add((1 - Math.Cos(a), 1 - Math.Sin(a) - 0.5, 1));
        }
        return Finish(xs, noise, seed, shuffle);
    }

    private static (Dataset, int[]) Finish(List<(double X, double Y, int C)> xs, double noise, long seed, bool shuffle)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(noise);
        var rng = new SeededRandom(seed);
        var order = Enumerable.Range(0, xs.Count).ToArray();
        if (shuffle) rng.Shuffle(order.AsSpan());
        var values = new float[xs.Count * 2];
        var classes = new int[xs.Count];
        for (int i = 0; i < order.Length; i++)
        {
            var p = xs[order[i]];
            values[2 * i] = (float)(p.X + (noise > 0 ? noise * rng.NextGaussian() : 0));
            values[2 * i + 1] = (float)(p.Y + (noise > 0 ? noise * rng.NextGaussian() : 0));
            classes[i] = p.C;
        }
        return (new Dataset(values, xs.Count, Names), classes);
    }
}
