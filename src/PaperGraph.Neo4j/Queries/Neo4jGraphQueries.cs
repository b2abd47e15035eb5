using PaperGraph.Core;
using static PaperGraph.Neo4j.ResultReader;

namespace PaperGraph.Neo4j;

/// <summary>
/// <see cref="IGraphQueries"/> over Neo4j: runs the statements of <c>cypher/queries</c> (see <see cref="CypherQueries"/>)
/// and maps their rows to the same DTOs, in the same order, as the in-memory backend.
/// </summary>
public sealed class Neo4jGraphQueries : IGraphQueries
{
    private const int SuggestionCount = 5;
    private readonly Func<string, IReadOnlyDictionary<string, object?>, CancellationToken, Task<QueryResult>> _run;

    /// <summary>Queries through a client.</summary>
    public Neo4jGraphQueries(Neo4jClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _run = client.RunAsync;
    }

    /// <summary>Queries through any statement runner (tests replay recorded answers through it).</summary>
    public Neo4jGraphQueries(Func<string, IReadOnlyDictionary<string, object?>, CancellationToken, Task<QueryResult>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _run = run;
    }

    /// <inheritdoc/>
    public async Task<Lookup<LineageResult>> LineageAsync(string model, LineageDirection direction, int depth, CancellationToken cancellationToken)
    {
        var (failed, node) = await ResolveAsync<LineageResult>(model, NodeLabel.Model, cancellationToken).ConfigureAwait(false);
        if (node is null)
        {
            return failed!;
        }

        var depths = new Dictionary<string, (NodeRef Node, int Depth)>(StringComparer.Ordinal) { [node.Id] = (node, 0) };
        var edges = new Dictionary<string, EdgeInfo>(StringComparer.Ordinal);
        async Task Walk(string query, bool farEndIsTarget)
        {
            var result = await RunAsync(query, new() { ["id"] = node.Id, ["depth"] = depth }, cancellationToken).ConfigureAwait(false);
            foreach (var row in result.Rows)
            {
                var edge = Edge(ObjectOf(result, row));
                edges.TryAdd(edge.Id, edge);
                var far = Node(Field(result, row, farEndIsTarget ? "target" : "source"));
                var d = Int(Field(result, row, "depth"));
                if (!depths.TryGetValue(far.Id, out var known) || d < known.Depth)
                {
                    depths[far.Id] = (far, d);
                }
            }
        }

        if (direction is LineageDirection.Ancestors or LineageDirection.Both)
        {
            await Walk("model-ancestors", farEndIsTarget: true).ConfigureAwait(false);
        }

        if (direction is LineageDirection.Descendants or LineageDirection.Both)
        {
            await Walk("model-descendants", farEndIsTarget: false).ConfigureAwait(false);
        }

        var nodes = depths.Values
            .OrderBy(v => v.Depth)
            .ThenBy(v => v.Node.Name, StringComparer.Ordinal)
            .Select(v => new ReachedNode(v.Node, v.Depth))
            .ToList();
        var ordered = edges.Values
            .OrderBy(e => depths.TryGetValue(e.Source, out var s) ? s.Depth : int.MaxValue)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        return Lookup.Found(new LineageResult(node, direction.ToString().ToLowerInvariant(), depth, nodes, ordered));
    }

    /// <inheritdoc/>
    public async Task<Lookup<FamilyResult>> FamilyAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var prefix = NameKey.Of(name);
        var result = prefix.Length == 0
            ? new QueryResult([], [], null)
            : await RunAsync("family-tree", new() { ["prefix"] = prefix }, cancellationToken).ConfigureAwait(false);
        if (result.Rows.Count == 0)
        {
            return Lookup.NotFound<FamilyResult>(name, await SuggestAsync(name, NodeLabel.Model, cancellationToken).ConfigureAwait(false));
        }

