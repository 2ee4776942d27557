namespace MinLGan.Data;

/// <summary>The shape of one image, channel-major: [channels, height, width].</summary>
/// <param name="Channels">Colour channels (3 for RGB).</param>
/// <param name="Height">Rows of pixels.</param>
/// <param name="Width">Columns of pixels.</param>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Values per image.</summary>
    public int Size => Channels * Height * Width;

    /// <inheritdoc />
    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
