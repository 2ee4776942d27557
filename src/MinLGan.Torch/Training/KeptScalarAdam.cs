using TorchSharp;
using static TorchSharp.torch;

namespace MinLGan.Torch.Training;

/// <summary>
/// TorchSharp's Adam with one change: every <see cref="Scalar"/> the update passes to libtorch is held in a local until
/// the call returns. TorchSharp 0.107's <c>Adam.step</c> passes temporaries (<c>mul_(beta1)</c>,
/// <c>addcmul_(…, value: 1 − beta2)</c>, …) whose handles go to native code while nothing managed refers to them any
/// more; a garbage collection on another thread then lets the finalizer free a scalar that libtorch is still reading
/// ("Expected false to be true … toFloat", seen once in CI with tests running in parallel). The arithmetic, its order
/// and the saved state are TorchSharp's own (beta2 0.999, ε 1e-8, no weight decay, no AMSGrad), so the weights after
/// each step are bit-identical to <c>torch.optim.Adam</c>'s and old checkpoints still load.
/// </summary>
internal sealed class KeptScalarAdam : TorchSharp.Modules.Adam
{
    public KeptScalarAdam(IEnumerable<TorchSharp.Modules.Parameter> parameters, double lr, double beta1, double beta2 = 0.999)
        : base(parameters, lr, beta1, beta2)
    {
    }

    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, eps = options.eps!.Value;
        double lr = options.LearningRate!.Value;
        using Scalar b1 = beta1, oneMinusB1 = 1 - beta1, b2 = beta2, oneMinusB2 = 1 - beta2, epsilon = eps, one = 1;
        foreach (var param in group.Parameters)
        {
            var grad = param.grad;
            if (grad is null) continue;
            var state = (State)_state[param.Handle];
            state.step += 1;
            double biasCorrection1 = 1 - Math.Pow(beta1, state.step);
            double biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            state.exp_avg.mul_(b1).add_(grad, alpha: oneMinusB1);
            state.exp_avg_sq.mul_(b2).addcmul_(grad, grad.conj(), value: oneMinusB2);
            using Scalar root = Math.Sqrt(biasCorrection2), stepSize = -(lr / biasCorrection1);
            var denom = state.exp_avg_sq.sqrt().div(root).add_(epsilon, one); // add_(ε) alone would make a temporary alpha
            param.addcdiv_(state.exp_avg, denom, value: stepSize);
        }
    }, closure)!;
}
