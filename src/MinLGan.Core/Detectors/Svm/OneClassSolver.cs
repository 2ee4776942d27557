namespace MinLGan.Detectors.Svm;

/// <summary>
/// LIBSVM's SMO solver (Fan, Chen and Lin 2005) specialised to the ν-one-class problem
/// min ½αᵀQα subject to 0 ≤ αᵢ ≤ 1, Σαᵢ = νl: second-order working-set selection, shrinking, gradient
/// reconstruction, and ρ from the free variables. The starting point, the tie-breaking and the order of every
/// floating-point update follow LIBSVM 3.x as scikit-learn ships it, so decision values agree with
/// scikit-learn's <c>OneClassSVM</c> to rounding.
/// </summary>
internal static class OneClassSolver
{
    private const double Tau = 1e-12;
    private const byte Lower = 0, Upper = 1, Free = 2;

    /// <summary>The solution: α in the original row order, ρ, and the iteration count.</summary>
    public sealed record Solution(double[] Alpha, double Rho, int Iterations, bool HitIterationLimit);

    public static Solution Solve(OneClassQ q, int l, double nu, double eps, bool shrinking, CancellationToken ct)
    {
        // Starting point as scikit-learn's solve_one_class: νl accumulated row by row (C = 1 for each),
        // handed out as whole units, then the remainder.
        double nuL = 0;
        for (int k = 0; k < l; k++) nuL += 1.0 * nu;
        var alpha = new double[l];
        for (int k = 0; nuL > 0 && k < l; k++)
        {
            alpha[k] = Math.Min(1.0, nuL);
            nuL -= alpha[k];
        }

        var s = new State(q, l, alpha, eps);
        int maxIter = Math.Max(10_000_000, l > int.MaxValue / 100 ? int.MaxValue : 100 * l);
        int iter = 0;
        int counter = Math.Min(l, 1000) + 1;
        bool hitLimit = false;
        while (true)
        {
            if (iter >= maxIter)
            {
                hitLimit = true;
                s.ReconstructGradient();
                s.ActiveSize = l;
                break;
            }
            if (--counter == 0)
            {
                counter = Math.Min(l, 1000);
                if (shrinking) s.Shrink();
                ct.ThrowIfCancellationRequested();
            }
            if (!s.SelectWorkingSet(out int i, out int j))
            {
                s.ReconstructGradient();
                s.ActiveSize = l;
                if (!s.SelectWorkingSet(out i, out j)) break;
                counter = 1; // shrink at the next iteration
            }
            ++iter;
            s.Update(i, j);
        }

        double rho = s.CalculateRho();
        var result = new double[l];
        for (int k = 0; k < l; k++) result[q.RowAt(k)] = s.Alpha[k];
        return new Solution(result, rho, iter, hitLimit);
    }

    private sealed class State
    {
        private readonly OneClassQ _q;
        private readonly double[] _qd;
        private readonly int _l;
        private readonly double _eps;
        private readonly double[] _g;
        private readonly double[] _gBar;
        private readonly byte[] _status;
        private bool _unshrink;

        public State(OneClassQ q, int l, double[] alpha, double eps)
        {
            _q = q;
            _qd = q.QD;
            _l = l;
            _eps = eps;
            Alpha = alpha;
            ActiveSize = l;
            _status = new byte[l];
            for (int k = 0; k < l; k++) UpdateStatus(k);
            _g = new double[l];
            _gBar = new double[l];
            for (int i = 0; i < l; i++)
            {
                if (_status[i] == Lower) continue;
                var qi = q.GetQ(i, l);
                double ai = Alpha[i];
                for (int j = 0; j < l; j++) _g[j] += ai * qi[j];
                if (_status[i] == Upper)
                    for (int j = 0; j < l; j++) _gBar[j] += 1.0 * qi[j];
            }
        }

        public double[] Alpha { get; }

        public int ActiveSize { get; set; }

        private void UpdateStatus(int k) =>
            _status[k] = Alpha[k] >= 1.0 ? Upper : Alpha[k] <= 0 ? Lower : Free;

        /// <summary>WSS 2 of Fan et al.; false when optimal within eps.</summary>
        public bool SelectWorkingSet(out int outI, out int outJ)
        {
            double gMax = double.NegativeInfinity, gMax2 = double.NegativeInfinity;
            int gMaxIdx = -1, gMinIdx = -1;
            double objDiffMin = double.PositiveInfinity;
            for (int t = 0; t < ActiveSize; t++)
                if (_status[t] != Upper && -_g[t] >= gMax)
                {
                    gMax = -_g[t];
                    gMaxIdx = t;
                }
            outI = gMaxIdx;
            outJ = -1;
            if (gMaxIdx == -1)
            {
                // LIBSVM still scans for Gmax2; with Gmax = −∞ the pair can never pass the test.
                return false;
            }
            var qi = _q.GetQ(gMaxIdx, ActiveSize);
            double qdi = _qd[gMaxIdx];
            for (int j = 0; j < ActiveSize; j++)
            {
                if (_status[j] == Lower) continue;
                double gradDiff = gMax + _g[j];
                if (_g[j] >= gMax2) gMax2 = _g[j];
                if (gradDiff > 0)
                {
                    double quad = qdi + _qd[j] - 2.0 * qi[j];
                    double objDiff = quad > 0 ? -(gradDiff * gradDiff) / quad : -(gradDiff * gradDiff) / Tau;
                    if (objDiff <= objDiffMin)
                    {
                        gMinIdx = j;
                        objDiffMin = objDiff;
                    }
                }
            }
            if (gMax + gMax2 < _eps || gMinIdx == -1) return false;
            outJ = gMinIdx;
            return true;
        }

