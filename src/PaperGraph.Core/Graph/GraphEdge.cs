using QuikGraph;

namespace PaperGraph.Core;

/// <summary>Provenance of one relationship: where in which paper, by which rule, how sure.</summary>
/// <param name="Paper">The paper node id.</param>
/// <param name="SentenceId">The sentence in the graph's <see cref="SentenceStore"/>.</param>
/// <param name="Start">Start offset of the evidence span in the paper text (<see cref="Paper.Text"/>).</param>
/// <param name="End">End offset (exclusive) of the evidence span in the paper text.</param>
/// <param name="Rule">Id of the extraction rule that produced the edge.</param>
/// <param name="Confidence">0..1.</param>
public sealed record Evidence(string Paper, int SentenceId, int Start, int End, string Rule, double Confidence);

/// <summary>One relationship of the knowledge graph; a QuikGraph edge between node ids.</summary>
/// <remarks>
/// A million abstracts give tens of millions of edges, so an edge is kept small: its id is derived on first use,
/// and an edge without properties shares one empty dictionary (properties are added through
/// <see cref="KnowledgeGraph"/>, which gives the edge its own dictionary first).
/// </remarks>
public sealed class GraphEdge : IEdge<string>
{
    private static readonly SortedDictionary<string, object?> NoProperties = new(StringComparer.Ordinal);
    private string? _id;
    private SortedDictionary<string, object?>? _properties;

    internal GraphEdge(string id, RelType type, string start, string end)
        : this(type, start, end, "#" + id)
    {
        _id = id;

        // A restored edge gets its properties from the file after construction, through this dictionary.
        _properties = new(StringComparer.Ordinal);
    }

    internal GraphEdge(RelType type, string start, string end, string? keyValues = null)
    {
        Type = type;
        Source = start;
        Target = end;
        KeyValues = keyValues;
    }

    /// <summary>Stable id derived from type, endpoints and key properties.</summary>
    public string Id => _id ??= KnowledgeGraph.EdgeId(Type, Source, Target, Properties);

    /// <summary>The relationship type.</summary>
    public RelType Type { get; }

    /// <summary>Start node id.</summary>
    public string Source { get; }

    /// <summary>End node id.</summary>
    public string Target { get; }

    /// <summary>Properties (kind, value, unit, metric, setting, outcome...), key-sorted. Read-only when empty.</summary>
    public SortedDictionary<string, object?> Properties => _properties ?? NoProperties;

    /// <summary>What tells this edge apart from others of its type and endpoints (key property values), for merging.</summary>
    internal string? KeyValues { get; }

    /// <summary>Every piece of evidence, in the order papers were read; no duplicates.</summary>
    public List<Evidence> Evidence { get; } = new(1);

    /// <inheritdoc/>
    public override string ToString() => $"({Source})-[:{Schema.TypeName(Type)}]->({Target})";

    /// <summary>Adds a property unless the edge has it already (the first value seen wins).</summary>
    internal void AddProperty(string key, object value) => (_properties ??= new(StringComparer.Ordinal)).TryAdd(key, value);
}
