namespace MinLGan.Data;

/// <summary>A decoded image: RGB bytes, [height, width, 3].</summary>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="Rgb">[height · width · 3] bytes.</param>
public sealed record DecodedImage(int Width, int Height, byte[] Rgb);
