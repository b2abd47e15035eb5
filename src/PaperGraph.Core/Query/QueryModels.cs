namespace PaperGraph.Core;

/// <summary>Which way a lineage query walks DERIVED_FROM and SUCCEEDS edges.</summary>
public enum LineageDirection
{
    /// <summary>Parents and predecessors (follow the edges forwards).</summary>
    Ancestors,

    /// <summary>Children and successors (follow the edges backwards).</summary>
    Descendants,

    /// <summary>Both ways.</summary>
    Both,
}

/// <summary>A window over a long list.</summary>
/// <param name="Offset">Items to skip.</param>
/// <param name="Limit">Items to return at most.</param>
public sealed record PageRequest(int Offset = 0, int Limit = 50);

/// <summary>A node as the query answers show it.</summary>
/// <param name="Id">Stable node id (<c>model:deepseek-v3</c>).</param>
/// <param name="Label">Neo4j label (Model, Technique, ...).</param>
/// <param name="Name">Canonical name; a paper's title.</param>
public sealed record NodeRef(string Id, string Label, string Name);

/// <summary>Why an edge is there: one sentence of one paper.</summary>
/// <param name="PaperId">The paper node id.</param>
/// <param name="Sentence">The evidence sentence.</param>
/// <param name="Start">Start offset of the evidence span in the paper text (title, newline, abstract).</param>
/// <param name="End">End offset (exclusive) of the span.</param>
/// <param name="Rule">Extraction rule id.</param>
/// <param name="Confidence">0..1.</param>
public sealed record EvidenceItem(string PaperId, string Sentence, int Start, int End, string Rule, double Confidence);

/// <summary>A relationship with its properties and evidence.</summary>
/// <param name="Id">Stable relationship id.</param>
/// <param name="Type">Neo4j type name (DERIVED_FROM, ...).</param>
/// <param name="Source">Start node id.</param>
/// <param name="Target">End node id.</param>
/// <param name="Properties">Relationship properties (kind, value, unit, metric, setting, outcome...).</param>
/// <param name="Evidence">Every piece of evidence.</param>
public sealed record EdgeInfo(
    string Id,
    string Type,
    string Source,
    string Target,
    IReadOnlyDictionary<string, object?> Properties,
    IReadOnlyList<EvidenceItem> Evidence);

/// <summary>A node reached by a traversal, with its distance from the start.</summary>
/// <param name="Node">The node.</param>
/// <param name="Depth">Hops from the start (0 for the start itself).</param>
public sealed record ReachedNode(NodeRef Node, int Depth);

/// <summary>A model's lineage: the DERIVED_FROM / SUCCEEDS tree around it.</summary>
/// <param name="Model">The model asked about.</param>
/// <param name="Direction">ancestors, descendants or both.</param>
/// <param name="Depth">Maximum hops walked.</param>
/// <param name="Nodes">Models reached (the start at depth 0), nearest first.</param>
/// <param name="Edges">Lineage edges between them; DERIVED_FROM carries <c>kind</c>.</param>
public sealed record LineageResult(
    NodeRef Model,
    string Direction,
    int Depth,
    IReadOnlyList<ReachedNode> Nodes,
    IReadOnlyList<EdgeInfo> Edges);

/// <summary>The models of a family and how they connect.</summary>
/// <param name="Family">The family name asked about.</param>
/// <param name="Models">Member models, by name.</param>
/// <param name="Edges">DERIVED_FROM and SUCCEEDS edges among the members.</param>
public sealed record FamilyResult(string Family, IReadOnlyList<NodeRef> Models, IReadOnlyList<EdgeInfo> Edges);

/// <summary>A paper's role towards a technique.</summary>
/// <param name="Paper">The paper.</param>
/// <param name="Role">introduces, uses or mentions.</param>
/// <param name="Evidence">The evidence from that paper.</param>
public sealed record TechniquePaper(NodeRef Paper, string Role, IReadOnlyList<EvidenceItem> Evidence);

/// <summary>A model that uses a technique.</summary>
/// <param name="Model">The model.</param>
/// <param name="Evidence">Why.</param>
public sealed record TechniqueModel(NodeRef Model, IReadOnlyList<EvidenceItem> Evidence);

/// <summary>Papers and models around a technique.</summary>
/// <param name="Technique">The technique asked about.</param>
/// <param name="Papers">Papers that introduce, use or mention it (introduces first), paged.</param>
/// <param name="TotalPapers">Paper count before paging.</param>
/// <param name="Models">Models that use it.</param>
/// <param name="Variants">Techniques that are variants of it.</param>
/// <param name="VariantOf">Techniques it is a variant of.</param>
public sealed record TechniquePapersResult(
    NodeRef Technique,
    IReadOnlyList<TechniquePaper> Papers,
    int TotalPapers,
    IReadOnlyList<TechniqueModel> Models,
    IReadOnlyList<NodeRef> Variants,
    IReadOnlyList<NodeRef> VariantOf);

/// <summary>One reported score.</summary>
/// <param name="Model">The model that scored.</param>
/// <param name="Value">The number, when parsed.</param>
/// <param name="Unit">%, count, ratio...</param>
/// <param name="Metric">accuracy, pass@k...</param>
/// <param name="Setting">"64 samples"...</param>
/// <param name="Paper">The paper that reports it (first evidence), if any.</param>
/// <param name="Evidence">Why.</param>
public sealed record BenchmarkScore(
    NodeRef Model,
    double? Value,
    string? Unit,
    string? Metric,
    string? Setting,
    NodeRef? Paper,
    IReadOnlyList<EvidenceItem> Evidence);

