using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MinLGan.Torch.Modules;

/// <summary>
/// LeakyReLU whose slope is a Scalar the caller keeps for the process (a static field). TorchSharp's LeakyReLU turns
/// its double slope into a temporary Scalar on every forward (see <see cref="Kept"/>). Same call, same values.
/// </summary>
internal sealed class KeptLeakyReLU(Scalar slope) : nn.Module<Tensor, Tensor>("LeakyReLU")
{
    public override Tensor forward(Tensor x) => x.leaky_relu(slope);
}

/// <summary>
/// Batch normalisation for [N, C] or [N, C, H, W] (ε 1e-5, momentum 0.1, affine, running statistics), the same as
/// TorchSharp's BatchNorm1d/BatchNorm2d with their defaults and the same state names (weight, bias, running_mean,
/// running_var, num_batches_tracked), without the temporary Scalar TorchSharp's forward makes to count batches (see
/// <see cref="Kept"/>). CPU only: the buffers are kept in fields, so this module is not moved between devices.
/// </summary>
internal sealed class KeptBatchNorm : nn.Module<Tensor, Tensor>
{
    private const double Eps = 1e-5, Momentum = 0.1;
    private readonly int _inputDims;
    private readonly Parameter _weight, _bias;
    private readonly Tensor _runningMean, _runningVar, _batches;

    /// <param name="features">Channels (C).</param>
    /// <param name="inputDims">2 for [N, C] (as BatchNorm1d), 4 for [N, C, H, W] (as BatchNorm2d).</param>
    public KeptBatchNorm(long features, int inputDims) : base(inputDims == 4 ? "BatchNorm2d" : "BatchNorm1d")
    {
        if (inputDims is not (2 or 4)) throw new ArgumentOutOfRangeException(nameof(inputDims), inputDims, "2 or 4");
        _inputDims = inputDims;
        _weight = new Parameter(ones(features));
        _bias = new Parameter(zeros(features));
        _runningMean = zeros(features);
        _runningVar = ones(features);
        _batches = tensor(0L);
        register_parameter("weight", _weight);
        register_parameter("bias", _bias);
        register_buffer("running_mean", _runningMean);
        register_buffer("running_var", _runningVar);
        register_buffer("num_batches_tracked", _batches);
    }

    public override Tensor forward(Tensor input)
    {
        if (input.ndim != _inputDims)
            throw new ArgumentException($"expected {_inputDims}D input, but got {input.ndim}D input.");
        if (training) Kept.Increment_(_batches);
        return nn.functional.batch_norm(input, _runningMean, _runningVar, _weight, _bias, training, Momentum, Eps);
    }
}
