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
public sealed class GraphEdge : IEdge<string>
{
    internal GraphEdge(string id, RelType type, string start, string end)
    {
        Id = id;
        Type = type;
        Source = start;
        Target = end;
    }

    /// <summary>Stable id derived from type, endpoints and key properties.</summary>
    public string Id { get; }

    /// <summary>The relationship type.</summary>
    public RelType Type { get; }

    /// <summary>Start node id.</summary>
    public string Source { get; }

    /// <summary>End node id.</summary>
    public string Target { get; }

    /// <summary>Properties (kind, value, unit, metric, setting, outcome...), key-sorted.</summary>
    public SortedDictionary<string, object?> Properties { get; } = new(StringComparer.Ordinal);

    /// <summary>Every piece of evidence, in the order papers were read; no duplicates.</summary>
    public List<Evidence> Evidence { get; } = [];

    /// <inheritdoc/>
    public override string ToString() => $"({Source})-[:{Schema.TypeName(Type)}]->({Target})";
}