/// <summary>A benchmark's leaderboard.</summary>
/// <param name="Benchmark">The benchmark asked about.</param>
/// <param name="Results">Scores, highest value first (paged).</param>
/// <param name="Total">Score count before paging.</param>
public sealed record BenchmarkResultsResult(NodeRef Benchmark, IReadOnlyList<BenchmarkScore> Results, int Total);

/// <summary>One relationship read from a paper, with both ends named.</summary>
/// <param name="Type">Neo4j type name.</param>
/// <param name="Source">Start node.</param>
/// <param name="Target">End node.</param>
/// <param name="Properties">Relationship properties.</param>
/// <param name="Evidence">The evidence from this paper only.</param>
public sealed record ExtractedFact(
    string Type,
    NodeRef Source,
    NodeRef Target,
    IReadOnlyDictionary<string, object?> Properties,
    IReadOnlyList<EvidenceItem> Evidence);

/// <summary>A paper and everything extracted from it.</summary>
/// <param name="Paper">The paper.</param>
/// <param name="Year">Publication year, when known.</param>
/// <param name="Url">Link, when known.</param>
/// <param name="Authors">Authors, when known.</param>
/// <param name="Facts">Every relationship with evidence from this paper.</param>
public sealed record PaperDetailsResult(
    NodeRef Paper,
    int? Year,
    string? Url,
    IReadOnlyList<string> Authors,
    IReadOnlyList<ExtractedFact> Facts);

/// <summary>One search hit.</summary>
/// <param name="Node">The node found.</param>
/// <param name="MatchedAlias">The name or alias that matched.</param>
/// <param name="Score">1 for an exact key match, lower for prefix, substring and typo matches.</param>
public sealed record SearchHit(NodeRef Node, string MatchedAlias, double Score);

/// <summary>A shortest path between two nodes (edges in either direction).</summary>
/// <param name="Source">Where it starts.</param>
/// <param name="Target">Where it ends.</param>
/// <param name="MaxDepth">The hop limit searched.</param>
/// <param name="Nodes">Nodes along the path, in order; empty when there is no path within the limit.</param>
/// <param name="Edges">Edges along the path, in order (their own direction kept).</param>
public sealed record PathResult(NodeRef Source, NodeRef Target, int MaxDepth, IReadOnlyList<NodeRef> Nodes, IReadOnlyList<EdgeInfo> Edges)
{
    /// <summary>Whether a path was found.</summary>
    public bool Found => Nodes.Count > 0;

    /// <summary>Hops.</summary>
    public int Length => Edges.Count;
}

/// <summary>The neighbourhood of a node.</summary>
/// <param name="Center">The start node.</param>
/// <param name="Nodes">Nodes reached, nearest first (paged; the centre excluded).</param>
/// <param name="Total">Nodes reached before paging.</param>
/// <param name="Edges">Edges between the centre and the returned nodes, and among them.</param>
/// <param name="Truncated">True when the walk stopped at its node budget (hubs): Total is then a lower bound.</param>
public sealed record NeighborsResult(NodeRef Center, IReadOnlyList<ReachedNode> Nodes, int Total, IReadOnlyList<EdgeInfo> Edges, bool Truncated = false);

/// <summary>Graph size.</summary>
/// <param name="Nodes">Node count.</param>
/// <param name="Relationships">Relationship count.</param>
/// <param name="NodesByLabel">Per label.</param>
/// <param name="RelationshipsByType">Per type.</param>
public sealed record GraphStats(
    long Nodes,
    long Relationships,
    IReadOnlyDictionary<string, long> NodesByLabel,
    IReadOnlyDictionary<string, long> RelationshipsByType);

/// <summary>How a name lookup went.</summary>
public enum LookupStatus
{
    /// <summary>One node matched and the query ran.</summary>
    Found,

    /// <summary>No node has that name or alias; see the suggestions.</summary>
    NotFound,

    /// <summary>Several nodes share that name or alias; see the candidates.</summary>
    Ambiguous,
}

/// <summary>
/// A query's answer, or why there is none: a name nobody has (with "did you mean" suggestions) or a name several
/// nodes share (with the candidates).
/// </summary>
/// <typeparam name="T">The answer type.</typeparam>
/// <param name="Status">Found, NotFound or Ambiguous.</param>
/// <param name="Value">The answer when found.</param>
/// <param name="Name">The name that did not resolve (which argument, for a path).</param>
/// <param name="Candidates">Suggestions (NotFound) or the candidates (Ambiguous).</param>
public sealed record Lookup<T>(LookupStatus Status, T? Value, string? Name, IReadOnlyList<NodeRef> Candidates)
    where T : class
{
    /// <summary>Carries a failed lookup over to another answer type.</summary>
    public Lookup<TOther> As<TOther>()
        where TOther : class =>
        new(Status, null, Name, Candidates);
}

/// <summary>Factories of <see cref="Lookup{T}"/>.</summary>
public static class Lookup
{
    /// <summary>A found answer.</summary>
    public static Lookup<T> Found<T>(T value)
        where T : class => new(LookupStatus.Found, value, null, []);

    /// <summary>An unknown name with suggestions.</summary>
    public static Lookup<T> NotFound<T>(string name, IReadOnlyList<NodeRef> suggestions)
        where T : class => new(LookupStatus.NotFound, null, name, suggestions);

    /// <summary>An ambiguous name with its candidates.</summary>
    public static Lookup<T> Ambiguous<T>(string name, IReadOnlyList<NodeRef> candidates)
        where T : class => new(LookupStatus.Ambiguous, null, name, candidates);
}
