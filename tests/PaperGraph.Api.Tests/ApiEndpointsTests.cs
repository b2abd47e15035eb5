using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PaperGraph.Api.Tests;

public sealed class ApiEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(ApiFactory.Json);

    [Fact]
    public async Task Lineage_answers_with_edges_kind_and_evidence()
    {
        var client = await factory.ReadyClientAsync();

        var result = await client.GetFromJsonAsync<LineageResult>("/api/models/DeepSeekMath%207B/lineage?direction=ancestors&depth=2", ApiFactory.Json);

        var edge = Assert.Single(result!.Edges);
        Assert.Equal("model:deepseek-coder-base-v1.5-7b", edge.Target);
        Assert.Equal("continued-pretraining", ((JsonElement)edge.Properties["kind"]!).GetString());
        Assert.NotEmpty(edge.Evidence[0].Sentence);
    }

    [Fact]
    public async Task Any_alias_resolves()
    {
        var client = await factory.ReadyClientAsync();

        var response = await client.GetAsync("/api/models/DeepSeek%20R1/lineage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DeepSeek-R1", (await JsonOf(response)).GetProperty("model").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Unknown_name_gets_404_problem_with_suggestions()
    {
        var client = await factory.ReadyClientAsync();

        var response = await client.GetAsync("/api/models/DeepSeek-Prover-V9/lineage");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await JsonOf(response);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains("Did you mean", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(problem.GetProperty("suggestions").EnumerateArray(), s => s.GetProperty("name").GetString() == "DeepSeek-Prover-V2");
    }

    [Fact]
    public async Task Technique_papers_name_the_introducing_paper()
    {
        var client = await factory.ReadyClientAsync();

        var result = await client.GetFromJsonAsync<TechniquePapersResult>("/api/techniques/GRPO/papers", ApiFactory.Json);

        Assert.Equal("introduces", result!.Papers[0].Role);
        Assert.Equal(Core.Tests.SampleGraph.MathPaper, result.Papers[0].Paper.Id);
        Assert.Equal("Proximal Policy Optimization", Assert.Single(result.VariantOf).Name);
    }

    [Fact]
    public async Task Benchmark_results_are_best_first_and_paged()
    {
        var client = await factory.ReadyClientAsync();

        var all = await client.GetFromJsonAsync<BenchmarkResultsResult>("/api/benchmarks/miniF2F/results", ApiFactory.Json);
        var second = await client.GetFromJsonAsync<BenchmarkResultsResult>("/api/benchmarks/miniF2F/results?offset=1&limit=1", ApiFactory.Json);

        Assert.Equal([88.9, 63.5], all!.Results.Select(r => r.Value!.Value));
        Assert.Equal(63.5, Assert.Single(second!.Results).Value);
        Assert.Equal(2, second.Total);
    }

    [Fact]
    public async Task Paper_details_list_facts_with_evidence()
    {
        var client = await factory.ReadyClientAsync();

        var result = await client.GetFromJsonAsync<PaperDetailsResult>("/api/papers/paper:deepseekmath", ApiFactory.Json);

        Assert.Contains(result!.Facts, f => f.Type == "INTRODUCES" && f.Target.Name == "Group Relative Policy Optimization");
        Assert.All(result.Facts, f => Assert.NotEmpty(f.Evidence));
    }

    [Fact]
    public async Task Search_is_typo_tolerant_and_filters_by_label()
    {
        var client = await factory.ReadyClientAsync();

        var hits = await client.GetFromJsonAsync<List<SearchHit>>("/api/search?q=deepsek%20r1&limit=3", ApiFactory.Json);
        var techniques = await client.GetFromJsonAsync<List<SearchHit>>("/api/search?q=mixture%20of%20experts&label=technique", ApiFactory.Json);

        Assert.Equal("DeepSeek-R1", hits![0].Node.Name);
        Assert.True(hits.Count <= 3);
        Assert.Equal("Mixture-of-Experts", techniques![0].Node.Name);
        Assert.All(techniques, h => Assert.Equal("Technique", h.Node.Label));
    }

    [Fact]
    public async Task Path_connects_two_entities_or_says_there_is_none()
    {
        var client = await factory.ReadyClientAsync();

        var path = await client.GetFromJsonAsync<JsonElement>("/api/path?from=DeepSeek-Prover-V2&to=DeepSeek-V2", ApiFactory.Json);
        var tooShort = await client.GetAsync("/api/path?from=DeepSeek-Prover-V2&to=DeepSeek-V2&maxDepth=1");

        Assert.Equal(3, path.GetProperty("length").GetInt32());
        Assert.Equal("DeepSeek-V2", path.GetProperty("nodes").EnumerateArray().Last().GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, tooShort.StatusCode);
        Assert.Equal("No path", (await JsonOf(tooShort)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Neighbors_filter_by_type()
    {
        var client = await factory.ReadyClientAsync();

        var result = await client.GetFromJsonAsync<NeighborsResult>("/api/entities/model:deepseek-v3/neighbors?depth=2&types=DERIVED_FROM", ApiFactory.Json);

        Assert.Equal(["DeepSeek-Prover-V2"], result!.Nodes.Select(n => n.Node.Name));
        Assert.All(result.Edges, e => Assert.Equal("DERIVED_FROM", e.Type));
    }

    [Fact]
    public async Task Family_and_stats_answer()
    {
        var client = await factory.ReadyClientAsync();

        var family = await client.GetFromJsonAsync<FamilyResult>("/api/families/DeepSeek-Prover", ApiFactory.Json);
        var stats = await client.GetFromJsonAsync<GraphStats>("/api/stats", ApiFactory.Json);

        Assert.Equal(3, family!.Models.Count);
        Assert.Equal(4, stats!.NodesByLabel["Paper"]);
    }

    [Fact]
    public async Task Health_ready_and_openapi_are_served()
    {
        var client = await factory.ReadyClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ready")).StatusCode);
        var openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/models/{name}/lineage", paths);
        Assert.Contains("/api/search", paths);
        Assert.Contains("/api/entities/{id}/neighbors", paths);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar")).StatusCode);
    }

    [Fact]
    public async Task Cors_is_off_by_default()
    {
        var client = await factory.ReadyClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stats");
        request.Headers.Add("Origin", "https://example.com");

        var response = await client.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
