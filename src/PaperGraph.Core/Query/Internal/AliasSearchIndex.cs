using System.Collections.Concurrent;

namespace PaperGraph.Core;

/// <summary>
/// Typo-tolerant lookup over every alias key of a graph, built once: exact key, prefix (binary search over the
/// sorted keys), shared trigrams (Jaccard) and, for short keys where trigrams say little, a bounded edit distance.
/// Read-only after construction, so any number of requests can share it.
/// </summary>
internal sealed class AliasSearchIndex
{
    private const int MaxPrefixMatches = 256;
    private const double MinJaccard = 0.35;
    private readonly string[] _keys;
    private readonly string[] _aliases;
    private readonly GraphNode[][] _nodes;
    private readonly Dictionary<string, int> _byKey;
    private readonly Dictionary<long, int[]> _trigrams;
    private readonly Dictionary<int, int[]> _byLength;
    private readonly Func<GraphNode, int> _degree;
    private readonly ConcurrentBag<int[]> _counters = [];

    public AliasSearchIndex(IEnumerable<GraphNode> nodes, Func<GraphNode, int> degree)
    {
        _degree = degree;
        var entries = new SortedDictionary<string, (string Alias, List<GraphNode> Nodes)>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var alias in node.Aliases.Append(node.Name))
            {
                var key = NameKey.Of(alias);
                if (key.Length == 0)
                {
                    continue;
                }

                if (!entries.TryGetValue(key, out var entry))
                {
                    entries[key] = entry = (alias, []);
                }

                if (!entry.Nodes.Contains(node))
                {
                    entry.Nodes.Add(node);
                }
            }
        }

        _keys = [.. entries.Keys];
        _aliases = [.. entries.Values.Select(e => e.Alias)];
        _nodes = [.. entries.Values.Select(e => e.Nodes.ToArray())];
        _byKey = new Dictionary<string, int>(_keys.Length, StringComparer.Ordinal);
        var trigrams = new Dictionary<long, List<int>>();
        var byLength = new Dictionary<int, List<int>>();
        for (var i = 0; i < _keys.Length; i++)
        {
            _byKey[_keys[i]] = i;
            foreach (var t in Trigrams(_keys[i]))
            {
                if (!trigrams.TryGetValue(t, out var list))
                {
                    trigrams[t] = list = [];
                }

                if (list.Count == 0 || list[^1] != i)
                {
                    list.Add(i);
                }
            }

            if (_keys[i].Length <= 8)
            {
                if (!byLength.TryGetValue(_keys[i].Length, out var list))
                {
                    byLength[_keys[i].Length] = list = [];
                }

                list.Add(i);
            }
        }

        // Postings sorted by key length: a query only reads the slice of keys whose length allows the similarity
        // threshold, so the 100k long paper titles that share "dee" with "deepseek" are never touched.
        _trigrams = trigrams.ToDictionary(kv => kv.Key, kv => kv.Value.OrderBy(i => _keys[i].Length).ThenBy(i => i).ToArray());
        _byLength = byLength.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    /// <summary>Number of distinct alias keys.</summary>
    public int Count => _keys.Length;

    /// <summary>Nodes whose alias key starts with the key of <paramref name="prefix"/>, of one label if given.</summary>
    public IReadOnlyList<GraphNode> WithPrefix(string prefix, NodeLabel? label)
    {
        var key = NameKey.Of(prefix);
        var found = new List<GraphNode>();
        if (key.Length == 0)
        {
            return found;
        }

        var seen = new HashSet<GraphNode>();
        for (var i = LowerBound(key); i < _keys.Length && _keys[i].StartsWith(key, StringComparison.Ordinal); i++)
        {
            foreach (var node in _nodes[i])
            {
                if ((label is null || node.Label == label) && seen.Add(node))
                {
                    found.Add(node);
                }
            }
        }

        return found;
    }

    /// <summary>The best matches for a query, best first; at most one hit per node.</summary>
    public IReadOnlyList<(GraphNode Node, string Alias, double Score)> Search(string query, NodeLabel? label, int limit)
    {
        var q = NameKey.Of(query);
        var best = new Dictionary<GraphNode, (string Alias, double Score)>();
        if (q.Length == 0 || limit <= 0)
        {
            return [];
        }

        void Offer(int entry, double score)
        {
            foreach (var node in _nodes[entry])
            {
                if (label is not null && node.Label != label)
                {
                    continue;
                }

                if (!best.TryGetValue(node, out var current) || current.Score < score)
                {
                    best[node] = (_aliases[entry], score);
                }
            }
        }

        if (_byKey.TryGetValue(q, out var exact))
        {
            Offer(exact, 1.0);
        }

        var prefixCount = 0;
        for (var i = LowerBound(q); i < _keys.Length && prefixCount < MaxPrefixMatches && _keys[i].StartsWith(q, StringComparison.Ordinal); i++)
        {
            if (_keys[i].Length != q.Length)
            {
                Offer(i, 0.7 + (0.2 * q.Length / _keys[i].Length));
                prefixCount++;
            }
        }

        // Fuzzy passes only when exact and prefix matches do not already fill the answer: they cost the most.
        if (best.Count < limit)
        {
            FuzzyTrigrams(q, Offer);
            if (q.Length <= 6)
            {
                FuzzyShort(q, Offer);
            }
        }

        return [.. best
            .OrderByDescending(kv => kv.Value.Score)
            .ThenByDescending(kv => _degree(kv.Key))
            .ThenBy(kv => kv.Key.Name, StringComparer.Ordinal)
            .Take(limit)
            .Select(kv => (kv.Key, kv.Value.Alias, Math.Round(kv.Value.Score, 3)))];
    }

    private void FuzzyTrigrams(string q, Action<int, double> offer)
    {
        var grams = Trigrams(q).Distinct().ToArray();
        if (grams.Length == 0)
        {
            return;
        }

        // The counters must start at zero. A shared pool's arrays may come back dirty from any other user of the pool
        // (its contract allows it), so the index keeps its own: only this method returns them, after zeroing what it
        // touched.
        var counts = _counters.TryTake(out var spare) ? spare : new int[_keys.Length];
        var touched = new List<int>();
        try
        {
            // Jaccard >= t needs the key's trigram count within [t * |q|, |q| / t]; key length = trigrams + 2.
            var minLength = (int)Math.Ceiling(MinJaccard * grams.Length) + 2;
            var maxLength = (int)Math.Floor(grams.Length / MinJaccard) + 2;
            foreach (var g in grams)
            {
                if (!_trigrams.TryGetValue(g, out var postings))
                {
                    continue;
                }

                for (var i = FirstWithLength(postings, minLength); i < postings.Length; i++)
                {
                    var entry = postings[i];
                    if (_keys[entry].Length > maxLength)
                    {
                        break;
                    }

                    if (counts[entry]++ == 0)
                    {
                        touched.Add(entry);
                    }
                }
            }

            foreach (var entry in touched)
            {
                var shared = counts[entry];
                var keyGrams = Math.Max(1, _keys[entry].Length - 2);
                var jaccard = (double)shared / (grams.Length + keyGrams - shared);
                if (jaccard >= MinJaccard)
                {
                    offer(entry, 0.8 * jaccard);
                }
            }
        }
        finally
        {
            foreach (var entry in touched)
            {
                counts[entry] = 0;
            }

            _counters.Add(counts);
        }
    }

    private void FuzzyShort(string q, Action<int, double> offer)
    {
        var maxEdits = q.Length <= 3 ? 1 : 2;
        for (var length = q.Length - maxEdits; length <= q.Length + maxEdits; length++)
        {
            if (!_byLength.TryGetValue(length, out var entries))
            {
                continue;
            }

            foreach (var entry in entries)
            {
                var distance = EditDistance.Damerau(q, _keys[entry], maxEdits);
                if (distance is > 0 && distance <= maxEdits)
                {
                    offer(entry, 0.75 - (0.15 * distance));
                }
            }
        }
    }

    private int FirstWithLength(int[] postings, int length)
    {
        int lo = 0, hi = postings.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_keys[postings[mid]].Length < length)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private int LowerBound(string key)
    {
        int lo = 0, hi = _keys.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(_keys[mid], key) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static IEnumerable<long> Trigrams(string key)
    {
        for (var i = 0; i + 3 <= key.Length; i++)
        {
            yield return ((long)key[i] << 32) | ((long)key[i + 1] << 16) | key[i + 2];
        }
    }
}

/// <summary>Bounded edit distances for short keys.</summary>
internal static class EditDistance
{
    /// <summary>Optimal-string-alignment distance (a swap of neighbours counts 1), or max + 1 when over max.</summary>
    public static int Damerau(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                }

                d[i, j] = v;
                rowMin = Math.Min(rowMin, v);
            }

            if (rowMin > max)
            {
                return max + 1;
            }
        }

        return d[a.Length, b.Length];
    }
}
