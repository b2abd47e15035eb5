using System.Collections.Concurrent;

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
        if (value is not (string or double))
        {
            return value;
        }

        if (Values.TryGetValue(value, out var shared))
        {
            return shared;
        }

        return Values.Count < MaxValues ? Values.GetOrAdd(value, value) : value;
    }

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
