using System.Text.Json.Nodes;
using PaperGraph.Core;

namespace PaperGraph.Neo4j.Tests;

public sealed class Neo4jLoaderTests : IDisposable
{
    private readonly StubNeo4jServer _server = new();

    public void Dispose() => _server.Dispose();

    /// <summary>Answers like the recorded server: schema statements as 03, batches as 04 with merged = rows sent.</summary>
    private static StubResponse Answer(StubRequest request, bool secondLoad = false, int missing = 0)
    {
        var json = request.Json;
        if (!json.TryGetProperty("parameters", out var parameters))
        {
            return StubResponse.Recorded("03-constraint");
        }

        var rows = parameters.GetProperty("rows").GetArrayLength();
        var body = JsonNode.Parse(StubResponse.Recorded(secondLoad ? "05-unwind-merge-again" : "04-unwind-merge-counters").Body)!;
        body["data"]!["values"]![0]![0] = rows - missing;
        body["counters"]!["nodesCreated"] = secondLoad || json.GetProperty("statement").GetString()!.Contains("]->", StringComparison.Ordinal) ? 0 : rows;
        body["counters"]!["relationshipsCreated"] = !secondLoad && json.GetProperty("statement").GetString()!.Contains("]->", StringComparison.Ordinal) ? rows : 0;
        return new StubResponse(202, body.ToJsonString());
    }

    [Fact]
    public async Task Load_runs_schema_then_nodes_then_relationships_in_batches_and_sums_counters()
    {
        _server.Handler = r => Answer(r);
        var graph = NastyGraph.Build();
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        var progress = new List<LoadProgress>();
        var summary = await new Neo4jLoader(client, batchSize: 3).LoadAsync(graph, new SyncProgress(progress), CancellationToken.None);

        var requests = _server.Requests.Select(r => r.Json).ToList();
        var statements = requests.Select(j => j.GetProperty("statement").GetString()!).ToList();
        var schemaCount = CypherStatements.SchemaStatements().Count;
        Assert.All(statements.Take(schemaCount), s => Assert.StartsWith("CREATE ", s, StringComparison.Ordinal));
        var firstRel = statements.FindIndex(s => s.Contains("]->", StringComparison.Ordinal));
        var lastNode = statements.FindLastIndex(s => s.Contains("MERGE (n:", StringComparison.Ordinal));
        Assert.True(lastNode < firstRel);
        Assert.All(requests.Skip(schemaCount), j => Assert.InRange(j.GetProperty("parameters").GetProperty("rows").GetArrayLength(), 1, 3));

        Assert.Equal(graph.NodeCount, summary.NodeRows);
        Assert.Equal(graph.EdgeCount, summary.RelationshipRows);
        Assert.Equal(graph.NodeCount, summary.Counters.NodesCreated);
        Assert.Equal(graph.EdgeCount, summary.Counters.RelationshipsCreated);
        Assert.Equal(schemaCount, summary.Counters.ConstraintsAdded);
        Assert.Equal(requests.Count, summary.Statements);
        Assert.Equal(requests.Count, progress.Count);
        Assert.Equal(progress.Count, progress[^1].Total);
    }

