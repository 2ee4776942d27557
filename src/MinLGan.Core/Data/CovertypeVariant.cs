namespace MinLGan.Data;

/// <summary>Which Covertype file was read.</summary>
public enum CovertypeVariant
{
    /// <summary>UCI <c>covtype.data</c>: 54 attributes, classes 1..7.</summary>
    Full54,
    /// <summary>ODDS "cover": classes 2 and 4 only, the 10 quantitative attributes (<c>cover.csv</c>).</summary>
    Odds10,
}
