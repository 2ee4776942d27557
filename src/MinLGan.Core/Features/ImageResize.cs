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
        {
            var src = image.Slice((shape.Channels == 1 ? 0 : c) * shape.Height * shape.Width, shape.Height * shape.Width);
            var dst = output.Slice(c * plane, plane);
            for (int y = 0; y < height; y++)
            {
                var (ya, yb, fy) = ys[y];
                var rowA = src.Slice(ya * shape.Width, shape.Width);
                var rowB = src.Slice(yb * shape.Width, shape.Width);
                for (int x = 0; x < width; x++)
                {
                    var (xa, xb, fx) = xs[x];
                    float top = rowA[xa] + (rowA[xb] - rowA[xa]) * fx;
                    float bottom = rowB[xa] + (rowB[xb] - rowB[xa]) * fx;
                    dst[y * width + x] = top + (bottom - top) * fy;
                }
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
