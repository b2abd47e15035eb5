namespace PaperGraph.Core;

/// <summary>Writes <c>graph.cypher</c>: one idempotent script (constraints first, then MERGE statements).</summary>
public static class CypherScriptWriter
{
    /// <summary>Writes the whole graph as a Cypher script that can be run twice with the same result.</summary>
    public static Task WriteAsync(KnowledgeGraph graph, Stream output, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Implemented by the Neo4j work (issue 4).");
}
