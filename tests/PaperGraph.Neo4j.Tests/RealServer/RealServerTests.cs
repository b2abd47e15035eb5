using System.Text.RegularExpressions;
using PaperGraph.Core;

namespace PaperGraph.Neo4j.Tests;

/// <summary>
/// Against a real Neo4j 5 (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD): the seeds load, a second load creates nothing,
/// nasty names survive the loader and graph.cypher unchanged, and every cypher/queries file runs.
/// </summary>
public sealed partial class RealServerTests
{
    private static Neo4jClient Client() => new(RealServerFactAttribute.Connection(), new Neo4jClientOptions { MaxRetryAttempts = 3 });

    private static async Task<long> CountAsync(Neo4jClient client, string statement, object? ids)
    {
        var result = await client.RunAsync(statement, new Dictionary<string, object?> { ["ids"] = ids }, CancellationToken.None);
        return result.Rows.Single()[0].GetInt64();
    }

    private static async Task DeleteAsync(Neo4jClient client, KnowledgeGraph graph) =>
        await client.RunAsync("MATCH (n) WHERE n.id IN $ids DETACH DELETE n",
            new Dictionary<string, object?> { ["ids"] = graph.Nodes.Select(n => n.Id).ToList() }, CancellationToken.None);

    [RealServerFact]
    public async Task Seeds_load_and_a_second_load_creates_nothing()
    {
        var seeds = Path.Combine(CypherLinter.RepoRoot, "seeds");
        var build = await GraphPipeline.BuildAsync(new BuildOptions([seeds]), null, CancellationToken.None);
        using var client = Client();
        var loader = new Neo4jLoader(client, batchSize: 100);

        await loader.LoadAsync(build.Graph, null, CancellationToken.None);
        var second = await loader.LoadAsync(build.Graph, null, CancellationToken.None);

        Assert.Equal(0, second.Counters.NodesCreated);
        Assert.Equal(0, second.Counters.RelationshipsCreated);
        var ids = build.Graph.Nodes.Select(n => n.Id).ToList();
        Assert.Equal(build.Graph.NodeCount, await CountAsync(client, "MATCH (n) WHERE n.id IN $ids RETURN count(n)", ids));
        Assert.Equal(build.Graph.EdgeCount, await CountAsync(client, "MATCH ()-[r]->() WHERE r.id IN $ids RETURN count(r)", build.Graph.Edges.Select(e => e.Id).ToList()));
        // Evidence stays free of duplicates however often the graph is loaded.
        Assert.Equal(0, await CountAsync(client, "MATCH ()-[r]->() WHERE r.id IN $ids AND size(r.evidence) <> size(r.evidenceKeys) RETURN count(r)", build.Graph.Edges.Select(e => e.Id).ToList()));
        var evidence = build.Graph.Edges.Sum(e => (long)e.Evidence.Count);
        Assert.Equal(evidence, await CountAsync(client, "MATCH ()-[r]->() WHERE r.id IN $ids RETURN sum(size(r.evidenceKeys))", build.Graph.Edges.Select(e => e.Id).ToList()));
    }

    [RealServerFact]
    public async Task Neo4j_backend_answers_like_the_in_memory_backend_after_a_load()
    {
        var seeds = Path.Combine(CypherLinter.RepoRoot, "seeds");
        var build = await GraphPipeline.BuildAsync(new BuildOptions([seeds]), null, CancellationToken.None);
        using var client = Client();
        await new Neo4jLoader(client).LoadAsync(build.Graph, null, CancellationToken.None);
        var memory = new InMemoryGraphQueries(build.Graph);
        var neo4j = new Neo4jGraphQueries(client);
        static string Json(object? value) => System.Text.Json.JsonSerializer.Serialize(value);

        var model = build.Graph.Nodes.Where(n => n.Label == NodeLabel.Model)
            .OrderByDescending(n => build.Graph.OutEdges(n.Id).Count() + build.Graph.InEdges(n.Id).Count()).ThenBy(n => n.Id, StringComparer.Ordinal).First();
        var benchmark = build.Graph.Nodes.Where(n => n.Label == NodeLabel.Benchmark)
            .OrderByDescending(n => build.Graph.InEdges(n.Id).Count()).ThenBy(n => n.Id, StringComparer.Ordinal).First();
        var paper = build.Graph.Nodes.First(n => n.Label == NodeLabel.Paper);
        foreach (var direction in Enum.GetValues<LineageDirection>())
        {
            Assert.Equal(Json(await memory.LineageAsync(model.Id, direction, 3, CancellationToken.None)),
                Json(await neo4j.LineageAsync(model.Id, direction, 3, CancellationToken.None)));
        }

        Assert.Equal(Json(await memory.BenchmarkResultsAsync(benchmark.Id, new PageRequest(), CancellationToken.None)),
            Json(await neo4j.BenchmarkResultsAsync(benchmark.Id, new PageRequest(), CancellationToken.None)));
        Assert.Equal(Json(await memory.PaperAsync(paper.Id, CancellationToken.None)), Json(await neo4j.PaperAsync(paper.Id, CancellationToken.None)));
    }

