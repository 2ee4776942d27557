using MinLGan.Data;

namespace MinLGan.Features;

/// <summary>Resizing image bytes to float planes for feature extractors.</summary>
public static class ImageResize
{
    /// <summary>
    /// Bilinear resize of one channel-major image of bytes to [3, <paramref name="height"/>, <paramref name="width"/>]
    /// floats in 0-255, with half-pixel centres and edge clamping (PyTorch's <c>interpolate(mode="bilinear",
    /// align_corners=False)</c> without antialiasing; OpenCV's INTER_LINEAR). A grey image (one channel) fills all three
    /// planes; an image of the target size is copied exactly.
    /// </summary>
    public static void ToRgbPlanes(ReadOnlySpan<byte> image, ImageShape shape, int height, int width, Span<float> output)
    {
        if (shape.Channels is not (1 or 3))
            throw new InvalidInputException($"images of {shape.Channels} channels cannot be turned into RGB features; expected 1 (grey) or 3 (RGB)");
        if (image.Length != shape.Size) throw new ArgumentException($"{image.Length} bytes are not one image of {shape}", nameof(image));
        if (output.Length != 3 * height * width) throw new ArgumentException($"output holds {output.Length} values, expected 3x{height}x{width}", nameof(output));
        int plane = height * width;
        var xs = Axis(shape.Width, width);
        var ys = Axis(shape.Height, height);
        for (int c = 0; c < 3; c++)
            Plane(image.Slice((shape.Channels == 1 ? 0 : c) * shape.Height * shape.Width, shape.Height * shape.Width), shape.Width, xs, ys, output.Slice(c * plane, plane));
    }

    /// <summary>
    /// The same bilinear resize for float planes: <paramref name="channels"/> planes of <paramref name="inHeight"/> x
    /// <paramref name="inWidth"/> to planes of <paramref name="height"/> x <paramref name="width"/> (for example a
    /// network's mean image at another input size).
    /// </summary>
    public static void ResizePlanes(ReadOnlySpan<float> planes, int channels, int inHeight, int inWidth, int height, int width, Span<float> output)
    {
        if (planes.Length != channels * inHeight * inWidth) throw new ArgumentException($"expected {channels}x{inHeight}x{inWidth} values", nameof(planes));
        if (output.Length != channels * height * width) throw new ArgumentException($"output holds {output.Length} values, expected {channels}x{height}x{width}", nameof(output));
        var xs = Axis(inWidth, width);
        var ys = Axis(inHeight, height);
        for (int c = 0; c < channels; c++)
            Plane(planes.Slice(c * inHeight * inWidth, inHeight * inWidth), inWidth, xs, ys, output.Slice(c * height * width, height * width));
    }

    // One plane; differences of two source values are taken in float, which is exact for bytes.
    private static void Plane<T>(ReadOnlySpan<T> src, int inWidth, (int A, int B, float F)[] xs, (int A, int B, float F)[] ys, Span<float> dst)
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        int width = xs.Length;
        for (int y = 0; y < ys.Length; y++)
        {
            var (ya, yb, fy) = ys[y];
            var rowA = src.Slice(ya * inWidth, inWidth);
            var rowB = src.Slice(yb * inWidth, inWidth);
            for (int x = 0; x < width; x++)
            {
                var (xa, xb, fx) = xs[x];
                float a0 = float.CreateTruncating(rowA[xa]), a1 = float.CreateTruncating(rowA[xb]);
                float b0 = float.CreateTruncating(rowB[xa]), b1 = float.CreateTruncating(rowB[xb]);
                float top = a0 + (a1 - a0) * fx;
                float bottom = b0 + (b1 - b0) * fx;
                dst[y * width + x] = top + (bottom - top) * fy;
            }
        }
    }

    /// <summary>For each output position: the two source positions and the weight of the second.</summary>
    private static (int A, int B, float F)[] Axis(int inSize, int outSize)
    {
        var axis = new (int, int, float)[outSize];
        double scale = (double)inSize / outSize;
        for (int o = 0; o < outSize; o++)
        {
            double src = Math.Max(0, (o + 0.5) * scale - 0.5);
            int a = Math.Min((int)src, inSize - 1);
            int b = Math.Min(a + 1, inSize - 1);
            axis[o] = (a, b, (float)(src - a));
        }
        return axis;
    }
}
