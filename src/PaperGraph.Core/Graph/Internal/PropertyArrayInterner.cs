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
    public static KeyValuePair<string, object?>[] Intern(KeyValuePair<string, object?>[] pairs) => Intern(pairs, pairs);

    /// <summary>
    /// The shared array with the same keys and values as <paramref name="pairs"/>, or a new array of them: a caller
    /// that builds its pairs in scratch memory allocates only for a set not seen before.
    /// </summary>
    public static KeyValuePair<string, object?>[] Intern(ReadOnlySpan<KeyValuePair<string, object?>> pairs) => Intern(pairs, null);

    private static KeyValuePair<string, object?>[] Intern(ReadOnlySpan<KeyValuePair<string, object?>> pairs, KeyValuePair<string, object?>[]? given)
    {
        if (pairs.IsEmpty)
        {
            return given ?? [];
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
                return given ?? pairs.ToArray();
            }

            identity = (identity * 31) + RuntimeHelpers.GetHashCode(key) + (RuntimeHelpers.GetHashCode(value) * 17);
        }

        var cache = _cache ??= new KeyValuePair<string, object?>[CacheSize][];
        var slot = identity & (CacheSize - 1);
        if (cache[slot] is { } seen && SameObjects(seen, pairs))
        {
            return seen;
        }

        KeyValuePair<string, object?>[] shared;
        if (BySpan.TryGetValue(pairs, out var found))
        {
            shared = found;
        }
        else
        {
            var array = given ?? pairs.ToArray();
            shared = Arrays.Count < MaxArrays ? Arrays.GetOrAdd(array, array) : array;
        }

        cache[slot] = shared;
        return shared;
    }

    // Looks sets up by their pairs wherever they are (a caller's scratch memory), without an array for the key.
    private static readonly ConcurrentDictionary<KeyValuePair<string, object?>[], KeyValuePair<string, object?>[]>
        .AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> BySpan =
        Arrays.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();

    // A corpus's relations carry a few thousand distinct sets (results above all): with a few hundred slots most
    // lookups missed and hashed their contents for the shared table (32 KB a thread).
    private const int CacheSize = 1 << 12;

    [ThreadStatic]
    private static KeyValuePair<string, object?>[]?[]? _cache;

    private static bool SameObjects(KeyValuePair<string, object?>[] x, ReadOnlySpan<KeyValuePair<string, object?>> y)
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
    private sealed class SameProperties : IEqualityComparer<KeyValuePair<string, object?>[]>,
        IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, KeyValuePair<string, object?>[]>
    {
        public static readonly SameProperties Instance = new();

        public bool Equals(KeyValuePair<string, object?>[]? x, KeyValuePair<string, object?>[]? y) =>
            x is null || y is null ? ReferenceEquals(x, y) : Equals((ReadOnlySpan<KeyValuePair<string, object?>>)x, y);

        public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> alternate, KeyValuePair<string, object?>[] other)
        {
            if (alternate.Length != other.Length)
            {
                return false;
            }

            for (var i = 0; i < other.Length; i++)
            {
                if (!string.Equals(alternate[i].Key, other[i].Key, StringComparison.Ordinal) || !SameValue(alternate[i].Value, other[i].Value))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(KeyValuePair<string, object?>[] obj) => GetHashCode((ReadOnlySpan<KeyValuePair<string, object?>>)obj);

        public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> alternate)
        {
            var hash = new HashCode();
            foreach (var (key, value) in alternate)
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

        public KeyValuePair<string, object?>[] Create(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => alternate.ToArray();

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