    [RealServerFact]
    public async Task Nasty_names_round_trip_through_the_loader()
    {
        var graph = NastyGraph.Build();
        using var client = Client();
        await DeleteAsync(client, graph);
        try
        {
            await new Neo4jLoader(client).LoadAsync(graph, null, CancellationToken.None);
            var result = await client.RunAsync("MATCH (n:Model) WHERE n.id IN $ids RETURN n.name ORDER BY n.name",
                new Dictionary<string, object?> { ["ids"] = graph.Nodes.Select(n => n.Id).ToList() }, CancellationToken.None);
            Assert.Equal(NastyGraph.Names.Order(StringComparer.Ordinal), result.Rows.Select(r => r[0].GetString()).Order(StringComparer.Ordinal));
            Assert.Equal(0, await CountAsync(client, "MATCH (n {id: 'pwned'}) RETURN count(n)", null));
        }
        finally
        {
            await DeleteAsync(client, graph);
        }
    }

    [RealServerFact]
    public async Task Graph_script_statements_give_the_same_graph_as_the_loader_and_are_idempotent()
    {
        var graph = NastyGraph.Build();
        using var client = Client();
        await DeleteAsync(client, graph);
        try
        {
            var created = QueryCounters.Zero;
            foreach (var statement in CypherScriptWriter.Statements(graph))
            {
                created = created.Add((await client.RunAsync(statement.Text, null, CancellationToken.None)).Counters);
            }

            Assert.Equal(graph.NodeCount, created.NodesCreated);
            Assert.Equal(graph.EdgeCount, created.RelationshipsCreated);
            var again = QueryCounters.Zero;
            foreach (var statement in CypherScriptWriter.Statements(graph))
            {
                again = again.Add((await client.RunAsync(statement.Text, null, CancellationToken.None)).Counters);
            }

            Assert.Equal(0, again.NodesCreated);
            Assert.Equal(0, again.RelationshipsCreated);
            var names = await client.RunAsync("MATCH (n:Model) WHERE n.id IN $ids RETURN n.name",
                new Dictionary<string, object?> { ["ids"] = graph.Nodes.Select(n => n.Id).ToList() }, CancellationToken.None);
            Assert.Equal(NastyGraph.Names.Order(StringComparer.Ordinal), names.Rows.Select(r => r[0].GetString()).Order(StringComparer.Ordinal));

            // The loader over the script's graph changes nothing either: both paths store the same shape.
            var loader = await new Neo4jLoader(client).LoadAsync(graph, null, CancellationToken.None);
            Assert.Equal(0, loader.Counters.NodesCreated + loader.Counters.RelationshipsCreated);
        }
        finally
        {
            await DeleteAsync(client, graph);
        }
    }

    [RealServerFact]
    public async Task Every_cypher_query_file_runs_with_its_documented_parameters()
    {
        var dir = Path.Combine(CypherLinter.RepoRoot, "cypher", "queries");
        var files = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.cypher").Order(StringComparer.Ordinal).ToList() : [];
        using var client = Client();
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file);
            var parameters = new Dictionary<string, object?>();
            foreach (Match m in ParamLine().Matches(text))
            {
                // Let the server evaluate the example value exactly as Browser's :param would.
                var value = await client.RunAsync($"RETURN {m.Groups["value"].Value.TrimEnd(';')} AS v", null, CancellationToken.None);
                parameters[m.Groups["name"].Value] = value.Rows.Single()[0].Clone();
            }

            foreach (Match m in ParamMapLine().Matches(text))
            {
                var map = await client.RunAsync($"RETURN {m.Groups["map"].Value.TrimEnd(';')} AS v", null, CancellationToken.None);
                foreach (var p in map.Rows.Single()[0].EnumerateObject())
                {
                    parameters[p.Name] = p.Value.Clone();
                }
            }

            var statement = string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal) && !l.TrimStart().StartsWith(':'))).Trim().TrimEnd(';');
            var ex = await Record.ExceptionAsync(() => client.RunAsync(statement, parameters, CancellationToken.None));
            Assert.True(ex is null, $"{Path.GetFileName(file)}: {ex?.Message}");
        }
    }

    [RealServerFact]
    public async Task Every_browser_exploration_runs()
    {
        using var client = Client();
        foreach (var statement in CypherFiles.Statements(Path.Combine(CypherLinter.RepoRoot, "cypher", "browser", "explore.cypher")))
        {
            var ex = await Record.ExceptionAsync(() => client.RunAsync(statement, null, CancellationToken.None));
            Assert.True(ex is null, $"{statement}: {ex?.Message}");
        }
    }

    [GeneratedRegex(@":param\s+`?(?<name>[A-Za-z_][A-Za-z0-9_]*)`?\s*=>\s*(?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex ParamLine();

    [GeneratedRegex(@":params?\s*(?<map>\{.*\})\s*;?\s*$", RegexOptions.Multiline)]
    private static partial Regex ParamMapLine();
}
