using MinLGan.Data;
using SkiaSharp;

namespace MinLGan.Imaging;

/// <summary>Decodes PNG and JPEG files with SkiaSharp into RGB bytes (alpha dropped), resizing when asked.</summary>
public sealed class SkiaImageDecoder : IImageDecoder
{
    /// <inheritdoc />
    public DecodedImage? Decode(byte[] file, (int Width, int Height)? resize)
    {
        // SKCodec says "not an image" with null; SKBitmap.Decode would throw on unknown bytes.
        using var data = SKData.CreateCopy(file);
        using var codec = SKCodec.Create(data);
        if (codec is null) return null;
        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null) return null;
        var info = new SKImageInfo(resize?.Width ?? decoded.Width, resize?.Height ?? decoded.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        if (resize is null)
        {
            if (!decoded.CopyTo(bitmap, SKColorType.Rgba8888)) return null;
        }
        else if (!decoded.ScalePixels(bitmap, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None)))
        {
            return null;
        }
        var rgba = bitmap.Bytes;
        var rgb = new byte[info.Width * info.Height * 3];
        for (int p = 0, q = 0; p < rgb.Length; p += 3, q += 4)
        {
            rgb[p] = rgba[q];
            rgb[p + 1] = rgba[q + 1];
            rgb[p + 2] = rgba[q + 2];
        }
        return new DecodedImage(info.Width, info.Height, rgb);
    }

    /// <inheritdoc />
    public (int Width, int Height)? ReadSize(byte[] file)
    {
        // SKCodec reads the header only; the pixels are decoded by Decode.
        using var data = SKData.CreateCopy(file);
        using var codec = SKCodec.Create(data);
        return codec is null ? null : (codec.Info.Width, codec.Info.Height);
    }
}
