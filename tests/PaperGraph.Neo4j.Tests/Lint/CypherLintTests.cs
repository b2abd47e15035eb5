using System.Text;
using PaperGraph.Core;

namespace PaperGraph.Neo4j.Tests;

/// <summary>Every Cypher statement PaperGraph emits passes Neo4j's own linter (lintCypherQuery).</summary>
public sealed class CypherLintTests
{
    [Fact]
    public void Every_loader_statement_passes_the_linter()
    {
        var statements = CypherStatements.SchemaStatements().Concat(CypherStatements.AllMergeStatements())
            .Select(s => (s.Name, s.Text, (IEnumerable<string>)[CypherStatements.RowsParameter]))
            .ToList();
        var results = CypherLinter.Lint(statements);

        Assert.Equal(statements.Count, results.Count);
        Assert.True(results.All(r => !r.Failures.Any()), CypherLinter.Report(results));
    }

    [Fact]
    public async Task Graph_script_with_nasty_names_passes_the_linter()
    {
        var graph = NastyGraph.Build();
        using var stream = new MemoryStream();
        await CypherScriptWriter.WriteAsync(graph, stream, CancellationToken.None);
        var script = Encoding.UTF8.GetString(stream.ToArray());
        // The whole file at once: also proves the statements are separated correctly for cypher-shell and Browser.
        var results = CypherLinter.Lint([("graph.cypher", script, [])]);

        Assert.True(results.All(r => !r.Failures.Any()), CypherLinter.Report(results));
    }

    [Fact]
    public void Every_cypher_file_in_the_repository_passes_the_linter()
    {
        var root = Path.Combine(CypherLinter.RepoRoot, "cypher");
        var files = Directory.EnumerateFiles(root, "*.cypher", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(files, f => f.EndsWith("schema.cypher", StringComparison.Ordinal));

        var results = CypherLinter.Lint(files.Select(f =>
        {
            var text = File.ReadAllText(f);
            return (Path.GetRelativePath(CypherLinter.RepoRoot, f), text, (IEnumerable<string>)CypherLinter.DocumentedParameters(text));
        }));

        Assert.True(results.All(r => !r.Failures.Any()), CypherLinter.Report(results));
    }

    [Fact]
    public void The_linter_rejects_what_naive_string_splicing_would_produce()
    {
        // Proves the gate can fail: a name spliced into the text breaks the statement; the same name as a parameter does not.
        var spliced = "MERGE (m:Model {name: '" + NastyGraph.Names[0] + "'}) RETURN m";
        var results = CypherLinter.Lint([
            ("spliced", spliced, []),
            ("unknown-label", "MATCH (m:Modle) RETURN m", []),
            ("parameter", "MERGE (m:Model {name: $name}) RETURN m", ["name"]),
            ("undeclared-parameter", "MATCH (m:Model {id: $nope}) RETURN m", []),
        ]);

        Assert.NotEmpty(results[0].Failures);
        Assert.NotEmpty(results[1].Failures);
        Assert.Empty(results[2].Failures);
        Assert.Contains(results[3].Failures, d => d.Message.Contains("$nope", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("// :param name => 'DeepSeek-V3'\nMATCH (m:Model {name: $name}) RETURN m", new[] { "name" })]
    [InlineData("// :param {name: 'DeepSeek-V3', depth: 3}\nRETURN $name, $depth", new[] { "depth", "name" })]
    [InlineData("// :params {`id`: 'model:x'}\nRETURN $id", new[] { "id" })]
    public void Documented_parameters_are_read_from_param_lines(string text, string[] expected) =>
        Assert.Equal(expected, CypherLinter.DocumentedParameters(text));

    [Fact]
    public void Schema_file_holds_every_schema_statement_the_loader_runs()
    {
        var file = File.ReadAllText(Path.Combine(CypherLinter.RepoRoot, "cypher", "schema.cypher"));
        foreach (var statement in CypherStatements.SchemaStatements())
        {
            Assert.Contains(statement.Text + ";", file, StringComparison.Ordinal);
        }
    }
}
