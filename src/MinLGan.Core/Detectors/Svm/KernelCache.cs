namespace MinLGan.Detectors.Svm;

/// <summary>
/// LIBSVM's kernel cache: for each index the first <c>len</c> entries of its column, least recently used columns
/// evicted first, at least two full columns kept. Values are single precision, as LIBSVM's Qfloat.
/// </summary>
internal sealed class KernelCache
{
    private readonly float[]?[] _data;
    private readonly int[] _len;
    private readonly int[] _prev;
    private readonly int[] _next;
    private readonly int _head; // sentinel index of the circular LRU list
    private long _free;         // floats still allowed

    public KernelCache(int l, long bytes)
    {
        _data = new float[]?[l];
        _len = new int[l];
        _prev = new int[l + 1];
        _next = new int[l + 1];
        _head = l;
        _prev[_head] = _next[_head] = _head;
        _free = Math.Max(bytes / sizeof(float), 2L * l);
    }

    /// <summary>
    /// The column of <paramref name="index"/> with room for <paramref name="len"/> entries, and the position from
    /// which entries must still be computed (≥ len when the cached part already covers them).
    /// </summary>
    public int GetData(int index, int len, out float[] data)
    {
        if (_len[index] > 0) Unlink(index);
        int more = len - _len[index];
        int start = len;
        if (more > 0)
        {
            while (_free < more)
            {
                int old = _next[_head];
                Unlink(old);
                _free += _len[old];
                _data[old] = null;
                _len[old] = 0;
            }
            var column = _data[index];
            Array.Resize(ref column, len);
            _data[index] = column;
            _free -= more;
            start = _len[index];
            _len[index] = len;
        }
        Link(index);
        data = _data[index]!;
        return start;
    }

    /// <summary>Swaps positions i and j in every cached column (dropping columns that cover only one of them).</summary>
    public void SwapIndex(int i, int j)
    {
        if (i == j) return;
        if (_len[i] > 0) Unlink(i);
        if (_len[j] > 0) Unlink(j);
        (_data[i], _data[j]) = (_data[j], _data[i]);
        (_len[i], _len[j]) = (_len[j], _len[i]);
        if (_len[i] > 0) Link(i);
        if (_len[j] > 0) Link(j);
        if (i > j) (i, j) = (j, i);
        for (int h = _next[_head]; h != _head;)
        {
            int following = _next[h];
            if (_len[h] > i)
            {
                if (_len[h] > j)
                {
                    var d = _data[h]!;
                    (d[i], d[j]) = (d[j], d[i]);
                }
                else
                {
                    Unlink(h);
                    _free += _len[h];
                    _data[h] = null;
                    _len[h] = 0;
                }
            }
            h = following;
        }
    }

    private void Unlink(int h)
    {
        _next[_prev[h]] = _next[h];
        _prev[_next[h]] = _prev[h];
    }

    private void Link(int h)
    {
        _next[h] = _head;
        _prev[h] = _prev[_head];
        _next[_prev[h]] = h;
        _prev[_head] = h;
    }
}
