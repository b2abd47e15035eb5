using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace PaperGraph.Core;

/// <summary>
/// One shared object per distinct relationship property value (a score, a unit, a metric name): millions of edges
/// carry a few thousand distinct values, and each edge kept its own boxed number and string before.
/// </summary>
internal static class ValueInterner
{
    // Bounded: a corpus of unique values must not grow a second copy of each; past the bound values are kept as given.
    private const int MaxValues = 1 << 16;
    private static readonly ConcurrentDictionary<object, object> Values = new(SameValue.Instance);

    /// <summary>The shared object equal to <paramref name="value"/> (same type and same bits), or the value itself.</summary>
    public static object Intern(object value)
    {
        // Per thread, the shared objects last returned, by string object or by double bits: every relation property
        // of every paper comes through here, and a hit needs no string hashing and no call through the comparer.
        var cache = _cache ??= new (object?, object?)[CacheSize];
        int slot;
        switch (value)
        {
            case string text:
                slot = RuntimeHelpers.GetHashCode(text) & (CacheSize - 1);
                if (ReferenceEquals(cache[slot].Given, text))
                {
                    return cache[slot].Shared!;
                }

                break;
            case double number:
                var bits = BitConverter.DoubleToInt64Bits(number);
                slot = (int)((ulong)(bits * -7046029254386353131L) >> (64 - CacheBits));
                if (cache[slot].Given is double seen && BitConverter.DoubleToInt64Bits(seen) == bits)
                {
                    return cache[slot].Shared!;
                }

                break;
            default:
                return value;
        }

        var shared = Values.TryGetValue(value, out var found) ? found
            : Values.Count < MaxValues ? Values.GetOrAdd(value, value) : value;
        cache[slot] = (value, shared);
        return shared;
    }

    // A corpus's results carry a few thousand distinct values: with a few hundred slots most lookups missed and went
    // to the shared table (64 KB a thread).
    private const int CacheBits = 12;
    private const int CacheSize = 1 << CacheBits;

    [ThreadStatic]
    private static (object? Given, object? Shared)[]? _cache;

    /// <summary>Strings by ordinal, doubles by their bits (0.0 and -0.0 print differently, so they are not the same value).</summary>
    private sealed class SameValue : IEqualityComparer<object>
    {
        public static readonly SameValue Instance = new();

        public new bool Equals(object? x, object? y) => (x, y) switch
        {
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            (double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b),
            _ => false,
        };

        public int GetHashCode(object obj) => obj switch
        {
            string s => StringComparer.Ordinal.GetHashCode(s),
            double d => BitConverter.DoubleToInt64Bits(d).GetHashCode(),
            _ => 0,
        };
    }
}
