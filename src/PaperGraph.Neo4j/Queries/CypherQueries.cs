using System.Collections.Concurrent;

namespace PaperGraph.Neo4j;

/// <summary>
/// The named traversal statements of <c>cypher/queries/*.cypher</c>, embedded in this assembly at build time so the
/// service runs exactly the files users open in Neo4j Browser.
/// </summary>
public static class CypherQueries
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>Every embedded query name (file name without <c>.cypher</c>).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. typeof(CypherQueries).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".cypher", StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..^".cypher".Length])
            .Order(StringComparer.Ordinal),
    ];

    private static string Prefix => "PaperGraph.Neo4j.Queries.";

    /// <summary>The statement of a query file, such as <c>model-ancestors</c>.</summary>
    /// <exception cref="KeyNotFoundException">No such query file was embedded.</exception>
    public static string Get(string name) => Cache.GetOrAdd(name, static n =>
    {
        using var stream = typeof(CypherQueries).Assembly.GetManifestResourceStream(Prefix + n + ".cypher")
            ?? throw new KeyNotFoundException($"No embedded query cypher/queries/{n}.cypher.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
