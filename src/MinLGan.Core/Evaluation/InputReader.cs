using MinLGan.Data;

namespace MinLGan.Evaluation;

/// <summary>
/// Reads a raw file the way a model's <see cref="InputSpec"/> says (through its <see cref="InputFormat"/>), producing
/// rows with exactly the model's features (in its order) and the file's labels when it has them. Used by
/// <c>minlgan score</c>, and by <see cref="TrainingRows"/> (<c>minlgan train --input</c>) with no model yet: then the
/// rows have the file's own features.
/// </summary>
public static class InputReader
{
    /// <summary>
    /// Reads <paramref name="path"/> for a model with these features (null: the file's own, in its order; every
    /// format but kddcup99, whose one-hot columns come from a model). Image models (formats <c>cifar10</c> and
    /// <c>images</c>) also read a folder: its class folders (labels from their names) or its own image files
    /// (unlabeled), decoded by <paramref name="imageDecoder"/> at <paramref name="resize"/> when given.
    /// </summary>
    public static InputRows Read(InputSpec spec, string path, IReadOnlyList<string>? featureNames, (int Width, int Height)? resize = null,
        IImageDecoder? imageDecoder = null) =>
        InputFormats.Get(spec.Format).Read(path, spec.LabelColumn, featureNames, resize, imageDecoder);

    /// <summary>
    /// Reads <paramref name="path"/> as <see cref="Read"/> does, in consecutive batches of at most
    /// <paramref name="batchRows"/> rows (csv files and image folders stream; other formats come as one batch).
    /// </summary>
    public static IEnumerable<InputRows> ReadBatches(InputSpec spec, string path, IReadOnlyList<string>? featureNames, int batchRows,
        (int Width, int Height)? resize = null, IImageDecoder? imageDecoder = null) =>
        InputFormats.Get(spec.Format).ReadBatches(path, spec.LabelColumn, featureNames, resize, imageDecoder, batchRows);
}
