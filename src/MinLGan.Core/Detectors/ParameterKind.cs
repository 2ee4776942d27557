namespace MinLGan.Detectors;

/// <summary>Kinds of detector parameters.</summary>
public enum ParameterKind
{
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A real number.</summary>
    Real,
    /// <summary>One of a fixed set of words.</summary>
    Choice,
    /// <summary>A dash-separated list of whole numbers (layer widths such as 128-64); the range applies to each.</summary>
    IntegerList,
}
