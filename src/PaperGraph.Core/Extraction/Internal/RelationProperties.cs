using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace PaperGraph.Core;

/// <summary>
/// The few properties of one extracted relation, read-only, in the order they were given (as a fresh
/// <see cref="Dictionary{TKey, TValue}"/> enumerates them). A result carries four; a dictionary for them, with its
/// buckets, entries, growth and the argument array, was the largest allocation of the result rule.
/// </summary>
/// <remarks>
/// The map is its own first enumerator, as a compiler-made iterator is: each relation's properties are walked once
/// by the graph side (<c>PreparedPaper</c>), and an iterator object per walk was an allocation per result. Only the
/// first walk of a map gets the map itself (whoever holds it keeps it, disposed or not); every later one, on any
/// thread, gets an enumerator of its own.
/// </remarks>
internal sealed class RelationProperties : IReadOnlyDictionary<string, object?>, IEnumerator<KeyValuePair<string, object?>>
{
    // Up to four pairs held in fields: no array behind them (a result carries four at most).
    private readonly int _count;
    private readonly string? _k0, _k1, _k2, _k3;
    private readonly object? _v0, _v1, _v2, _v3;

    // NotHandedOut until the map is handed out as its own enumerator (taken atomically, never given back); then that
    // enumerator's position: -1 before the first pair, _count after the last. One field: the map stays 88 bytes.
    private const int NotHandedOut = -2;
    private int _cursor = NotHandedOut;

    private RelationProperties(int count, string? k0, object? v0, string? k1, object? v1, string? k2, object? v2, string? k3, object? v3)
    {
        _count = count;
        (_k0, _v0, _k1, _v1, _k2, _v2, _k3, _v3) = (k0, v0, k1, v1, k2, v2, k3, v3);
    }

    /// <inheritdoc/>
    public int Count => _count;

    /// <inheritdoc/>
    public IEnumerable<string> Keys
    {
        get
        {
            var keys = new string[_count];
            for (var i = 0; i < _count; i++)
            {
                keys[i] = At(i).Key;
            }

            return keys;
        }
    }

    /// <inheritdoc/>
    public IEnumerable<object?> Values
    {
        get
        {
            var values = new object?[_count];
            for (var i = 0; i < _count; i++)
            {
                values[i] = At(i).Value;
            }

            return values;
        }
    }

    /// <inheritdoc/>
    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No property '{key}'.");

    /// <summary>The non-null values of four named properties, in this order (keys distinct).</summary>
    public static RelationProperties Of(string k1, object? v1, string k2, object? v2, string k3, object? v3, string k4, object? v4)
    {
        // Packed to the front, nulls left out.
        Span<int> take = stackalloc int[4];
        var n = 0;
        if (v1 is not null)
        {
            take[n++] = 0;
        }

        if (v2 is not null)
        {
            take[n++] = 1;
        }

        if (v3 is not null)
        {
            take[n++] = 2;
        }

        if (v4 is not null)
        {
            take[n++] = 3;
        }

        ReadOnlySpan<string> keys = [k1, k2, k3, k4];
        ReadOnlySpan<object?> values = [v1, v2, v3, v4];
        return new RelationProperties(
            n,
            n > 0 ? keys[take[0]] : null,
            n > 0 ? values[take[0]] : null,
            n > 1 ? keys[take[1]] : null,
            n > 1 ? values[take[1]] : null,
            n > 2 ? keys[take[2]] : null,
            n > 2 ? values[take[2]] : null,
            n > 3 ? keys[take[3]] : null,
            n > 3 ? values[take[3]] : null);
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

        value = At(i).Value;
        return true;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
        Interlocked.CompareExchange(ref _cursor, -1, NotHandedOut) == NotHandedOut ? this : Walk();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>An enumerator of its own, for every walk after the first.</summary>
    private IEnumerator<KeyValuePair<string, object?>> Walk()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return At(i);
        }
    }

    /// <inheritdoc/>
    KeyValuePair<string, object?> IEnumerator<KeyValuePair<string, object?>>.Current =>
        (uint)_cursor < (uint)_count ? At(_cursor) : default;

    /// <inheritdoc/>
    object IEnumerator.Current => ((IEnumerator<KeyValuePair<string, object?>>)this).Current;

    /// <inheritdoc/>
    bool IEnumerator.MoveNext()
    {
        if (_cursor < _count)
        {
            _cursor++;
        }

        return _cursor < _count;
    }

    /// <inheritdoc/>
    void IEnumerator.Reset() => _cursor = -1;

    /// <summary>Ends the walk (the map is not handed out again: its holder may dispose it any number of times).</summary>
    void IDisposable.Dispose() => _cursor = _count;

    private KeyValuePair<string, object?> At(int i) => i switch
    {
        0 => new(_k0!, _v0),
        1 => new(_k1!, _v1),
        2 => new(_k2!, _v2),
        _ => new(_k3!, _v3),
    };

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(At(i).Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
