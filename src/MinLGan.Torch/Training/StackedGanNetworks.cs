using MinLGan.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MinLGan.Torch.Training;

/// <summary>
/// N tabular members as one network: each layer's weights are stacked [N, in, out] and applied with <c>bmm</c>; the
/// per-member losses are summed before the backward pass, so each member gets exactly its own gradients and, Adam being
/// element-wise, its own optimiser state. Member m starts from the weights its solo training starts from (its seed
/// builds the solo D, G and encoder, which are then stacked) and draws z and ε from its own generator, started where
/// its solo training's stream stands (<see cref="StackedNormalSource"/>); only the matrix kernels differ (bmm vs addmm),
/// so a member follows its solo training up to rounding. Small MLPs cost mostly per-operation overhead; a stack pays it
/// once for N members.
/// </summary>
internal sealed class StackedGanNetworks : IGanNetworks
{
    private readonly Stack _d, _g;
    private readonly Stack? _e;
    private readonly GanOptions _o;
    private readonly IReadOnlyList<(string Name, long[] Shape)> _dLayout;
    private readonly int _dBody;

    /// <summary>Builds member i's solo networks after manual_seed(seeds[i]); returns the stack and each member's generator.</summary>
    public static (StackedGanNetworks Networks, StackedNormalSource Noise) Build(int features, GanOptions o, IReadOnlyList<long> seeds)
    {
        var d = new List<WeightSet>();
        var g = new List<WeightSet>();
        var e = new List<WeightSet>();
        var generators = new Generator[seeds.Count];
        for (int i = 0; i < seeds.Count; i++)
        {
            random.manual_seed(seeds[i]);
            using var solo = new SoloGanNetworks(features, null, o);
            d.Add(WeightSet.Capture(solo.DiscriminatorModule));
            g.Add(WeightSet.Capture(solo.GeneratorModule));
            if (solo.EncoderModule is { } enc) e.Add(WeightSet.Capture(enc));
            generators[i] = new Generator(0);
            generators[i].set_state(random.get_rng_state());
        }
        return (new StackedGanNetworks(o, d, g, o.A > 0 ? e : null), new StackedNormalSource(generators));
    }

    private StackedGanNetworks(GanOptions o, List<WeightSet> d, List<WeightSet> g, List<WeightSet>? e)
    {
        _o = o;
        _dLayout = d[0].Layout.ToList();
        _d = new Stack("D", d, o.Activation, o.Dropout, heads: 1);
        _g = new Stack("G", g, o.Activation, 0, heads: 1);
        _e = e is null ? null : new Stack("E", e, o.Activation, 0, heads: 2);
        _dBody = o.DHidden.Count;
        _d.train();
    }

    public int Members => _d.Members;
    public IReadOnlyList<nn.Module> TrainedModules => _e is null ? [_d, _g] : [_d, _g, _e];
    public long[] LatentShape(int batch) => [Members, batch, _o.Latent];
    public Tensor Logits(Tensor x) => _d.Forward(Kept.Squash(x, _o.InputBound), _d.Count).squeeze(-1);
    public Tensor Features(Tensor x) => _d.Forward(Kept.Squash(x, _o.InputBound), _dBody);
    public Tensor Generate(Tensor z) => Kept.Squash(_g.Forward(z, _g.Count), _o.GeneratorBound);
    public bool HasEncoder => _e is not null;

    public (Tensor Mean, Tensor LogVar) Encode(Tensor x)
    {
        var h = _e!.Forward(x, _e.Count - 2);
        return (_e.Layer(h, _e.Count - 2, activate: false), Kept.Clamp(_e.Layer(h, _e.Count - 1, activate: false), -12, 12));
    }

    public IEnumerable<Parameter> DiscriminatorParameters => _d.parameters();
    public IEnumerable<Parameter> GeneratorParameters => _g.parameters();
    public IEnumerable<Parameter> EncoderParameters => _e?.parameters() ?? [];
    public WeightSet CaptureDiscriminator(int member) => _d.Member(member, _dLayout);
    public double[] Logits(int member, WeightSet captured, Dataset rows) => DiscriminatorScorer.Logits(captured, rows, _o, null);

    public void Dispose()
    {
        _d.Dispose();
        _g.Dispose();
        _e?.Dispose();
    }

    /// <summary>N stacked MLPs: layer k has weights [N, in, out] and biases [N, 1, out]; all but the heads are activated.</summary>
    private sealed class Stack : nn.Module
    {
        private readonly List<Parameter> _weights = [];
        private readonly List<Parameter> _biases = [];
        private readonly string _activation;
        private readonly double _dropout;
        private readonly int _hidden;

        public Stack(string name, IReadOnlyList<WeightSet> perMember, string activation, double dropout, int heads) : base(name)
        {
            var layers = perMember.Select(w => w.LinearLayers().ToArray()).ToArray();
            int count = layers[0].Length;
            for (int k = 0; k < count; k++)
            {
                var (_, _, nIn, nOut) = layers[0][k];
                var w = stack(layers.Select(l => tensor(l[k].W, [nOut, nIn]).t()).ToArray()).contiguous();
                var b = stack(layers.Select(l => tensor(l[k].B, [1, nOut])).ToArray());
                var pw = new Parameter(w.DetachFromDisposeScope());
                var pb = new Parameter(b.DetachFromDisposeScope());
                register_parameter($"w{k}", pw);
                register_parameter($"b{k}", pb);
                _weights.Add(pw);
                _biases.Add(pb);
            }
            Members = perMember.Count;
            _activation = activation;
            _dropout = dropout;
            _hidden = count - heads;
        }

        public int Members { get; }

        public int Count => _weights.Count;

        /// <summary>Layer k applied to [N, B, in].</summary>
        public Tensor Layer(Tensor x, int k, bool activate)
        {
            if (_dropout > 0 && k < _hidden) x = nn.functional.dropout(x, _dropout, training);
            var y = Kept.Plus(x.bmm(_weights[k]), _biases[k]);
            return activate ? HiddenActivation.Apply(_activation, y) : y;
        }

        /// <summary>The first <paramref name="layers"/> layers; hidden ones are activated.</summary>
        public Tensor Forward(Tensor x, int layers)
        {
            for (int k = 0; k < layers; k++) x = Layer(x, k, activate: k < _hidden);
            return x;
        }

        /// <summary>Member m's layers as a solo module's weights (names and [out, in] shapes of <paramref name="layout"/>).</summary>
        public WeightSet Member(int m, IReadOnlyList<(string Name, long[] Shape)> layout)
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var entries = new List<(string, long[], float[])>();
            for (int k = 0; k < _weights.Count; k++)
            {
                entries.Add((layout[2 * k].Name, layout[2 * k].Shape, _weights[k][m].t().contiguous().data<float>().ToArray()));
                entries.Add((layout[2 * k + 1].Name, layout[2 * k + 1].Shape, _biases[k][m].reshape(-1).contiguous().data<float>().ToArray()));
            }
            return WeightSet.FromEntries(entries);
        }
    }
}
