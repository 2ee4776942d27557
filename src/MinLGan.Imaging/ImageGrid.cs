using MinLGan.Data;
using SkiaSharp;

namespace MinLGan.Imaging;

/// <summary>
/// A PNG contact sheet of images (channel-major bytes, [channels, height, width], RGB), each enlarged by a whole
/// factor (nearest neighbour) and framed: red when the image is an anomaly, green when it is normal, grey when unknown.
/// </summary>
public static class ImageGrid
{
    /// <summary>The sheet, <paramref name="columns"/> images per row, in the given order.</summary>
    /// <param name="shape">Shape of every image (3 channels).</param>
    /// <param name="images">Each image's bytes, [3, height, width].</param>
    /// <param name="isAnomaly">Per image: 1 anomaly, 0 normal, null unknown.</param>
    /// <param name="columns">Images per row (at least 1).</param>
    /// <param name="scale">Enlargement factor (at least 1).</param>
    public static byte[] Png(ImageShape shape, IReadOnlyList<byte[]> images, IReadOnlyList<int?> isAnomaly, int columns, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        if (shape.Channels != 3) throw new ArgumentException($"expected RGB images, got {shape}", nameof(shape));
        if (images.Count == 0 || isAnomaly.Count != images.Count) throw new ArgumentException("one flag per image, at least one image", nameof(isAnomaly));
        const int frame = 2, gap = 2;
        int cellW = shape.Width * scale + 2 * frame + gap, cellH = shape.Height * scale + 2 * frame + gap;
        int rows = (images.Count + columns - 1) / columns;
        using var bitmap = new SKBitmap(Math.Min(columns, images.Count) * cellW + gap, rows * cellH + gap, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(SKColors.White);
        int plane = shape.Height * shape.Width;
        for (int k = 0; k < images.Count; k++)
        {
            var img = images[k];
            if (img.Length != shape.Size) throw new ArgumentException($"image {k} has {img.Length} bytes, expected {shape.Size}", nameof(images));
            int x0 = gap + (k % columns) * cellW, y0 = gap + (k / columns) * cellH;
            var border = isAnomaly[k] switch { 1 => new SKColor(220, 30, 30), 0 => new SKColor(30, 160, 30), _ => SKColors.Gray };
            for (int y = 0; y < shape.Height * scale + 2 * frame; y++)
                for (int x = 0; x < shape.Width * scale + 2 * frame; x++)
                {
                    int iy = y - frame, ix = x - frame;
                    bool inside = iy >= 0 && ix >= 0 && iy < shape.Height * scale && ix < shape.Width * scale;
                    SKColor c = border;
                    if (inside)
                    {
                        int p = (iy / scale) * shape.Width + ix / scale;
                        c = new SKColor(img[p], img[plane + p], img[2 * plane + p]);
                    }
                    bitmap.SetPixel(x0 + x, y0 + y, c);
                }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
