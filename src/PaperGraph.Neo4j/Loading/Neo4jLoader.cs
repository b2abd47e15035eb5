using System.Diagnostics;
using System.Text.Json;
using PaperGraph.Core;

namespace PaperGraph.Neo4j;

/// <summary>Progress of a load, reported after every statement.</summary>
/// <param name="Step">The statement or batch just finished, such as <c>nodes:Model batch 2/5 (500 rows)</c>.</param>
/// <param name="Done">Statements finished.</param>
/// <param name="Total">Statements in the whole load.</param>
public sealed record LoadProgress(string Step, int Done, int Total);

/// <summary>What a load did, from the server's own counters.</summary>
/// <param name="Counters">Sum of every statement's counters.</param>
/// <param name="Statements">Statements run.</param>
/// <param name="NodeRows">Node rows sent.</param>
/// <param name="RelationshipRows">Relationship rows sent.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record LoadSummary(QueryCounters Counters, int Statements, long NodeRows, long RelationshipRows, TimeSpan Elapsed);

/// <summary>A load step that still failed after retries: which one and why. Re-running the load is safe.</summary>
public sealed class Neo4jLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public Neo4jLoadException()
        : this("unknown step", "load failed")
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jLoadException(string message)
        : this("unknown step", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public Neo4jLoadException(string message, Exception innerException)
        : this("unknown step", message, innerException)
    {
    }

    /// <summary>Creates the exception for a step.</summary>
    public Neo4jLoadException(string step, string reason, Exception? innerException = null)
        : base($"{step}: {reason}", innerException)
    {
        Step = step;
        Reason = reason;
    }

    /// <summary>The statement or batch that failed.</summary>
    public string Step { get; }

    /// <summary>Why.</summary>
    public string Reason { get; }
}

/// <summary>
/// Loads a <see cref="KnowledgeGraph"/> into Neo4j: constraints and indexes, then nodes per label, then relationships
/// per type, in <c>UNWIND $rows</c> batches of <see cref="CypherStatements"/>. Every statement MERGEs by id, so a
/// second load creates nothing and an interrupted load can simply be run again.
/// </summary>
public sealed class Neo4jLoader
{
    private readonly Neo4jClient _client;
    private readonly int _batchSize;

    /// <summary>Creates a loader.</summary>
    /// <param name="client">The client (its retry policy applies to every batch).</param>
    /// <param name="batchSize">Rows per statement.</param>
    public Neo4jLoader(Neo4jClient client, int batchSize = 500)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _client = client;
        _batchSize = batchSize;
    }

    /// <summary>Loads the graph.</summary>
    /// <exception cref="Neo4jLoadException">A statement failed after retries, or a relationship's endpoint is missing.</exception>
    public async Task<LoadSummary> LoadAsync(KnowledgeGraph graph, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var stopwatch = Stopwatch.StartNew();
        var schema = CypherStatements.SchemaStatements();
        var nodeBatches = CypherRows.NodeBatches(graph, _batchSize).ToList();
        var relBatches = CypherRows.RelationshipBatches(graph, _batchSize).ToList();
        var total = schema.Count + nodeBatches.Count + relBatches.Count;
        var done = 0;
        var counters = QueryCounters.Zero;

        foreach (var statement in schema)
        {
            var result = await RunStepAsync(statement.Name, statement.Text, null, cancellationToken).ConfigureAwait(false);
            counters = counters.Add(result.Counters);
            progress?.Report(new LoadProgress(statement.Name, ++done, total));
        }

        long nodeRows = 0, relRows = 0;
        foreach (var batch in nodeBatches.Concat(relBatches))
        {
            var parameters = new Dictionary<string, object?> { [CypherStatements.RowsParameter] = batch.Rows };
            var result = await RunStepAsync(batch.Description, batch.Statement.Text, parameters, cancellationToken).ConfigureAwait(false);
            var merged = MergedCount(result);
            if (merged != batch.Rows.Count)
            {
                // MATCH drops a row silently when an endpoint is missing; say so instead of losing edges.
                throw new Neo4jLoadException(batch.Description,
                    $"the server merged {merged} of {batch.Rows.Count} rows; a start or end node is missing; run the load again after checking the node batches.");
            }

            counters = counters.Add(result.Counters);
            if (batch.Statement.Name.StartsWith("nodes:", StringComparison.Ordinal))
            {
                nodeRows += batch.Rows.Count;
            }
            else
            {
                relRows += batch.Rows.Count;
            }

            progress?.Report(new LoadProgress(batch.Description, ++done, total));
        }

        return new LoadSummary(counters, done, nodeRows, relRows, stopwatch.Elapsed);
    }

    private async Task<QueryResult> RunStepAsync(string step, string statement, IReadOnlyDictionary<string, object?>? parameters, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.RunAsync(statement, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (Neo4jException ex)
        {
            throw new Neo4jLoadException(step, ex.Message, ex);
        }
    }

    private static long MergedCount(QueryResult result)
    {
        if (result.Rows.Count == 1 && result.Rows[0].Length == 1)
        {
            var value = result.Rows[0][0];
            if (value.ValueKind == JsonValueKind.Number)
            {
                return value.GetInt64();
            }

            // Typed JSON sends integers as {"$type": "Integer", "_value": "2"}.
            if (value.ValueKind == JsonValueKind.Object && Neo4jTypedJson.ToPlain(value) is long typed)
            {
                return typed;
            }
        }

        return -1;
    }
}
