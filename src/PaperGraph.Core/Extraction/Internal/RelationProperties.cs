using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace PaperGraph.Core;

/// <summary>
/// The few properties of one extracted relation, read-only, in the order they were given (as a fresh
/// <see cref="Dictionary{TKey, TValue}"/> enumerates them). A result carries four; a dictionary for them, with its
/// buckets, entries, growth and the argument array, was the largest allocation of the result rule.
/// </summary>
internal sealed class RelationProperties : IReadOnlyDictionary<string, object?>
{
    private readonly KeyValuePair<string, object?>[] _items;

    private RelationProperties(KeyValuePair<string, object?>[] items) => _items = items;

    /// <inheritdoc/>
    public int Count => _items.Length;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => Array.ConvertAll(_items, kv => kv.Key);

    /// <inheritdoc/>
    public IEnumerable<object?> Values => Array.ConvertAll(_items, kv => kv.Value);

    /// <inheritdoc/>
    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No property '{key}'.");

    /// <summary>The non-null values of four named properties, in this order (keys distinct).</summary>
    public static RelationProperties Of(string k1, object? v1, string k2, object? v2, string k3, object? v3, string k4, object? v4)
    {
        var n = (v1 is null ? 0 : 1) + (v2 is null ? 0 : 1) + (v3 is null ? 0 : 1) + (v4 is null ? 0 : 1);
        var items = n == 0 ? [] : new KeyValuePair<string, object?>[n];
        var i = 0;
        if (v1 is not null)
        {
            items[i++] = new(k1, v1);
        }

        if (v2 is not null)
        {
            items[i++] = new(k2, v2);
        }

        if (v3 is not null)
        {
            items[i++] = new(k3, v3);
        }

        if (v4 is not null)
        {
            items[i] = new(k4, v4);
        }

        return new RelationProperties(items);
    }

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

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _items.Length; i++)
        {
            if (string.Equals(_items[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
