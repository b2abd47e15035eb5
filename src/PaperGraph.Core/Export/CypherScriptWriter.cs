using System.Globalization;
using System.Text;

namespace PaperGraph.Core;

/// <summary>
/// Writes <c>graph.cypher</c>: one idempotent script (constraints and indexes first, then MERGE statements) for
/// cypher-shell or Neo4j Browser. It runs the very statements of the HTTP loader, with the literal row list in place
/// of <c>$rows</c> because a script has no driver parameters. Same graph in, same bytes out.
/// </summary>
public static class CypherScriptWriter
{
    /// <summary>Rows per UNWIND statement: small enough for Browser, large enough to load fast.</summary>
    public const int RowsPerStatement = 200;

    /// <summary>Writes the whole graph as a Cypher script that can be run twice with the same result.</summary>
    public static async Task WriteAsync(KnowledgeGraph graph, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true)
        {
            NewLine = "\n",
        };
        await using (writer.ConfigureAwait(false))
        {
            foreach (var chunk in Chunks(graph))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The script's statements, each ending without a semicolon (the linter and tests read these).</summary>
    public static IEnumerable<CypherStatement> Statements(KnowledgeGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        foreach (var statement in CypherStatements.SchemaStatements())
        {
            yield return statement;
        }

        foreach (var batch in CypherRows.NodeBatches(graph, RowsPerStatement).Concat(CypherRows.RelationshipBatches(graph, RowsPerStatement)))
        {
            var rows = RowsLiteral(batch.Rows);
            yield return new CypherStatement(batch.Description, Inline(batch.Statement.Text, rows));
        }
    }

    private static IEnumerable<string> Chunks(KnowledgeGraph graph)
    {
        var counts = graph.CountByLabel();
        var types = graph.CountByType();
        var header = new StringBuilder()
            .Append("// PaperGraph knowledge graph: ")
            .Append(graph.NodeCount.ToString(CultureInfo.InvariantCulture)).Append(" nodes, ")
            .Append(graph.EdgeCount.ToString(CultureInfo.InvariantCulture)).Append(" relationships.\n")
            .Append("// Nodes: ").AppendJoin(", ", counts.Select(kv => $"{kv.Key} {kv.Value}")).Append('\n')
            .Append("// Relationships: ").AppendJoin(", ", types.Select(kv => $"{Schema.TypeName(kv.Key)} {kv.Value}")).Append('\n')
            .Append("// Idempotent: every statement MERGEs by id, so running the script again changes nothing.\n")
            .Append("// Run: cypher-shell -a neo4j://localhost:7687 -u neo4j -f graph.cypher (or paste into Neo4j Browser).\n");
        yield return header.ToString();
        foreach (var statement in Statements(graph))
        {
            yield return $"\n// {statement.Name}\n{statement.Text};\n";
        }
    }

    private static string Inline(string statementText, string rowsLiteral) =>
        statementText.Replace("$" + CypherStatements.RowsParameter, rowsLiteral, StringComparison.Ordinal);

    private static string RowsLiteral(IReadOnlyList<IReadOnlyDictionary<string, object?>> rows)
    {
        var sb = new StringBuilder("[\n");
        for (var i = 0; i < rows.Count; i++)
        {
            sb.Append("  ");
            CypherValues.AppendLiteral(sb, rows[i]);
            sb.Append(i + 1 < rows.Count ? ",\n" : "\n");
        }

        return sb.Append(']').ToString();
    }
}
