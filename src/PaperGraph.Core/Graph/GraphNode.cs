namespace PaperGraph.Core;

/// <summary>
/// One node of the knowledge graph. Mutable only through <see cref="KnowledgeGraph"/>, which merges aliases and
/// properties when the same entity is seen again.
/// </summary>
/// <remarks>
/// A million-paper graph has millions of nodes, most with one alias (a paper's title, an entity's name) and a few
/// properties, so aliases are kept as the one string until a second one arrives and properties as a small sorted
/// array; nodes without properties share one empty map.
/// </remarks>
public sealed class GraphNode
{
    // null (none), a string (one alias) or a string[] in ordinal order, distinct (several: an array is 8 bytes an
    // alias, a sorted set ~50 plus its own object).
    private object? _aliases;
    // null (none), a PropertyDictionary, or the properties as an ordinal-sorted array of their exact size (as entities
    // get them while merging: no map object, and no room to grow, until one is asked for in order to be written to).
    private object? _properties;

    // A paper whose only properties are its title (the node's name) and year, as nearly every paper of a large
    // corpus, keeps no map until one is asked for: 0 = not such a paper (the map is _properties), 1 = title only,
    // year + 2 = title and year. Saves ~90 bytes a paper; the field fills what would be padding.
    private int _titleAndYear;

    internal GraphNode(string id, NodeLabel label, string name, int number)
    {
        Number = number;
        Id = id;
        Label = label;
        Name = name;
    }

    /// <summary>The node's number in its graph (edge records name their endpoints by it).</summary>
    internal int Number { get; }

    /// <summary>Stable id, such as <c>model:deepseek-v3</c> or <c>paper:2401.02954</c>.</summary>
    public string Id { get; }

    /// <summary>The node's label.</summary>
    public NodeLabel Label { get; }

    /// <summary>Canonical name; a paper's title.</summary>
    public string Name { get; }

    /// <summary>Every surface form seen, ordinal-sorted (the canonical name included).</summary>
    public IReadOnlyCollection<string> Aliases => _aliases switch
    {
        null => [],
        string one => [one],
        var many => (string[])many,
    };

    /// <summary>Number of aliases.</summary>
    internal int AliasCount => _aliases switch
    {
        null => 0,
        string => 1,
        var many => ((string[])many).Length,
    };

    /// <summary>Type-specific properties (parameters, version, acronym, year...), key-sorted for stable output.</summary>
    public IReadOnlyDictionary<string, object?> Properties => PropertyMap;

    /// <summary>The properties, for writing (the node gets its own map first).</summary>
    internal PropertyDictionary MutableProperties
    {
        get
        {
            switch (_properties)
            {
                case PropertyDictionary map:
                    return map;
                case KeyValuePair<string, object?>[] sorted:
                    var owned = new PropertyDictionary(sorted);
                    _properties = owned;
                    return owned;
                default:
                    var created = _titleAndYear != 0 ? TitleAndYear() : new PropertyDictionary();
                    _properties = created;
                    _titleAndYear = 0;
                    return created;
            }
        }
    }

    /// <summary>Gives a node without properties its map.</summary>
    internal void SetProperties(PropertyDictionary properties)
    {
        _properties = properties;
        _titleAndYear = 0;
    }

    /// <summary>
    /// Gives a node without properties these, as a new array of their exact size in ordinal key order with distinct
    /// keys and no null values, which the node takes over (an empty array leaves it without properties).
    /// </summary>
    internal void SetSortedProperties(KeyValuePair<string, object?>[] sorted)
    {
        if (_properties is not null || _titleAndYear != 0)
        {
            throw new InvalidOperationException("The node has properties already.");
        }

        _properties = sorted.Length == 0 ? null : sorted;
    }

    /// <summary>
    /// Gives a node without properties the map <c>{title: Name, year}</c> (year null: title only) without making it
    /// until it is read.
    /// </summary>
    internal void SetTitleAndYear(int? year)
    {
        if (year is < 0 or >= KnowledgeGraph.BoxedYears)
        {
            throw new ArgumentOutOfRangeException(nameof(year));
        }

        _properties = null;
        _titleAndYear = year is { } y ? y + 2 : 1;
    }

    /// <summary>The properties without an interface call (a new map each time for a paper whose map is implied).</summary>
    internal PropertyDictionary PropertyMap => _properties switch
    {
        PropertyDictionary map => map,
        KeyValuePair<string, object?>[] sorted => new PropertyDictionary(sorted),
        _ => _titleAndYear != 0 ? TitleAndYear() : PropertyDictionary.Empty,
    };

    /// <summary>Adds a property unless the node has it already (the first value seen wins); false when it had it.</summary>
    internal bool AddProperty(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_properties is PropertyDictionary || _titleAndYear != 0)
        {
            return MutableProperties.TryAdd(key, value);
        }

        var sorted = _properties as KeyValuePair<string, object?>[] ?? [];
        var at = PropertyDictionary.IndexOf(sorted, sorted.Length, key);
        if (at >= 0)
        {
            return false;
        }

        _properties = Inserted(sorted, ~at, new KeyValuePair<string, object?>(key, value));
        return true;
    }

    // A copy of a sorted array with one more item at its place: the node's arrays are exact-size (no room to grow).
    private static T[] Inserted<T>(T[] items, int at, T item)
    {
        var grown = new T[items.Length + 1];
        Array.Copy(items, grown, at);
        grown[at] = item;
        Array.Copy(items, at, grown, at + 1, items.Length - at);
        return grown;
    }

    private PropertyDictionary TitleAndYear() => new(_titleAndYear == 1
        ? [new("title", Name)]
        : [new("title", Name), new("year", KnowledgeGraph.BoxedYear(_titleAndYear - 2))]);

    /// <summary>Adds an alias; false when the node has it already.</summary>
    internal bool AddAlias(string alias)
    {
        switch (_aliases)
        {
            case null:
                // The canonical name is the usual first alias: share its string.
                _aliases = string.Equals(alias, Name, StringComparison.Ordinal) ? Name : alias;
                return true;
            case string one:
                if (string.Equals(one, alias, StringComparison.Ordinal))
                {
                    return false;
                }

                _aliases = string.CompareOrdinal(one, alias) < 0 ? new[] { one, alias } : new[] { alias, one };
                return true;
            default:
                var many = (string[])_aliases;
                var at = Array.BinarySearch(many, alias, StringComparer.Ordinal);
                if (at >= 0)
                {
                    return false;
                }

                _aliases = Inserted(many, ~at, alias);
                return true;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Label} {Id} \"{Name}\"";
}
