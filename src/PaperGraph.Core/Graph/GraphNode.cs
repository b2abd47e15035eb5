namespace PaperGraph.Core;

/// <summary>
/// One node of the knowledge graph. Mutable only through <see cref="KnowledgeGraph"/>, which merges aliases and
/// properties when the same entity is seen again.
/// </summary>
public sealed class GraphNode
{
    internal GraphNode(string id, NodeLabel label, string name)
    {
        Id = id;
        Label = label;
        Name = name;
    }

    /// <summary>Stable id, such as <c>model:deepseek-v3</c> or <c>paper:2401.02954</c>.</summary>
    public string Id { get; }

    /// <summary>The node's label.</summary>
    public NodeLabel Label { get; }

    /// <summary>Canonical name; a paper's title.</summary>
    public string Name { get; }

    /// <summary>Every surface form seen, ordinal-sorted (the canonical name included).</summary>
    public SortedSet<string> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>Type-specific properties (parameters, version, acronym, year...), key-sorted for stable output.</summary>
    public SortedDictionary<string, object?> Properties { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => $"{Label} {Id} \"{Name}\"";
}
