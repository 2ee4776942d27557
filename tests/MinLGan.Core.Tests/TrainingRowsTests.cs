using MinLGan.Data;
using MinLGan.Evaluation;

namespace MinLGan.Core.Tests;

public class TrainingRowsTests
{
    private const string Csv = "a,b,kind\n1,2,ok\n3,4,bad\n5,6,ok\n7,8,ok\n";

    [Fact]
    public void GivenALabelledCsv_WhenTrainingRowsAreRead_ThenOnlyNormalRowsRemainWithTheValuesScoreReads()
    {
        using var dir = new TempDir();
        string path = dir.Write("x.csv", Csv);
        var spec = new InputSpec("csv", "kind", ["ok"]);
        var rows = TrainingRows.Read(spec, path, 0, 0);
        Assert.Equal(3, rows.Train.Rows);
        Assert.Equal(1, rows.LeftOut);
        Assert.Equal([1f, 2f, 5f, 6f, 7f, 8f], rows.Train.Values.ToArray());
        // The reader `score` uses gives the same features and values for those rows.
        var scored = InputReader.Read(spec, path, rows.Train.FeatureNames);
        Assert.Equal(rows.Train.Values.ToArray(), scored.Rows.Select([0, 2, 3]).Values.ToArray());
        Assert.Contains(rows.Notes, n => n.Contains("1 rows with another kind left out"));
    }

    [Fact]
    public void GivenMaxTrain_WhenRowsAreRead_ThenASeededSubsetIsKeptAndTheSameSeedKeepsTheSameRows()
    {
        using var dir = new TempDir();
        string path = dir.Write("x.csv", "a,b\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"{i},{-i}\n")));
        var spec = new InputSpec("csv", null, []);
        var first = TrainingRows.Read(spec, path, 10, 3);
        var again = TrainingRows.Read(spec, path, 10, 3);
        var other = TrainingRows.Read(spec, path, 10, 4);
        Assert.Equal(10, first.Train.Rows);
        Assert.Equal(first.Train.Values.ToArray(), again.Train.Values.ToArray());
        Assert.NotEqual(first.Train.Values.ToArray(), other.Train.Values.ToArray());
    }

    [Fact]
    public void GivenNoRowWithTheNormalLabel_WhenRead_ThenTheMessageNamesTheFileTheColumnAndTheValues()
    {
        using var dir = new TempDir();
        string path = dir.Write("x.csv", Csv);
        var e = Assert.Throws<InvalidInputException>(() => TrainingRows.Read(new InputSpec("csv", "kind", ["good"]), path, 0, 0));
        Assert.Equal($"{path}: no row has kind in {{good}}", e.Message);
    }
}
