using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace MinLGan.Torch;

/// <summary>
/// Tensor arithmetic with constants in which every <see cref="Scalar"/> handed to libtorch stays referenced until the
/// call returns. TorchSharp 0.107 turns a constant into a temporary Scalar (<c>x * 0.5</c>, <c>a + b</c>'s alpha of 1,
/// <c>square()</c>'s exponent, <c>clamp(-12, 12)</c>, LeakyReLU's slope, BatchNorm's step count) and passes only its
/// handle, so a collection on another thread can run its finalizer and free the value while libtorch reads it
/// ("Expected false to be true … toFloat"; dispose scopes do not track Scalars). Each helper makes the same libtorch
/// call with the same scalar types as the TorchSharp operator it replaces, so results are bit-identical.
/// TemporaryScalarTests scans the compiled code for any other way in.
/// </summary>
internal static class Kept
{
    // Static roots: alive for the whole process, never finalized.
    private static readonly Scalar IntOne = 1, IntTwo = 2, SoftplusBeta = 1.0, SoftplusThreshold = 20.0;

    // TorchSharp's softplus(double, double) converts to Scalars and calls this private method; it has no public
    // overload that takes Scalars. Bound once, for TorchSharp 0.107.0 (TemporaryScalarTests fails if it moves).
    private static readonly Func<Tensor, Scalar, Scalar, Tensor> SoftplusCore =
        typeof(Tensor).GetMethod("softplus1", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(Scalar), typeof(Scalar)])
            ?.CreateDelegate<Func<Tensor, Scalar, Scalar, Tensor>>()
        ?? throw new MissingMethodException("TorchSharp.torch+Tensor.softplus1(Scalar, Scalar) is not in this TorchSharp; MinLGan.Torch needs 0.107.0.");

    /// <summary>a + b (TorchSharp's <c>+</c>: add with alpha 1).</summary>
    public static Tensor Plus(Tensor a, Tensor b) => a.add(b, IntOne);

    /// <summary>a + c.</summary>
    public static Tensor Plus(Tensor a, double c)
    {
        using Scalar s = c;
        return a.add(s, IntOne);
    }

    /// <summary>a − c.</summary>
    public static Tensor Minus(Tensor a, double c)
    {
        using Scalar s = c;
        return a.sub(s);
    }

    /// <summary>a · c.</summary>
    public static Tensor Times(Tensor a, double c)
    {
        using Scalar s = c;
        return a.mul(s);
    }

    /// <summary>a / c.</summary>
    public static Tensor Over(Tensor a, double c)
    {
        using Scalar s = c;
        return a.div(s);
    }

    /// <summary>
    /// b·tanh(x/b) for b &gt; 0, else x itself (no tensor op): the soft box of GanOptions.InputBound (D's inputs) and
    /// GanOptions.GBound (G's outputs).
    /// </summary>
    public static Tensor Squash(Tensor x, double b) => b > 0 ? Times(Over(x, b).tanh(), b) : x;

    /// <summary>a² (TorchSharp's <c>square()</c>: pow with the integer 2).</summary>
    public static Tensor Square(Tensor a) => a.pow(IntTwo);

    /// <summary>a limited to [min, max].</summary>
    public static Tensor Clamp(Tensor a, double min, double max)
    {
        using Scalar lo = min, hi = max;
        return a.clamp(lo, hi);
    }

    /// <summary>a limited to [min, ∞).</summary>
    public static Tensor ClampMin(Tensor a, double min)
    {
        using Scalar lo = min;
        return a.clamp_min(lo);
    }

    /// <summary>log(1 + eᵃ), linear above 20 (TorchSharp's <c>softplus()</c> defaults).</summary>
    public static Tensor Softplus(Tensor a) => SoftplusCore(a, SoftplusBeta, SoftplusThreshold);

    /// <summary>In place: a · c, then + d (TorchSharp's <c>normal(mean, std, size)</c> after <c>randn</c>).</summary>
    public static Tensor MulAdd_(Tensor a, double c, double d)
    {
        using Scalar scale = c, shift = d;
        return a.mul_(scale).add_(shift, IntOne);
    }

    /// <summary>In place: a + 1 (a step counter).</summary>
    public static Tensor Increment_(Tensor a) => a.add_(IntOne, IntOne);
}
