namespace PaperGraph.Core;

/// <summary>
/// The questions the service answers, over one graph backend (the in-memory graph or Neo4j). Every backend
/// resolves names the same way: an exact alias key (<see cref="NameKey.Of"/>) or a node id; otherwise NotFound
/// with suggestions, or Ambiguous with the candidates. Arguments are assumed validated (caps are the caller's).
/// </summary>
public interface IGraphQueries
{
    /// <summary>The DERIVED_FROM / SUCCEEDS lineage of a model.</summary>
    Task<Lookup<LineageResult>> LineageAsync(string model, LineageDirection direction, int depth, CancellationToken cancellationToken);

    /// <summary>The models whose names start with the family name, and the lineage edges among them.</summary>
    Task<Lookup<FamilyResult>> FamilyAsync(string name, CancellationToken cancellationToken);

    /// <summary>Papers, models and variants around a technique.</summary>
    Task<Lookup<TechniquePapersResult>> TechniquePapersAsync(string name, PageRequest page, CancellationToken cancellationToken);

    /// <summary>A benchmark's scores, best first.</summary>
    Task<Lookup<BenchmarkResultsResult>> BenchmarkResultsAsync(string name, PageRequest page, CancellationToken cancellationToken);

    /// <summary>A paper (by id or title) and everything extracted from it.</summary>
    Task<Lookup<PaperDetailsResult>> PaperAsync(string id, CancellationToken cancellationToken);

    /// <summary>Typo-tolerant name and alias search, best first.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string query, NodeLabel? label, int limit, CancellationToken cancellationToken);

    /// <summary>A shortest path (edges taken either way) of at most <paramref name="maxDepth"/> hops; an empty path when none.</summary>
    Task<Lookup<PathResult>> ShortestPathAsync(string source, string target, int maxDepth, CancellationToken cancellationToken);

    /// <summary>Nodes within <paramref name="depth"/> hops, optionally only over some relationship types.</summary>
    Task<Lookup<NeighborsResult>> NeighborsAsync(string id, int depth, IReadOnlyCollection<RelType>? types, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Node and relationship counts.</summary>
    Task<GraphStats> StatsAsync(CancellationToken cancellationToken);
}
