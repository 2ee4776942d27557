namespace MinLGan;

/// <summary>
/// A problem with what the user gave: a file, a field, an option. The message is one line that names
/// the file, line or field and what was expected; the CLI prints it and exits with code 2.
/// </summary>
public class InvalidInputException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public InvalidInputException(string message) : base(message) { }

    /// <summary>Creates the exception with a one-line message and the underlying cause.</summary>
    public InvalidInputException(string message, Exception inner) : base(message, inner) { }
}