    [Fact]
    public async Task Nasty_names_reach_the_server_unchanged_as_row_parameters()
    {
        _server.Handler = r => Answer(r);
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        await new Neo4jLoader(client).LoadAsync(NastyGraph.Build(), null, CancellationToken.None);

        var modelRows = _server.Requests.Select(r => r.Json)
            .Where(j => j.GetProperty("statement").GetString()!.Contains("MERGE (n:Model", StringComparison.Ordinal))
            .SelectMany(j => j.GetProperty("parameters").GetProperty("rows").EnumerateArray())
            .ToList();
        Assert.Equal(NastyGraph.Names.Order(StringComparer.Ordinal), modelRows.Select(r => r.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        foreach (var request in _server.Requests)
        {
            var statement = request.Json.GetProperty("statement").GetString()!;
            Assert.DoesNotContain("O'Brien", statement, StringComparison.Ordinal);
            Assert.DoesNotContain("pwned", statement, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Evidence_rows_carry_dedup_keys_and_readable_json()
    {
        _server.Handler = r => Answer(r);
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        await new Neo4jLoader(client).LoadAsync(NastyGraph.Build(), null, CancellationToken.None);

        var achieves = _server.Requests.Select(r => r.Json)
            .Single(j => j.GetProperty("statement").GetString()!.Contains(":ACHIEVES", StringComparison.Ordinal) && j.TryGetProperty("parameters", out _));
        var row = achieves.GetProperty("parameters").GetProperty("rows")[0];
        Assert.Equal(60.0, row.GetProperty("props").GetProperty("value").GetDouble());
        Assert.Equal("60.0", row.GetProperty("props").GetProperty("value").GetRawText());
        var evidence = row.GetProperty("evidence")[0];
        Assert.Equal("paper:nasty-1|3|9|score", evidence.GetProperty("key").GetString());
        Assert.Equal("{\"paper\":\"paper:nasty-1\",\"sentence\":\"60.0% on MATCH\",\"start\":3,\"end\":9,\"rule\":\"score\",\"confidence\":1.0}",
            evidence.GetProperty("json").GetString());
        Assert.Equal(["paper:nasty-1"], row.GetProperty("papers").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Second_load_reports_nothing_created()
    {
        _server.Handler = r => Answer(r, secondLoad: true);
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        var summary = await new Neo4jLoader(client).LoadAsync(NastyGraph.Build(), null, CancellationToken.None);
        Assert.Equal(0, summary.Counters.NodesCreated);
        Assert.Equal(0, summary.Counters.RelationshipsCreated);
    }

    [Fact]
    public async Task A_batch_that_keeps_failing_stops_the_load_naming_the_batch()
    {
        _server.Handler = r => r.Json.GetProperty("statement").GetString()!.Contains(":DERIVED_FROM", StringComparison.Ordinal) && r.Json.TryGetProperty("parameters", out _)
            ? StubResponse.RecordedErrorWithCode("Neo.TransientError.Transaction.DeadlockDetected", "deadlock")
            : Answer(r);
        using var client = _server.Client(StubNeo4jServer.FastOptions(retries: 2));
        var ex = await Assert.ThrowsAsync<Neo4jLoadException>(() => new Neo4jLoader(client, 100).LoadAsync(NastyGraph.Build(), null, CancellationToken.None));

        Assert.Equal("rels:DERIVED_FROM:Model->Model batch 1/1 (7 rows)", ex.Step);
        Assert.Contains("DeadlockDetected", ex.Message, StringComparison.Ordinal);
        Assert.IsType<Neo4jTransientException>(ex.InnerException);
        Assert.Equal(3, _server.Requests.Count(r => r.Json.GetProperty("statement").GetString()!.Contains(":DERIVED_FROM {", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Relationships_whose_endpoints_are_missing_are_reported_not_dropped()
    {
        _server.Handler = r => r.Json.GetProperty("statement").GetString()!.Contains(":USES", StringComparison.Ordinal) && r.Json.TryGetProperty("parameters", out _)
            ? Answer(r, missing: 1)
            : Answer(r);
        using var client = _server.Client(StubNeo4jServer.FastOptions());
        var ex = await Assert.ThrowsAsync<Neo4jLoadException>(() => new Neo4jLoader(client).LoadAsync(NastyGraph.Build(), null, CancellationToken.None));
        Assert.StartsWith("rels:USES:Paper->Technique", ex.Step, StringComparison.Ordinal);
        Assert.Contains("merged 0 of 1", ex.Message, StringComparison.Ordinal);
    }

    private sealed class SyncProgress(List<LoadProgress> sink) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => sink.Add(value);
    }
}
