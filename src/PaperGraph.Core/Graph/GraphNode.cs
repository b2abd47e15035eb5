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
    // null (none), a string (one alias) or a SortedSet<string> (several).
    private object? _aliases;
    private PropertyDictionary? _properties;

    internal GraphNode(string id, NodeLabel label, string name, SentenceStore sentences)
    {
        Id = id;
        Label = label;
        Name = name;
        Sentences = sentences;
    }

    /// <summary>
    /// The sentence store of the node's graph: an edge finds the paper of its inline evidence there, through its start
    /// node, instead of keeping a reference of its own (one per node instead of one per edge).
    /// </summary>
    internal SentenceStore Sentences { get; }

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
        var many => (SortedSet<string>)many,
    };

    /// <summary>Number of aliases.</summary>
    internal int AliasCount => _aliases switch
    {
        null => 0,
        string => 1,
        var many => ((SortedSet<string>)many).Count,
    };

    /// <summary>Type-specific properties (parameters, version, acronym, year...), key-sorted for stable output.</summary>
    public IReadOnlyDictionary<string, object?> Properties => _properties ?? PropertyDictionary.Empty;

    /// <summary>The properties, for writing (the node gets its own map first).</summary>
    internal PropertyDictionary MutableProperties => _properties ??= new PropertyDictionary();

    /// <summary>Gives a node without properties its map.</summary>
    internal void SetProperties(PropertyDictionary properties) => _properties = properties;

    /// <summary>The properties without an interface call.</summary>
    internal PropertyDictionary PropertyMap => _properties ?? PropertyDictionary.Empty;

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

                _aliases = new SortedSet<string>(StringComparer.Ordinal) { one, alias };
                return true;
            default:
                return ((SortedSet<string>)_aliases).Add(alias);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Label} {Id} \"{Name}\"";
}
