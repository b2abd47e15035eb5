using System.Text.Json;

namespace PaperGraph.Neo4j;

/// <summary>Server counters of a write (present when counters were requested).</summary>
public sealed record QueryCounters(
    long NodesCreated,
    long NodesDeleted,
    long RelationshipsCreated,
    long RelationshipsDeleted,
    long PropertiesSet,
    long LabelsAdded,
    long IndexesAdded,
    long ConstraintsAdded,
    bool ContainsUpdates);

/// <summary>A query's answer: column names and one JSON array per row, as the Query API returns them.</summary>
public sealed record QueryResult(IReadOnlyList<string> Fields, IReadOnlyList<JsonElement[]> Rows, QueryCounters? Counters);

/// <summary>Connection settings.</summary>
/// <param name="BaseUri">Server root, such as http://localhost:7474.</param>
/// <param name="User">User name.</param>
/// <param name="Password">Password (never logged).</param>
/// <param name="Database">Database name.</param>
public sealed record Neo4jConnection(Uri BaseUri, string User, string Password, string Database = "neo4j");

/// <summary>Neo4j over its HTTP Query API (<c>POST /db/{db}/query/v2</c>), with the legacy tx/commit fallback.</summary>
public sealed class Neo4jClient : IDisposable
{
    /// <summary>Creates a client that owns its HttpClient.</summary>
    public Neo4jClient(Neo4jConnection connection) => throw new NotImplementedException("Issue 4.");

    /// <summary>Runs one auto-commit statement with parameters; user text travels only as parameters.</summary>
    public Task<QueryResult> RunAsync(string statement, IReadOnlyDictionary<string, object?>? parameters, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Issue 4.");

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