        public void Update(int i, int j)
        {
            var qi = _q.GetQ(i, ActiveSize);
            var qj = _q.GetQ(j, ActiveSize);
            const double Ci = 1.0, Cj = 1.0;
            double oldAi = Alpha[i], oldAj = Alpha[j];
            double quad = _qd[i] + _qd[j] - 2 * qi[j];
            if (quad <= 0) quad = Tau;
            double delta = (_g[i] - _g[j]) / quad;
            double sum = Alpha[i] + Alpha[j];
            Alpha[i] -= delta;
            Alpha[j] += delta;
            if (sum > Ci)
            {
                if (Alpha[i] > Ci) { Alpha[i] = Ci; Alpha[j] = sum - Ci; }
            }
            else if (Alpha[j] < 0) { Alpha[j] = 0; Alpha[i] = sum; }
            if (sum > Cj)
            {
                if (Alpha[j] > Cj) { Alpha[j] = Cj; Alpha[i] = sum - Cj; }
            }
            else if (Alpha[i] < 0) { Alpha[i] = 0; Alpha[j] = sum; }

            double dAi = Alpha[i] - oldAi, dAj = Alpha[j] - oldAj;
            for (int k = 0; k < ActiveSize; k++) _g[k] += qi[k] * dAi + qj[k] * dAj;

            bool ui = _status[i] == Upper, uj = _status[j] == Upper;
            UpdateStatus(i);
            UpdateStatus(j);
            if (ui != (_status[i] == Upper))
            {
                qi = _q.GetQ(i, _l);
                if (ui) for (int k = 0; k < _l; k++) _gBar[k] -= Ci * qi[k];
                else for (int k = 0; k < _l; k++) _gBar[k] += Ci * qi[k];
            }
            if (uj != (_status[j] == Upper))
            {
                qj = _q.GetQ(j, _l);
                if (uj) for (int k = 0; k < _l; k++) _gBar[k] -= Cj * qj[k];
                else for (int k = 0; k < _l; k++) _gBar[k] += Cj * qj[k];
            }
        }

        public void ReconstructGradient()
        {
            if (ActiveSize == _l) return;
            for (int j = ActiveSize; j < _l; j++) _g[j] = _gBar[j];
            int nrFree = 0;
            for (int j = 0; j < ActiveSize; j++) if (_status[j] == Free) nrFree++;
            if ((long)nrFree * _l > 2L * ActiveSize * (_l - ActiveSize))
            {
                for (int i = ActiveSize; i < _l; i++)
                {
                    var qi = _q.GetQ(i, ActiveSize);
                    for (int j = 0; j < ActiveSize; j++)
                        if (_status[j] == Free) _g[i] += Alpha[j] * qi[j];
                }
            }
            else
            {
                for (int i = 0; i < ActiveSize; i++)
                {
                    if (_status[i] != Free) continue;
                    var qi = _q.GetQ(i, _l);
                    double ai = Alpha[i];
                    for (int j = ActiveSize; j < _l; j++) _g[j] += ai * qi[j];
                }
            }
        }

        public void Shrink()
        {
            double gMax1 = double.NegativeInfinity; // max −G over I_up
            double gMax2 = double.NegativeInfinity; // max G over I_low
            for (int i = 0; i < ActiveSize; i++)
            {
                if (_status[i] != Upper && -_g[i] >= gMax1) gMax1 = -_g[i];
                if (_status[i] != Lower && _g[i] >= gMax2) gMax2 = _g[i];
            }
            if (!_unshrink && gMax1 + gMax2 <= _eps * 10)
            {
                _unshrink = true;
                ReconstructGradient();
                ActiveSize = _l;
            }
            for (int i = 0; i < ActiveSize; i++)
            {
                if (!BeShrunk(i, gMax1, gMax2)) continue;
                ActiveSize--;
                while (ActiveSize > i)
                {
                    if (!BeShrunk(ActiveSize, gMax1, gMax2))
                    {
                        Swap(i, ActiveSize);
                        break;
                    }
                    ActiveSize--;
                }
            }
        }

        private bool BeShrunk(int i, double gMax1, double gMax2) => _status[i] switch
        {
            Upper => -_g[i] > gMax1,
            Lower => _g[i] > gMax2,
            _ => false,
        };

        private void Swap(int i, int j)
        {
            _q.SwapIndex(i, j);
            (_g[i], _g[j]) = (_g[j], _g[i]);
            (_status[i], _status[j]) = (_status[j], _status[i]);
            (Alpha[i], Alpha[j]) = (Alpha[j], Alpha[i]);
            (_gBar[i], _gBar[j]) = (_gBar[j], _gBar[i]);
        }

        public double CalculateRho()
        {
            int nrFree = 0;
            double ub = double.PositiveInfinity, lb = double.NegativeInfinity, sumFree = 0;
            for (int i = 0; i < ActiveSize; i++)
            {
                double yG = _g[i];
                switch (_status[i])
                {
                    case Upper: lb = Math.Max(lb, yG); break;
                    case Lower: ub = Math.Min(ub, yG); break;
                    default: ++nrFree; sumFree += yG; break;
                }
            }
            return nrFree > 0 ? sumFree / nrFree : (ub + lb) / 2;
        }
    }
}
