using System.Globalization;

namespace MinLGan.Data;

/// <summary>Parses one numeric field with a message that names file, line and field on failure.</summary>
internal static class FieldParser
{
    public static float Parse(ReadOnlySpan<char> text, string file, long line, string field)
    {
        var t = text.Trim();
        if (t.IsEmpty)
            throw new DataFormatException(file, line, field, "empty, expected a number");
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            throw new DataFormatException(file, line, field, $"'{Clip(t)}' is not a number");
        if (!double.IsFinite(v) || Math.Abs(v) > float.MaxValue)
            throw new DataFormatException(file, line, field, $"'{Clip(t)}' is not a finite number");
        return (float)v;
    }

    private static string Clip(ReadOnlySpan<char> t) => t.Length <= 40 ? t.ToString() : string.Concat(t[..40], "...");
}
