namespace PaperGraph.Cli.Tests;

public sealed class ServeCommandTests
{
    private static Task<int> Run(params string[] args) => ServeCommand.Create().Parse(args).InvokeAsync();

    [Fact]
    public async Task Two_graph_sources_are_a_usage_error()
    {
        Assert.Equal(ExitCodes.Usage, await Run("seeds", "--neo4j", "http://127.0.0.1:7474"));
    }

    [Fact]
    public async Task Missing_graph_file_is_an_input_error()
    {
        Assert.Equal(ExitCodes.InputError, await Run("--graph", Path.Combine(Path.GetTempPath(), "no-such-graph-" + Guid.NewGuid() + ".json")));
    }

    [Fact]
    public async Task Missing_input_is_an_input_error()
    {
        Assert.Equal(ExitCodes.InputError, await Run(Path.Combine(Path.GetTempPath(), "no-such-corpus-" + Guid.NewGuid())));
    }

    [Fact]
    public async Task Neo4j_address_must_be_an_http_url()
    {
        Assert.Equal(ExitCodes.Usage, await Run("--neo4j", "bolt://localhost:7687"));
    }

    [Fact]
    public async Task Timeout_out_of_range_is_a_usage_error()
    {
        Assert.Equal(ExitCodes.Usage, await Run("--timeout", "0"));
    }
}
