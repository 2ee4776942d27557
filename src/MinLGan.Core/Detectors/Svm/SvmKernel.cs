using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MinLGan.Detectors.Svm;

/// <summary>LIBSVM's kernels.</summary>
public enum SvmKernelType
{
    /// <summary>exp(−γ‖x − y‖²).</summary>
    Rbf,
    /// <summary>⟨x, y⟩.</summary>
    Linear,
    /// <summary>(γ⟨x, y⟩ + coef0)^degree.</summary>
    Poly,
    /// <summary>tanh(γ⟨x, y⟩ + coef0).</summary>
    Sigmoid,
}

/// <summary>
/// A kernel with resolved parameters, evaluated in double precision as LIBSVM does: the RBF kernel uses
/// ‖x‖² + ‖y‖² − 2⟨x, y⟩ with precomputed squared norms, and the polynomial kernel LIBSVM's integer power.
/// </summary>
internal readonly record struct SvmKernel(SvmKernelType Type, double Gamma, int Degree, double Coef0)
{
    /// <summary>K(x, y) given ⟨x, y⟩ and, for RBF, the two squared norms.</summary>
    public double FromDot(double dot, double xSquare, double ySquare) => Type switch
    {
        SvmKernelType.Rbf => Math.Exp(-Gamma * (xSquare + ySquare - 2 * dot)),
        SvmKernelType.Linear => dot,
        SvmKernelType.Poly => PowI(Gamma * dot + Coef0, Degree),
        _ => Math.Tanh(Gamma * dot + Coef0),
    };

    /// <summary>⟨x, y⟩ (vectorised).</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => TensorPrimitives.Dot(x, y);

    /// <summary>
    /// ⟨x, y⟩ of single-precision rows, summed in double precision (each product of two floats is exact in double).
    /// Rows are kept as floats because they arrive as floats: half the memory traffic of doubles, same values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        int n = x.Length, k = 0;
        double sum = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            ref float rx = ref MemoryMarshal.GetReference(x);
            ref float ry = ref MemoryMarshal.GetReference(y);
            var acc0 = Vector256<double>.Zero;
            var acc1 = Vector256<double>.Zero;
            for (; k <= n - 8; k += 8)
            {
                var (xl, xh) = Vector256.Widen(Vector256.LoadUnsafe(ref rx, (nuint)k));
                var (yl, yh) = Vector256.Widen(Vector256.LoadUnsafe(ref ry, (nuint)k));
                acc0 = Vector256.FusedMultiplyAdd(xl, yl, acc0);
                acc1 = Vector256.FusedMultiplyAdd(xh, yh, acc1);
            }
            sum = Vector256.Sum(acc0 + acc1);
        }
        for (; k < n; k++) sum += (double)x[k] * y[k];
        return sum;
    }

    /// <summary>
    /// Turns inner products into kernel values in place; <paramref name="ySquare"/> holds ‖y‖² per entry (RBF).
    /// The RBF exponentials are computed vectorised.
    /// </summary>
    public void Apply(Span<double> dots, double xSquare, ReadOnlySpan<double> ySquare)
    {
        switch (Type)
        {
            case SvmKernelType.Rbf:
                for (int k = 0; k < dots.Length; k++) dots[k] = -Gamma * (xSquare + ySquare[k] - 2 * dots[k]);
                TensorPrimitives.Exp(dots, dots);
                break;
            case SvmKernelType.Linear:
                break;
            default:
                for (int k = 0; k < dots.Length; k++) dots[k] = FromDot(dots[k], 0, 0);
                break;
        }
    }

    /// <summary>LIBSVM's powi: base^times by repeated squaring (its rounding, not Math.Pow's).</summary>
    public static double PowI(double value, int times)
    {
        double tmp = value, ret = 1.0;
        for (int t = times; t > 0; t /= 2)
        {
            if (t % 2 == 1) ret *= tmp;
            tmp *= tmp;
        }
        return ret;
    }

    /// <summary>
    /// scikit-learn's gamma: "scale" = 1 / (features · Var X) over every entry (1 when the variance is 0),
    /// "auto" = 1 / features, or the number itself.
    /// </summary>
    public static double ResolveGamma(string gamma, ReadOnlySpan<float> values, int features)
    {
        switch (gamma)
        {
            case "auto":
                return 1.0 / features;
            case "scale":
            {
                double mean = 0;
                foreach (var v in values) mean += v;
                mean /= values.Length;
                double ss = 0;
                foreach (var v in values) ss += (v - mean) * (v - mean);
                double variance = ss / values.Length;
                return variance == 0 ? 1.0 : 1.0 / (features * variance);
            }
            default:
                return double.Parse(gamma, System.Globalization.CultureInfo.InvariantCulture); // OneClassSvmOptions.Validate checked it
        }
    }
}