        var models = result.Rows.Select(r => Node(Field(result, r, "model"))).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var edges = result.Rows
            .SelectMany(r => Items(Field(result, r, "edges")).Select(Edge))
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        return Lookup.Found(new FamilyResult(name, models, edges));
    }

    /// <inheritdoc/>
    public async Task<Lookup<TechniquePapersResult>> TechniquePapersAsync(string name, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var (failed, node) = await ResolveAsync<TechniquePapersResult>(name, NodeLabel.Technique, cancellationToken).ConfigureAwait(false);
        if (node is null)
        {
            return failed!;
        }

        var papers = await RunAsync("technique-papers", new() { ["id"] = node.Id, ["offset"] = page.Offset, ["limit"] = page.Limit }, cancellationToken).ConfigureAwait(false);
        var models = await RunAsync("technique-models", new() { ["id"] = node.Id }, cancellationToken).ConfigureAwait(false);
        var paperRow = papers.Rows.Single();
        var modelRow = models.Rows.Single();
        return Lookup.Found(new TechniquePapersResult(
            node,
            [.. Items(Field(papers, paperRow, "papers")).Select(p => new TechniquePaper(
                Node(Prop(p, "paper")), Str(p, "role"), Evidence(Prop(p, "properties"))))],
            Int(Field(papers, paperRow, "total")),
            [.. Items(Field(models, modelRow, "models"))
                .Select(m => new TechniqueModel(Node(Prop(m, "model")), Evidence(Prop(m, "properties"))))
                .OrderBy(m => m.Model.Name, StringComparer.Ordinal)],
            [.. Items(Field(models, modelRow, "variants")).Select(Node).OrderBy(n => n.Name, StringComparer.Ordinal)],
            [.. Items(Field(models, modelRow, "variantOf")).Select(Node).OrderBy(n => n.Name, StringComparer.Ordinal)]));
    }

    /// <inheritdoc/>
    public async Task<Lookup<BenchmarkResultsResult>> BenchmarkResultsAsync(string name, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var (failed, node) = await ResolveAsync<BenchmarkResultsResult>(name, NodeLabel.Benchmark, cancellationToken).ConfigureAwait(false);
        if (node is null)
        {
            return failed!;
        }

        var result = await RunAsync("benchmark-leaderboard", new() { ["id"] = node.Id, ["offset"] = page.Offset, ["limit"] = page.Limit }, cancellationToken).ConfigureAwait(false);
        var row = result.Rows.Single();
        var scores = Items(Field(result, row, "results")).Select(r =>
        {
            var props = Prop(r, "properties");
            var values = Properties(props);
            var paper = Prop(r, "paper");
            return new BenchmarkScore(
                Node(Prop(r, "model")),
                Double(values.GetValueOrDefault("value")),
                values.GetValueOrDefault("unit") as string,
                values.GetValueOrDefault("metric") as string,
                values.GetValueOrDefault("setting") as string,
                paper.ValueKind == System.Text.Json.JsonValueKind.Object ? Node(paper) : null,
                Evidence(props));
        }).ToList();
        return Lookup.Found(new BenchmarkResultsResult(node, scores, Int(Field(result, row, "total"))));
    }

    /// <inheritdoc/>
    public async Task<Lookup<PaperDetailsResult>> PaperAsync(string id, CancellationToken cancellationToken)
    {
        var (failed, node) = await ResolveAsync<PaperDetailsResult>(id, NodeLabel.Paper, cancellationToken).ConfigureAwait(false);
        if (node is null)
        {
            return failed!;
        }

        var result = await RunAsync("paper-details", new() { ["id"] = node.Id }, cancellationToken).ConfigureAwait(false);
        var row = result.Rows.Single();
        var facts = Items(Field(result, row, "facts"))
            .Select(f =>
            {
                var props = Prop(f, "properties");
                return new ExtractedFact(Str(f, "type"), Node(Prop(f, "source")), Node(Prop(f, "target")), Properties(props), Evidence(props, node.Id));
            })
            .OrderBy(f => f.Evidence.Count > 0 ? f.Evidence[0].Start : int.MaxValue)
            .ThenBy(f => f.Type, StringComparer.Ordinal)
            .ThenBy(f => f.Source.Name, StringComparer.Ordinal)
            .ThenBy(f => f.Target.Name, StringComparer.Ordinal)
            .ToList();
        var year = Field(result, row, "year");
        return Lookup.Found(new PaperDetailsResult(
            node,
            year.ValueKind == System.Text.Json.JsonValueKind.Number ? year.GetInt32() : null,
            Str(Field(result, row, "url")),
            [.. Items(Field(result, row, "authors")).Select(a => Str(a) ?? "")],
            facts));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, NodeLabel? label, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var key = NameKey.Of(query);
        if (key.Length == 0)
        {
            return [];
        }

        var trigrams = Enumerable.Range(0, Math.Max(0, key.Length - 2)).Select(i => key.Substring(i, 3)).Distinct(StringComparer.Ordinal).ToList();
        var result = await RunAsync("search", new()
        {
            ["key"] = key,
            ["trigrams"] = trigrams,
            ["label"] = label is null ? null : Schema.LabelName(label.Value),
            ["limit"] = limit,
        }, cancellationToken).ConfigureAwait(false);
        return [.. result.Rows.Select(r => new SearchHit(
            new NodeRef(Str(Field(result, r, "id")) ?? "", Str(Field(result, r, "label")) ?? "", Str(Field(result, r, "name")) ?? ""),
            Str(Field(result, r, "alias")) ?? "",
            Math.Round(Field(result, r, "score").GetDouble(), 3)))];
    }

    /// <inheritdoc/>
    public async Task<Lookup<PathResult>> ShortestPathAsync(string source, string target, int maxDepth, CancellationToken cancellationToken)
    {
        var (failedFrom, from) = await ResolveAsync<PathResult>(source, null, cancellationToken).ConfigureAwait(false);
        if (from is null)
        {
            return failedFrom!;
        }

        var (failedTo, to) = await ResolveAsync<PathResult>(target, null, cancellationToken).ConfigureAwait(false);
        if (to is null)
        {
            return failedTo!;
        }

        if (from.Id == to.Id)
        {
            return Lookup.Found(new PathResult(from, to, maxDepth, [from], []));
        }

        var result = await RunAsync("shortest-path", new() { ["source"] = from.Id, ["target"] = to.Id, ["maxDepth"] = maxDepth }, cancellationToken).ConfigureAwait(false);
        if (result.Rows.Count == 0)
        {
            return Lookup.Found(new PathResult(from, to, maxDepth, [], []));
        }

        var row = result.Rows[0];
        return Lookup.Found(new PathResult(
            from,
            to,
            maxDepth,
            [.. Items(Field(result, row, "nodes")).Select(Node)],
            [.. Items(Field(result, row, "edges")).Select(Edge)]));
    }

    /// <inheritdoc/>
    public async Task<Lookup<NeighborsResult>> NeighborsAsync(string id, int depth, IReadOnlyCollection<RelType>? types, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var (failed, center) = await ResolveAsync<NeighborsResult>(id, null, cancellationToken).ConfigureAwait(false);
        if (center is null)
        {
            return failed!;
        }

        var result = await RunAsync("neighbourhood", new()
        {
            ["id"] = center.Id,
            ["depth"] = depth,
            ["types"] = (types ?? []).Select(Schema.TypeName).ToList(),
            ["offset"] = page.Offset,
            ["limit"] = page.Limit,
        }, cancellationToken).ConfigureAwait(false);
        var row = result.Rows.Single();
        return Lookup.Found(new NeighborsResult(
            center,
            [.. Items(Field(result, row, "nodes")).Select(n => new ReachedNode(Node(Prop(n, "node")), Int(Prop(n, "depth"))))],
            Int(Field(result, row, "total")),
            [.. Items(Field(result, row, "edges")).Select(Edge).OrderBy(e => e.Id, StringComparer.Ordinal)]));
    }

    /// <inheritdoc/>
    public async Task<GraphStats> StatsAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync("stats", [], cancellationToken).ConfigureAwait(false);
        var labels = Schema.Labels.ToDictionary(Schema.LabelName, _ => 0L, StringComparer.Ordinal);
        var types = Schema.Types.ToDictionary(Schema.TypeName, _ => 0L, StringComparer.Ordinal);
        foreach (var row in result.Rows)
        {
            var target = Str(Field(result, row, "kind")) == "label" ? labels : types;
            target[Str(Field(result, row, "name")) ?? ""] = Field(result, row, "count").GetInt64();
        }

        return new GraphStats(labels.Values.Sum(), types.Values.Sum(), labels, types);
    }

    /// <summary>Resolves a name as the in-memory backend does: node id, else exact alias key; else suggestions or candidates.</summary>
    private async Task<(Lookup<T>? Failed, NodeRef? Node)> ResolveAsync<T>(string name, NodeLabel? label, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        var result = await RunAsync("resolve", new()
        {
            ["name"] = trimmed,
            ["key"] = NameKey.Of(name),
            ["label"] = label is null ? null : Schema.LabelName(label.Value),
        }, cancellationToken).ConfigureAwait(false);
        var nodes = result.Rows.Select(r => new NodeRef(
            Str(Field(result, r, "id")) ?? "", Str(Field(result, r, "label")) ?? "", Str(Field(result, r, "name")) ?? "")).ToList();
        var byId = nodes.Find(n => n.Id == trimmed);
        if (byId is not null)
        {
            return (null, byId);
        }

        return nodes.Count switch
        {
            1 => (null, nodes[0]),
            > 1 => (Lookup.Ambiguous<T>(name, [.. nodes.OrderBy(n => n.Id, StringComparer.Ordinal)]), null),
            _ => (Lookup.NotFound<T>(name, await SuggestAsync(name, label, cancellationToken).ConfigureAwait(false)), null),
        };
    }

    private async Task<IReadOnlyList<NodeRef>> SuggestAsync(string name, NodeLabel? label, CancellationToken cancellationToken) =>
        [.. (await SearchAsync(name, label, SuggestionCount, cancellationToken).ConfigureAwait(false)).Select(h => h.Node)];

    private Task<QueryResult> RunAsync(string query, Dictionary<string, object?> parameters, CancellationToken cancellationToken) =>
        _run(CypherQueries.Get(query), parameters, cancellationToken);

    /// <summary>A lineage row as an edge map (the columns id, type, source, target, properties).</summary>
    private static System.Text.Json.JsonElement ObjectOf(QueryResult result, System.Text.Json.JsonElement[] row)
    {
        var map = new Dictionary<string, System.Text.Json.JsonElement>(StringComparer.Ordinal);
        foreach (var name in new[] { "id", "type", "source", "target", "properties" })
        {
            map[name] = Field(result, row, name);
        }

        return System.Text.Json.JsonSerializer.SerializeToElement(map);
    }
}
