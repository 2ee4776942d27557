namespace MinLGan.Data;

/// <summary>Decodes one image file into RGB bytes; the image-folder reader's only native need, kept out of Core.</summary>
public interface IImageDecoder
{
    /// <summary>
    /// The image as RGB bytes, row by row ([height, width, 3]), resized to <paramref name="resize"/> (width, height)
    /// when given; null when the bytes are not an image this decoder reads.
    /// </summary>
    DecodedImage? Decode(byte[] file, (int Width, int Height)? resize);

    /// <summary>
    /// The image's size from its header, without decoding its pixels; null when unknown (this default) or not an image.
    /// Readers use it to refuse an image too large to decode before decoding it.
    /// </summary>
    (int Width, int Height)? ReadSize(byte[] file) => null;
}
