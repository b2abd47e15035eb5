namespace PaperGraph.Cli.Tests;

public sealed class ExportCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pg-export-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static string Corpus
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var path = Path.Combine(dir.FullName, "tests", "fixtures", "corpus", "papers.jsonl");
                if (File.Exists(path))
                {
                    return path;
                }
            }

            throw new FileNotFoundException("tests/fixtures/corpus/papers.jsonl");
        }
    }

    [Fact]
    public async Task Export_writes_neo4j_admin_csvs_and_the_import_command()
    {
        var code = await ExportCommand.Create().Parse([Corpus, "--format", "neo4j-admin", "--out", _dir]).InvokeAsync();
        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith("id:ID,:LABEL,name,aliases:string[]", File.ReadLines(Path.Combine(_dir, "nodes_Model.csv")).First(), StringComparison.Ordinal);
        Assert.StartsWith(":START_ID,:END_ID,:TYPE,id", File.ReadLines(Path.Combine(_dir, "rels_INTRODUCES.csv")).First(), StringComparison.Ordinal);
        Assert.Contains("neo4j-admin database import full", File.ReadAllText(Path.Combine(_dir, "neo4j-admin-import.sh")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_cypher_writes_graph_cypher()
    {
        var code = await ExportCommand.Create().Parse([Corpus, "--format", "cypher", "--out", _dir]).InvokeAsync();
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("CREATE CONSTRAINT model_id IF NOT EXISTS", File.ReadAllText(Path.Combine(_dir, "graph.cypher")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_multi_character_array_delimiter_is_a_usage_error()
    {
        var code = await ExportCommand.Create().Parse([Corpus, "--out", _dir, "--array-delimiter", ";;"]).InvokeAsync();
        Assert.Equal(ExitCodes.Usage, code);
    }

    [Fact]
    public async Task Export_reads_a_graph_json_and_writes_the_same_script_as_from_the_corpus()
    {
        Directory.CreateDirectory(_dir);
        var build = await PaperGraph.Core.GraphPipeline.BuildAsync(new PaperGraph.Core.BuildOptions([Corpus]), null, CancellationToken.None);
        var json = Path.Combine(_dir, "graph.json");
        await using (var stream = File.Create(json))
        {
            await PaperGraph.Core.GraphJsonWriter.WriteAsync(build.Graph, stream, CancellationToken.None);
        }

        Assert.Equal(ExitCodes.Ok, await ExportCommand.Create().Parse(["--graph", json, "--format", "cypher", "--out", Path.Combine(_dir, "a")]).InvokeAsync());
        Assert.Equal(ExitCodes.Ok, await ExportCommand.Create().Parse([Corpus, "--format", "cypher", "--out", Path.Combine(_dir, "b")]).InvokeAsync());
        Assert.Equal(File.ReadAllText(Path.Combine(_dir, "b", "graph.cypher")), File.ReadAllText(Path.Combine(_dir, "a", "graph.cypher")));
    }

    [Fact]
    public async Task Inputs_and_graph_together_are_refused()
    {
        var code = await ExportCommand.Create().Parse([Corpus, "--graph", "x.json", "--out", _dir]).InvokeAsync();
        Assert.Equal(ExitCodes.InputError, code);
    }
}
