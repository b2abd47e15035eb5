using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PaperGraph.Api.Tests;

/// <summary>The acceptance tests: the service over the graph the real pipeline builds from seeds/.</summary>
public sealed class SeedGraphTests(SeedApiFactory factory) : IClassFixture<SeedApiFactory>
{
    private static bool Same(string a, string b) => NameKey.Of(a) == NameKey.Of(b);

    private static string Name(JsonElement node) => node.GetProperty("name").GetString()!;

    [Fact]
    public async Task Lineage_of_DeepSeekMath_7B_contains_Coder_Base_v15_7B_as_continued_pretraining()
    {
        var client = await factory.ReadyClientAsync();

        var lineage = await client.GetFromJsonAsync<LineageResult>("/api/models/DeepSeekMath%207B/lineage?direction=ancestors", ApiFactory.Json);

        var parent = Assert.Single(lineage!.Nodes, n => Same(n.Node.Name, "DeepSeek-Coder-Base-v1.5 7B"));
        var edge = Assert.Single(lineage.Edges, e => e.Target == parent.Node.Id && e.Type == "DERIVED_FROM");
        Assert.Equal("continued-pretraining", ((JsonElement)edge.Properties["kind"]!).GetString());
        Assert.NotEmpty(edge.Evidence);
    }

    [Fact]
    public async Task Ancestors_of_DeepSeek_Prover_V15_include_DeepSeekMath_Base_and_Prover_V1()
    {
        var client = await factory.ReadyClientAsync();

        var lineage = await client.GetFromJsonAsync<LineageResult>("/api/models/DeepSeek-Prover-V1.5/lineage?direction=ancestors&depth=3", ApiFactory.Json);

        Assert.Contains(lineage!.Nodes, n => Same(n.Node.Name, "DeepSeekMath-Base"));
        Assert.Contains(lineage.Nodes, n => Same(n.Node.Name, "DeepSeek-Prover-V1"));
    }

    [Fact]
    public async Task GRPO_papers_include_the_DeepSeekMath_paper_as_introducing_it()
    {
        var client = await factory.ReadyClientAsync();

        var result = await client.GetFromJsonAsync<TechniquePapersResult>("/api/techniques/GRPO/papers", ApiFactory.Json);

        Assert.Contains(result!.Papers, p => p.Role == "introduces" && p.Paper.Name.StartsWith("DeepSeekMath:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MiniF2F_results_list_88_9_above_63_5()
    {
        var client = await factory.ReadyClientAsync();

        var result = await client.GetFromJsonAsync<BenchmarkResultsResult>("/api/benchmarks/miniF2F/results?limit=200", ApiFactory.Json);

        var values = result!.Results.Select(r => r.Value).ToList();
        Assert.Contains(88.9, values);
        Assert.Contains(63.5, values);
        Assert.True(values.IndexOf(88.9) < values.IndexOf(63.5));
    }

    [Fact]
    public async Task Search_deepseek_r1_finds_DeepSeek_R1()
    {
        var client = await factory.ReadyClientAsync();

        var hits = await client.GetFromJsonAsync<List<SearchHit>>("/api/search?q=deepseek%20r1", ApiFactory.Json);

        Assert.Equal("DeepSeek-R1", hits![0].Node.Name);
    }

    [Fact]
    public async Task Path_from_DeepSeek_Prover_V2_to_DeepSeek_V2_exists()
    {
        var client = await factory.ReadyClientAsync();

        var path = await client.GetFromJsonAsync<JsonElement>("/api/path?from=DeepSeek-Prover-V2&to=DeepSeek-V2", ApiFactory.Json);

        var nodes = path.GetProperty("nodes").EnumerateArray().ToList();
        Assert.True(Same(Name(nodes[0]), "DeepSeek-Prover-V2"));
        Assert.True(Same(Name(nodes[^1]), "DeepSeek-V2"));
    }

    [Theory]
    [InlineData("/api/models/DeepSeek-V3/lineage?depth=1000", HttpStatusCode.BadRequest)]
    [InlineData("/api/models/%20/lineage", HttpStatusCode.BadRequest)]
    [InlineData("/api/models//lineage", HttpStatusCode.NotFound)]
    [InlineData("/api/search?q=deepseek&label=Person", HttpStatusCode.BadRequest)]
    [InlineData("/api/models/NoSuchModel-Z9/lineage", HttpStatusCode.NotFound)]
    public async Task Bad_requests_get_problem_details(string url, HttpStatusCode status)
    {
        var client = await factory.ReadyClientAsync();

        var response = await client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Ten_kilobyte_query_gets_400_problem()
    {
        var client = await factory.ReadyClientAsync();

        var response = await client.GetAsync("/api/search?q=" + new string('x', 10 * 1024));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
