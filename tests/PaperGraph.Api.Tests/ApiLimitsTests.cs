using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PaperGraph.Api.Tests;

public sealed class ApiLimitsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/api/models/DeepSeek-V3/lineage?depth=1000", "depth")]
    [InlineData("/api/models/DeepSeek-V3/lineage?depth=0", "depth")]
    [InlineData("/api/models/DeepSeek-V3/lineage?direction=sideways", "direction")]
    [InlineData("/api/models/%20/lineage", "name")]
    [InlineData("/api/search?q=", "q")]
    [InlineData("/api/search?q=deepseek&label=Person", "label")]
    [InlineData("/api/search?q=deepseek&limit=100000", "limit")]
    [InlineData("/api/path?from=DeepSeek-V3&to=DeepSeek-V2&maxDepth=1000", "maxDepth")]
    [InlineData("/api/path?to=DeepSeek-V2", "from")]
    [InlineData("/api/entities/model:deepseek-v3/neighbors?depth=99", "depth")]
    [InlineData("/api/entities/model:deepseek-v3/neighbors?types=LIKES", "types")]
    [InlineData("/api/benchmarks/miniF2F/results?offset=-1", "offset")]
    [InlineData("/api/techniques/GRPO/papers?limit=0", "limit")]
    public async Task Out_of_range_parameters_get_400_problem_naming_the_parameter(string url, string parameter)
    {
        var client = await factory.ReadyClientAsync();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"no error for {parameter}: {problem}");
    }

    [Fact]
    public async Task Ten_kilobyte_query_gets_400_problem_without_echoing_it()
    {
        var client = await factory.ReadyClientAsync();
        var huge = new string('a', 10 * 1024);

        var search = await client.GetAsync($"/api/search?q={huge}");
        var name = await client.GetAsync($"/api/models/{huge}/lineage");

        Assert.Equal(HttpStatusCode.BadRequest, search.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, name.StatusCode);
        Assert.True((await search.Content.ReadAsStringAsync()).Length < 1000);
    }

    [Fact]
    public async Task Missing_name_segment_gets_404_problem()
    {
        var client = await factory.ReadyClientAsync();

        var response = await client.GetAsync("/api/models//lineage");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Non_numeric_depth_gets_400_problem()
    {
        var client = await factory.ReadyClientAsync();

        var response = await client.GetAsync("/api/models/DeepSeek-V3/lineage?depth=deep");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}

public sealed class ApiFailureTests
{
    [Fact]
    public async Task Backend_failure_gets_500_problem_without_internals()
    {
        using var factory = new ApiFactory(_ => Task.FromResult<IGraphQueries>(new ThrowingQueries()));
        var client = await factory.ReadyClientAsync();

        var response = await client.GetAsync("/api/stats");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret-connection-string", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ThrowingQueries", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ambiguous_name_gets_409_problem_with_candidates()
    {
        var graph = new KnowledgeGraph();
        graph.AddEntity(NodeLabel.Model, "Atlas");
        graph.AddEntity(NodeLabel.Benchmark, "ATLAS");
        using var factory = new ApiFactory(_ => Task.FromResult<IGraphQueries>(new InMemoryGraphQueries(graph)));
        var client = await factory.ReadyClientAsync();

        var ambiguous = await client.GetAsync("/api/entities/atlas/neighbors");
        var byId = await client.GetAsync("/api/entities/model:atlas/neighbors");

        Assert.Equal(HttpStatusCode.Conflict, ambiguous.StatusCode);
        Assert.Equal("application/problem+json", ambiguous.Content.Headers.ContentType!.MediaType);
        var problem = await ambiguous.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["benchmark:atlas", "model:atlas"], problem.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
    }

    [Fact]
    public async Task Not_ready_gets_503_problem()
    {
        var never = new TaskCompletionSource<IGraphQueries>();
        using var factory = new ApiFactory(_ => never.Task);
        var client = factory.CreateClient();

        var ready = await client.GetAsync("/ready");
        var api = await client.GetAsync("/api/stats");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    private sealed class ThrowingQueries : IGraphQueries
    {
        private static InvalidOperationException Fail() => new("secret-connection-string broke");

        public Task<Lookup<LineageResult>> LineageAsync(string model, LineageDirection direction, int depth, CancellationToken cancellationToken) => throw Fail();

        public Task<Lookup<FamilyResult>> FamilyAsync(string name, CancellationToken cancellationToken) => throw Fail();

        public Task<Lookup<TechniquePapersResult>> TechniquePapersAsync(string name, PageRequest page, CancellationToken cancellationToken) => throw Fail();

        public Task<Lookup<BenchmarkResultsResult>> BenchmarkResultsAsync(string name, PageRequest page, CancellationToken cancellationToken) => throw Fail();

        public Task<Lookup<PaperDetailsResult>> PaperAsync(string id, CancellationToken cancellationToken) => throw Fail();

        public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, NodeLabel? label, int limit, CancellationToken cancellationToken) => throw Fail();

        public Task<Lookup<PathResult>> ShortestPathAsync(string source, string target, int maxDepth, CancellationToken cancellationToken) => throw Fail();

        public Task<Lookup<NeighborsResult>> NeighborsAsync(string id, int depth, IReadOnlyCollection<RelType>? types, PageRequest page, CancellationToken cancellationToken) => throw Fail();

        public Task<GraphStats> StatsAsync(CancellationToken cancellationToken) => throw Fail();
    }
}
