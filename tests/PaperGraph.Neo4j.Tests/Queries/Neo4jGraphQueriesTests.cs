using System.Text.Json;
using PaperGraph.Core;
using PaperGraph.Core.Tests;

namespace PaperGraph.Neo4j.Tests;

/// <summary>
/// The Neo4j backend against a stub Query API whose rows are what the cypher/queries statements return over the
/// loader's stored shape (evidence as JSON strings, papers list), for the same hand-built graph the in-memory
/// backend reads: both backends must give the same DTOs.
/// </summary>
public sealed class Neo4jGraphQueriesTests
{
    private static readonly KnowledgeGraph Graph = SampleGraph.Build();
    private static readonly InMemoryGraphQueries Memory = new(Graph);
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static (Neo4jGraphQueries Queries, StubQueryApi Stub) Backend(Func<string, JsonElement, (string[], IEnumerable<object?[]>)?>? extra = null)
    {
        var stub = new StubQueryApi((query, p) => extra?.Invoke(query, p) ?? Emulate(query, p));
        var client = new Neo4jClient(
            new Neo4jConnection(new Uri("http://127.0.0.1:7474"), "neo4j", "pw"),
            new Neo4jClientOptions { Endpoint = Neo4jEndpoint.QueryApi, MaxRetryAttempts = 0 },
            stub);
        return (new Neo4jGraphQueries(client), stub);
    }

    private static string Json(object? value) => JsonSerializer.Serialize(value);

    [Fact]
    public async Task Lineage_maps_to_the_same_answer_as_in_memory()
    {
        var (neo4j, stub) = Backend();

        var expected = await Memory.LineageAsync("DeepSeek Prover V1.5", LineageDirection.Both, 3, Ct);
        var actual = await neo4j.LineageAsync("DeepSeek Prover V1.5", LineageDirection.Both, 3, Ct);

        Assert.Equal(Json(expected), Json(actual));
        Assert.Equal(["resolve", "model-ancestors", "model-descendants"], stub.Calls.Select(c => c.Query));
        Assert.Equal("deepseekproverv15", stub.Calls[0].Parameters.GetProperty("key").GetString());
        Assert.Equal("Model", stub.Calls[0].Parameters.GetProperty("label").GetString());
    }

    [Fact]
    public async Task Benchmark_leaderboard_maps_values_papers_and_evidence()
    {
        var (neo4j, _) = Backend();

        var expected = await Memory.BenchmarkResultsAsync("miniF2F", new PageRequest(), Ct);
        var actual = await neo4j.BenchmarkResultsAsync("miniF2F", new PageRequest(), Ct);

        Assert.Equal(Json(expected), Json(actual));
        Assert.Equal("reaching 88.9% pass ratio on the MiniF2F-test", Sentence(actual.Value!.Results[0].Evidence[0]));
    }

    [Fact]
    public async Task Technique_papers_and_models_map_like_in_memory()
    {
        var (neo4j, _) = Backend();

        Assert.Equal(
            Json(await Memory.TechniquePapersAsync("GRPO", new PageRequest(), Ct)),
            Json(await neo4j.TechniquePapersAsync("GRPO", new PageRequest(), Ct)));
        Assert.Equal(
            Json(await Memory.TechniquePapersAsync("MoE", new PageRequest(), Ct)),
            Json(await neo4j.TechniquePapersAsync("MoE", new PageRequest(), Ct)));
    }

    [Fact]
    public async Task Paper_details_keep_only_this_papers_evidence()
    {
        var (neo4j, _) = Backend();

        var expected = await Memory.PaperAsync(SampleGraph.MathPaper, Ct);
        var actual = await neo4j.PaperAsync(SampleGraph.MathPaper, Ct);

        Assert.Equal(Json(expected), Json(actual));
    }

