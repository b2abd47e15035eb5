using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace PaperGraph.Core;

/// <summary>
/// The properties of a node or relationship: a small ordinal-sorted array of key/value pairs. A million papers give
/// tens of millions of nodes and edges with zero to four properties each, for which a tree-based sorted dictionary
/// costs several times the memory of the values themselves.
/// </summary>
internal sealed class PropertyDictionary : IReadOnlyDictionary<string, object?>
{
    private static readonly KeyValuePair<string, object?>[] None = [];
    private KeyValuePair<string, object?>[] _items;
    private int _count;

    /// <summary>Creates an empty map.</summary>
    public PropertyDictionary()
        : this(0)
    {
    }

    internal PropertyDictionary(int capacity) => _items = capacity == 0 ? None : new KeyValuePair<string, object?>[capacity];

    /// <summary>A map over pairs already in ordinal key order with distinct keys; the map takes the array over.</summary>
    internal PropertyDictionary(KeyValuePair<string, object?>[] sorted)
    {
        _items = sorted;
        _count = sorted.Length;
    }

    /// <summary>A shared, empty map that is never written to.</summary>
    internal static PropertyDictionary Empty { get; } = new();

    /// <inheritdoc/>
    public int Count => _count;

    /// <inheritdoc/>
    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No property '{key}'.");

    /// <summary>Keys in ordinal order.</summary>
    public IEnumerable<string> Keys => this.Select(kv => kv.Key);

    /// <summary>Values in key order.</summary>
    public IEnumerable<object?> Values => this.Select(kv => kv.Value);

    /// <inheritdoc/>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            value = null;
            return false;
        }

        value = _items[i].Value;
        return true;
    }

    /// <summary>The pair at a position (key order), without an enumerator.</summary>
    internal KeyValuePair<string, object?> At(int index) => _items[index];

    /// <summary>Adds a property unless the key is present (the first value seen wins).</summary>
    internal bool TryAdd(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var i = IndexOf(key);
        if (i >= 0)
        {
            return false;
        }

        Insert(~i, key, value);
        return true;
    }

    /// <summary>Sets a property, replacing any value the key has.</summary>
    internal void Set(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var i = IndexOf(key);
        if (i >= 0)
        {
            _items[i] = new(key, value);
        }
        else
        {
            Insert(~i, key, value);
        }
    }

    private void Insert(int at, string key, object? value)
    {
        if (_count == _items.Length)
        {
            var grown = new KeyValuePair<string, object?>[_count == 0 ? 1 : _count + 2];
            Array.Copy(_items, grown, _count);
            _items = grown;
        }

        Array.Copy(_items, at, _items, at + 1, _count - at);
        _items[at] = new(key, value);
        _count++;
    }

    private int IndexOf(string key) => IndexOf(_items, _count, key);

    /// <summary>
    /// Sorts pairs with distinct keys into ordinal key order (the order <see cref="IndexOf(KeyValuePair{string, object}[], int, string)"/>
    /// searches). An insertion sort: a node or relationship has a handful of properties; with distinct keys the order is
    /// the one Array.Sort gives.
    /// </summary>
    internal static void SortByKey(Span<KeyValuePair<string, object?>> pairs)
    {
        for (var i = 1; i < pairs.Length; i++)
        {
            var item = pairs[i];
            var at = i - 1;
            while (at >= 0 && string.CompareOrdinal(pairs[at].Key, item.Key) > 0)
            {
                pairs[at + 1] = pairs[at];
                at--;
            }

            pairs[at + 1] = item;
        }
    }

    /// <summary>Binary search of the first <paramref name="count"/> key-sorted pairs in ordinal order; ~index of the insertion point when absent.</summary>
    internal static int IndexOf(KeyValuePair<string, object?>[] items, int count, string key)
    {
        int lo = 0, hi = count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = string.CompareOrdinal(items[mid].Key, key);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
