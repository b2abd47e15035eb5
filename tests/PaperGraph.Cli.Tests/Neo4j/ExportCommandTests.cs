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
}
