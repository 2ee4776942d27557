namespace MinLGan.Data;

/// <summary>A data file that does not have the expected format. The message names file, line and field.</summary>
public sealed class DataFormatException : InvalidInputException
{
    /// <summary>Creates the exception: "FILE:LINE: field F: problem".</summary>
    public DataFormatException(string file, long line, string? field, string problem)
        : base(Format(file, line, field, problem))
    {
        File = file;
        Line = line;
        Field = field;
    }

    /// <summary>The file that is wrong.</summary>
    public string File { get; }

    /// <summary>1-based line number, or 0 when the problem is the file as a whole.</summary>
    public long Line { get; }

    /// <summary>The field (column name or 1-based number), when one is to blame.</summary>
    public string? Field { get; }

    private static string Format(string file, long line, string? field, string problem)
    {
        string where = line > 0 ? $"{file}:{line}" : file;
        return field is null ? $"{where}: {problem}" : $"{where}: field {field}: {problem}";
    }
}