    [Fact]
    public async Task Unknown_name_gets_suggestions_from_the_search_query()
    {
        var (neo4j, stub) = Backend((query, _) => query == "search"
            ? (["id", "label", "name", "alias", "score"], [["model:deepseek-prover-v2", "Model", "DeepSeek-Prover-V2", "DeepSeek-Prover-V2", 0.61]])
            : null);

        var lookup = await neo4j.LineageAsync("DeepSeek-Prover-V9", LineageDirection.Both, 2, Ct);

        Assert.Equal(LookupStatus.NotFound, lookup.Status);
        Assert.Equal("DeepSeek-Prover-V2", Assert.Single(lookup.Candidates).Name);
        var search = stub.Calls.Single(c => c.Query == "search").Parameters;
        Assert.Equal("deepseekproverv9", search.GetProperty("key").GetString());
        Assert.Contains(search.GetProperty("trigrams").EnumerateArray(), t => t.GetString() == "rv9");
        Assert.Equal(5, search.GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task Ambiguous_name_lists_the_candidates()
    {
        var (neo4j, _) = Backend((query, _) => query switch
        {
            "resolve" => (["id", "label", "name"], [["model:x-1", "Model", "X 1"], ["model:x1", "Model", "X1"]]),
            "family-tree" => (["model", "edges"], []),
            "search" => (["id", "label", "name", "alias", "score"], []),
            _ => null,
        });

        var lookup = await neo4j.FamilyAsync("x", Ct);
        var lineage = await neo4j.LineageAsync("x1", LineageDirection.Both, 2, Ct);

        Assert.Equal(LookupStatus.Ambiguous, lineage.Status);
        Assert.Equal(["model:x-1", "model:x1"], lineage.Candidates.Select(c => c.Id));
        Assert.Equal(LookupStatus.NotFound, lookup.Status);
    }

    [Fact]
    public async Task Stats_fill_every_label_and_type()
    {
        var (neo4j, _) = Backend((query, _) => query == "stats"
            ? (["kind", "name", "count"], [["label", "Model", 7], ["label", "Paper", 4], ["type", "DERIVED_FROM", 3]])
            : null);

        var stats = await neo4j.StatsAsync(Ct);

        Assert.Equal(11, stats.Nodes);
        Assert.Equal(0, stats.NodesByLabel["Organization"]);
        Assert.Equal(3, stats.RelationshipsByType["DERIVED_FROM"]);
        Assert.Equal(Schema.Types.Count, stats.RelationshipsByType.Count);
    }

    [Fact]
    public async Task Shortest_path_without_rows_is_an_empty_path()
    {
        var (neo4j, _) = Backend((query, _) => query == "shortest-path" ? (["nodes", "edges"], []) : null);

        var lookup = await neo4j.ShortestPathAsync("DeepSeek-V3", "GRPO", 4, Ct);

        Assert.False(lookup.Value!.Found);
    }

    [Fact]
    public void Every_named_traversal_query_is_embedded_with_a_header_and_param_line()
    {
        string[] required = ["model-ancestors", "model-descendants", "family-tree", "technique-papers", "technique-models",
            "benchmark-leaderboard", "paper-details", "shortest-path", "neighbourhood"];

        Assert.All(required, name => Assert.Contains(name, CypherQueries.Names));
        Assert.All(CypherQueries.Names, name =>
        {
            var text = CypherQueries.Get(name);
            Assert.StartsWith("// " + name + ":", text, StringComparison.Ordinal);
            Assert.Contains("// :param {", text, StringComparison.Ordinal);
        });
    }

    private static string Sentence(EvidenceItem e)
    {
        var paper = Graph.GetNode(e.PaperId);
        Assert.NotNull(paper);
        return e.Sentence[(e.Sentence.IndexOf("reaching", StringComparison.Ordinal))..].TrimEnd('.');
    }

    // ---- what the statements return, computed from the sample graph in the loader's stored shape ----

    private static (string[], IEnumerable<object?[]>) Emulate(string query, JsonElement p)
    {
        switch (query)
        {
            case "resolve":
                {
                    var name = p.GetProperty("name").GetString()!;
                    NodeLabel? label = p.GetProperty("label").ValueKind == JsonValueKind.Null ? null : Enum.Parse<NodeLabel>(p.GetProperty("label").GetString()!);
                    var byId = Graph.FindNode(name);
                    var nodes = byId is not null && (label is null || byId.Label == label) ? [byId] : Graph.FindByName(name, label);
                    return (["id", "label", "name"], nodes.Select(n => new object?[] { n.Id, n.Label.ToString(), n.Name }));
                }

            case "model-ancestors":
            case "model-descendants":
                {
                    var up = query == "model-ancestors";
                    var rows = new Dictionary<string, (GraphEdge Edge, int Depth)>();
                    var frontier = new List<string> { p.GetProperty("id").GetString()! };
                    for (var d = 1; d <= p.GetProperty("depth").GetInt32(); d++)
                    {
                        var next = new List<string>();
                        foreach (var v in frontier)
                        {
                            foreach (var e in (up ? Graph.OutEdges(v) : Graph.InEdges(v)).Where(e => e.Type is RelType.DerivedFrom or RelType.Succeeds))
                            {
                                if (rows.TryAdd(e.Id, (e, d)))
                                {
                                    next.Add(up ? e.Target : e.Source);
                                }
                            }
                        }

                        frontier = next;
                    }

                    return (["id", "type", "source", "target", "properties", "depth"],
                        rows.Values.Select(r => new object?[] { r.Edge.Id, Schema.TypeName(r.Edge.Type), NodeMap(r.Edge.Source), NodeMap(r.Edge.Target), Props(r.Edge), r.Depth }));
                }

            case "benchmark-leaderboard":
                {
                    var results = Graph.InEdges(p.GetProperty("id").GetString()!)
                        .Where(e => e.Type == RelType.Achieves)
                        .OrderByDescending(e => Convert.ToDouble(e.Properties["value"], System.Globalization.CultureInfo.InvariantCulture))
                        .Select(e => new Dictionary<string, object?>
                        {
                            ["model"] = NodeMap(e.Source),
                            ["properties"] = Props(e),
                            ["paper"] = NodeMap(e.Evidence[0].Paper),
                        }).ToList();
                    return (["total", "results"], [[results.Count, results]]);
                }

            case "technique-papers":
                {
                    var papers = Graph.InEdges(p.GetProperty("id").GetString()!)
                        .Where(e => e.Type is RelType.Introduces or RelType.Uses or RelType.Mentions && Graph.GetNode(e.Source).Label == NodeLabel.Paper)
                        .Select(e => new Dictionary<string, object?>
                        {
                            ["paper"] = NodeMap(e.Source),
                            ["role"] = Schema.TypeName(e.Type).ToLowerInvariant(),
                            ["properties"] = Props(e),
                        }).ToList();
                    return (["total", "papers"], [[papers.Count, papers]]);
                }

            case "technique-models":
                {
                    var id = p.GetProperty("id").GetString()!;
                    var models = Graph.InEdges(id).Where(e => e.Type == RelType.Uses && Graph.GetNode(e.Source).Label == NodeLabel.Model)
                        .Select(e => new Dictionary<string, object?> { ["model"] = NodeMap(e.Source), ["properties"] = Props(e) }).ToList();
                    var variants = Graph.InEdges(id).Where(e => e.Type == RelType.VariantOf).Select(e => NodeMap(e.Source)).ToList();
                    var variantOf = Graph.OutEdges(id).Where(e => e.Type == RelType.VariantOf).Select(e => NodeMap(e.Target)).ToList();
                    return (["models", "variants", "variantOf"], [[models, variants, variantOf]]);
                }

            case "paper-details":
                {
                    var id = p.GetProperty("id").GetString()!;
                    var paper = Graph.GetNode(id);
                    var facts = Graph.Edges.Where(e => e.Source == id || e.Evidence.Any(ev => ev.Paper == id))
                        .Select(e => new Dictionary<string, object?>
                        {
                            ["type"] = Schema.TypeName(e.Type),
                            ["source"] = NodeMap(e.Source),
                            ["target"] = NodeMap(e.Target),
                            ["properties"] = Props(e),
                        }).ToList();
                    return (["paper", "year", "url", "authors", "facts"],
                        [[NodeMap(id), paper.Properties["year"], paper.Properties["url"], paper.Properties["authors"], facts]]);
                }

            default:
                throw new InvalidOperationException($"The stub has no answer for {query}.");
        }
    }

    private static Dictionary<string, object?> NodeMap(string id)
    {
        var n = Graph.GetNode(id);
        return new() { ["id"] = n.Id, ["label"] = n.Label.ToString(), ["name"] = n.Name };
    }

    /// <summary>properties(r) as the loader leaves it: own properties, id, papers, evidence JSON strings, evidenceKeys.</summary>
    private static Dictionary<string, object?> Props(GraphEdge edge)
    {
        var row = CypherRows.Relationship(Graph, edge);
        var props = new Dictionary<string, object?>((IReadOnlyDictionary<string, object?>)row["props"]!)
        {
            ["id"] = edge.Id,
            ["papers"] = row["papers"],
            ["evidence"] = ((List<object?>)row["evidence"]!).Select(e => ((IReadOnlyDictionary<string, object?>)e!)["json"]).ToList(),
            ["evidenceKeys"] = ((List<object?>)row["evidence"]!).Select(e => ((IReadOnlyDictionary<string, object?>)e!)["key"]).ToList(),
        };
        return props;
    }
}
