using System.Text;

namespace PaperGraph.Core.Tests;

public sealed class CypherScriptWriterTests
{
    private static async Task<string> WriteAsync(KnowledgeGraph graph)
    {
        using var stream = new MemoryStream();
        await CypherScriptWriter.WriteAsync(graph, stream, CancellationToken.None);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task Script_is_byte_identical_for_the_same_graph()
    {
        var first = await WriteAsync(ExportFixtures.Nasty());
        var second = await WriteAsync(ExportFixtures.Nasty());
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Script_is_the_header_then_exactly_the_statements_built_from_row_maps()
    {
        // The writer streams bytes row by row; Statements() builds the same text from CypherRows' maps.
        var graph = ExportFixtures.Nasty();
        ExportFixtures.AddNastyEvidence(graph);
        var script = await WriteAsync(graph);
        var expected = string.Concat(CypherScriptWriter.Statements(graph).Select(s => $"\n// {s.Name}\n{s.Text};\n"));
        Assert.Equal(expected, script[script.IndexOf("\n// constraint:", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Script_starts_with_constraints_for_every_label_before_any_merge()
    {
        var script = await WriteAsync(ExportFixtures.Nasty());
        var firstMerge = script.IndexOf("\nUNWIND", StringComparison.Ordinal);
        foreach (var label in Schema.Labels)
        {
            var constraint = script.IndexOf($"FOR (n:{label}) REQUIRE n.id IS UNIQUE", StringComparison.Ordinal);
            Assert.InRange(constraint, 0, firstMerge);
        }

        Assert.InRange(script.IndexOf("CREATE FULLTEXT INDEX entity_names", StringComparison.Ordinal), 0, firstMerge);
    }

    [Fact]
    public async Task Script_has_no_parameters_and_every_statement_ends_with_a_semicolon()
    {
        var graph = ExportFixtures.Nasty();
        var script = await WriteAsync(graph);
        Assert.DoesNotContain("$rows", script, StringComparison.Ordinal);
        var statements = CypherScriptWriter.Statements(graph).ToList();
        Assert.Equal(statements.Count, script.Split(";\n").Length - 1);
    }

    [Fact]
    public async Task Nasty_names_appear_only_as_escaped_string_literals()
    {
        var script = await WriteAsync(ExportFixtures.Nasty());
        Assert.Contains("'O\\'Brien \"Quoted\" Model'", script, StringComparison.Ordinal);
        Assert.Contains("'Line\\nbreak\\r\\nand\\ttab'", script, StringComparison.Ordinal);
        Assert.Contains("'Back\\\\slash\\\\\\' end'", script, StringComparison.Ordinal);
        // No raw newline inside any literal: every line of a data statement is a row, a clause or a comment.
        Assert.DoesNotContain("Line\nbreak", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_node_and_relationship_of_the_graph_is_merged_by_id()
    {
        var graph = ExportFixtures.Nasty();
        var script = await WriteAsync(graph);
        foreach (var node in graph.Nodes)
        {
            Assert.Contains("id: " + CypherValues.ToLiteral(node.Id), script, StringComparison.Ordinal);
        }

        foreach (var edge in graph.Edges)
        {
            Assert.Contains("id: " + CypherValues.ToLiteral(edge.Id), script, StringComparison.Ordinal);
        }
    }
}
