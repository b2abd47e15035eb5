namespace PaperGraph.Core;

/// <summary>
/// A set of (string, string) pairs compared ordinally, as <c>HashSet&lt;(string, string)&gt;</c>, for the handful of
/// pairs one paper's rule makes: searched in a reused array (no hashing of both strings, no buckets to grow), with a
/// hash set only past <see cref="LinearLimit"/> pairs. Cleared and reused for the next paper on the same thread.
/// </summary>
internal sealed class PairSet
{
    private const int LinearLimit = 48;

    private (string A, string B)[] _items = new (string, string)[8];
    private int _count;
    private HashSet<(string, string)>? _large;

    /// <summary>Number of pairs in the set.</summary>
    public int Count => _large?.Count ?? _count;

    /// <summary>Adds the pair; false when it was there already.</summary>
    public bool Add(string a, string b)
    {
        if (_large is not null)
        {
            return _large.Add((a, b));
        }

        if (Contains(a, b))
        {
            return false;
        }

        if (_count == LinearLimit)
        {
            _large = new HashSet<(string, string)>(_count * 2);
            for (var i = 0; i < _count; i++)
            {
                _large.Add(_items[i]);
            }

            return _large.Add((a, b));
        }

        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = (a, b);
        return true;
    }

    /// <summary>True when the pair is in the set.</summary>
    public bool Contains(string a, string b)
    {
        if (_large is not null)
        {
            return _large.Contains((a, b));
        }

        for (var i = 0; i < _count; i++)
        {
            ref var p = ref _items[i];
            if (string.Equals(p.A, a, StringComparison.Ordinal) && string.Equals(p.B, b, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when some pair has <paramref name="b"/> second.</summary>
    public bool ContainsSecond(string b)
    {
        if (_large is not null)
        {
            foreach (var p in _large)
            {
                if (string.Equals(p.Item2, b, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_items[i].B, b, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Empties the set (and drops its strings) for reuse.</summary>
    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
        _large = null;
    }
}
