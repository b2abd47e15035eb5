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
    public static Task WriteAsync(KnowledgeGraph graph, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(output);
        return WriteAsync(graph, output, ExportChunking.Default, cancellationToken);
    }

    // The same text as Statements() and Chunks() give, written as UTF-8 bytes row by row: at a million papers the
    // script is gigabytes, and building each batch as row dictionaries, strings and a replaced statement text cost
    // tens of CPU-seconds per 100k papers. CypherText and JsonText fall back to the row code's own escaping for
    // anything that is not plain ASCII, so the bytes cannot differ. Batches are rendered in chunks on every core and
    // written in order (ChunkedExport); a chunk is a run of whole batches of one statement, so the batch headers
    // ("batch 2/15 (200 rows)") are the same however the work is split.
    internal static async Task WriteAsync(KnowledgeGraph graph, Stream output, ExportChunking chunking, CancellationToken cancellationToken)
    {
        var plan = new CypherScriptPlan(graph, Header(graph), chunking);
        await ChunkedExport.WriteAsync(output, plan.ChunkCount, () => new CypherScriptPlan.Worker(), plan.Render,
            chunking.Parallelism, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Header(KnowledgeGraph graph)
    {
        var counts = graph.CountByLabel();
        var types = graph.CountByType();
        return new StringBuilder()
            .Append("// PaperGraph knowledge graph: ")
            .Append(graph.NodeCount.ToString(CultureInfo.InvariantCulture)).Append(" nodes, ")
            .Append(graph.EdgeCount.ToString(CultureInfo.InvariantCulture)).Append(" relationships.\n")
            .Append("// Nodes: ").AppendJoin(", ", counts.Select(kv => $"{kv.Key} {kv.Value}")).Append('\n')
            .Append("// Relationships: ").AppendJoin(", ", types.Select(kv => $"{Schema.TypeName(kv.Key)} {kv.Value}")).Append('\n')
            .Append("// Idempotent: every statement MERGEs by id, so running the script again changes nothing.\n")
            .Append("// Run: cypher-shell -a neo4j://localhost:7687 -u neo4j -f graph.cypher (or paste into Neo4j Browser).\n")
            .ToString();
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
