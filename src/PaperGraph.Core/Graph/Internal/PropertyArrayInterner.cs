using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace PaperGraph.Core;

/// <summary>
/// One shared array per distinct set of relationship properties: millions of edges (a score and its metric, a kind of
/// derivation, an outcome of a comparison) carry a few thousand distinct sets, and each edge kept its own array
/// (56 bytes for two properties) before. Shared arrays are never written to: an edge that gets a property added
/// copies its array first (<see cref="GraphEdge"/>).
/// </summary>
internal static class PropertyArrayInterner
{
    // Bounded like ValueInterner: a corpus of unique property sets must not grow a second copy of each.
    private const int MaxArrays = 1 << 16;
    private static readonly ConcurrentDictionary<KeyValuePair<string, object?>[], KeyValuePair<string, object?>[]> Arrays =
        new(SameProperties.Instance);

    /// <summary>
    /// The shared array with the same keys and values (same type and same bits) as <paramref name="pairs"/>, or the
    /// array itself (also when a value is of a type not compared by content).
    /// </summary>
    public static KeyValuePair<string, object?>[] Intern(KeyValuePair<string, object?>[] pairs)
    {
        if (pairs.Length == 0)
        {
            return pairs;
        }

        // Per thread, the shared arrays last returned, by the objects of their keys and values: values come shared
        // from ValueInterner and keys are the extractor's own strings, so a repeated set is usually the same objects,
        // and a hit needs no content hashing. Same objects means same content, so the answer is the one the table
        // gives.
        var identity = 0;
        foreach (var (key, value) in pairs)
        {
            if (value is not (string or double or int or long or bool))
            {
                return pairs;
            }

            identity = (identity * 31) + RuntimeHelpers.GetHashCode(key) + (RuntimeHelpers.GetHashCode(value) * 17);
        }

        var cache = _cache ??= new KeyValuePair<string, object?>[CacheSize][];
        var slot = identity & (CacheSize - 1);
        if (cache[slot] is { } seen && SameObjects(seen, pairs))
        {
            return seen;
        }

        var shared = Arrays.TryGetValue(pairs, out var found) ? found
            : Arrays.Count < MaxArrays ? Arrays.GetOrAdd(pairs, pairs) : pairs;
        cache[slot] = shared;
        return shared;
    }

    private const int CacheSize = 256;

    [ThreadStatic]
    private static KeyValuePair<string, object?>[]?[]? _cache;

    private static bool SameObjects(KeyValuePair<string, object?>[] x, KeyValuePair<string, object?>[] y)
    {
        if (x.Length != y.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!ReferenceEquals(x[i].Key, y[i].Key) || !ReferenceEquals(x[i].Value, y[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Keys by ordinal, values by type and content (doubles by their bits: 0.0 and -0.0 print differently).</summary>
    private sealed class SameProperties : IEqualityComparer<KeyValuePair<string, object?>[]>
    {
        public static readonly SameProperties Instance = new();

        public bool Equals(KeyValuePair<string, object?>[]? x, KeyValuePair<string, object?>[]? y)
        {
            if (x is null || y is null || x.Length != y.Length)
            {
                return ReferenceEquals(x, y);
            }

            for (var i = 0; i < x.Length; i++)
            {
                if (!string.Equals(x[i].Key, y[i].Key, StringComparison.Ordinal) || !SameValue(x[i].Value, y[i].Value))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(KeyValuePair<string, object?>[] obj)
        {
            var hash = new HashCode();
            foreach (var (key, value) in obj)
            {
                hash.Add(StringComparer.Ordinal.GetHashCode(key));
                hash.Add(value switch
                {
                    string s => StringComparer.Ordinal.GetHashCode(s),
                    double d => BitConverter.DoubleToInt64Bits(d).GetHashCode(),
                    null => 0,
                    _ => value.GetHashCode(),
                });
            }

            return hash.ToHashCode();
        }

        private static bool SameValue(object? x, object? y) => (x, y) switch
        {
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            (double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b),
            (int a, int b) => a == b,
            (long a, long b) => a == b,
            (bool a, bool b) => a == b,
            _ => false,
        };
    }
}
