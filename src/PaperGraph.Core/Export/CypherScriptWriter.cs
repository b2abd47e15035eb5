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

        // The same text as Statements() and Chunks() give, written as UTF-8 bytes row by row: at a million papers
        // the script is gigabytes, and building each batch as row dictionaries, strings and a replaced statement
        // text cost tens of CPU-seconds per 100k papers. CypherText and JsonText fall back to the row code's own
        // escaping for anything that is not plain ASCII, so the bytes cannot differ.
        var o = new Utf8Output(output);
        var cypher = new CypherText();
        using var json = new JsonText();
        o.WriteText(Header(graph));
        foreach (var statement in CypherStatements.SchemaStatements())
        {
            o.WriteText($"\n// {statement.Name}\n{statement.Text};\n");
        }

        var nodes = graph.NodesInIdOrder();
        foreach (var label in Schema.Labels)
        {
            var count = 0;
            foreach (var node in nodes)
            {
                count += node.Label == label ? 1 : 0;
            }

            await WriteBatchesAsync(o, CypherStatements.MergeNodes(label), count, nodes.Where(n => n.Label == label),
                node => WriteNode(o, cypher, node), cancellationToken).ConfigureAwait(false);
        }

        // Relationships by type, then by (start label, end label) in schema order, each group in id order: one
        // byte per edge names its group, and each group is a pass over the sorted edges (no per-group lists, which
        // at ten million edges would cost another hundred megabytes).
        var edges = graph.EdgesInIdOrder();
        var groups = new List<(RelType Type, NodeLabel Start, NodeLabel End)>();
        foreach (var type in Schema.Types)
        {
            var (starts, ends) = Schema.Endpoints(type);
            foreach (var start in starts)
            {
                foreach (var end in ends)
                {
                    groups.Add((type, start, end));
                }
            }
        }

        var groupIndex = new Dictionary<(RelType, NodeLabel, NodeLabel), int>();
        for (var g = 0; g < groups.Count; g++)
        {
            groupIndex[groups[g]] = g;
        }

        if (groups.Count >= byte.MaxValue)
        {
            throw new InvalidOperationException("more relationship groups than a byte can name");
        }

        var groupOf = new byte[edges.Length];
        var counts = new int[groups.Count];
        for (var i = 0; i < edges.Length; i++)
        {
            var edge = edges[i];
            var g = groupIndex.GetValueOrDefault((edge.Type, graph.GetNode(edge.Source).Label, graph.GetNode(edge.Target).Label), -1);
            groupOf[i] = g < 0 ? byte.MaxValue : (byte)g;
            if (g >= 0)
            {
                counts[g]++;
            }
        }

        var papers = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            if (counts[g] == 0)
            {
                continue;
            }

            var (type, start, end) = groups[g];
            await WriteBatchesAsync(o, CypherStatements.MergeRelationships(type, start, end), counts[g], InGroup(edges, groupOf, g),
                edge => WriteEdge(o, cypher, json, graph, edge, papers, seen), cancellationToken).ConfigureAwait(false);
        }

        await o.FlushAsync(cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<GraphEdge> InGroup(GraphEdge[] edges, byte[] groupOf, int group)
    {
        for (var i = 0; i < edges.Length; i++)
        {
            if (groupOf[i] == group)
            {
                yield return edges[i];
            }
        }
    }

    private static async Task WriteBatchesAsync<T>(Utf8Output o, CypherStatement statement, int rowCount, IEnumerable<T> rows,
        Action<T> writeRow, CancellationToken cancellationToken)
    {
        var marker = "$" + CypherStatements.RowsParameter;
        var at = statement.Text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0 || statement.Text.IndexOf(marker, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"statement {statement.Name} must read ${CypherStatements.RowsParameter} exactly once");
        }

        var before = Encoding.UTF8.GetBytes(statement.Text[..at]);
        var after = Encoding.UTF8.GetBytes(statement.Text[(at + marker.Length)..] + ";\n");
        var total = (rowCount + RowsPerStatement - 1) / RowsPerStatement;
        using var row = rows.GetEnumerator();
        for (var b = 0; b < total; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(RowsPerStatement, rowCount - (b * RowsPerStatement));
            var batch = new CypherBatch(statement, new EmptyRows(count), b, total);
            o.WriteText($"\n// {batch.Description}\n");
            o.Write(before);
            o.Write("[\n"u8);
            for (var i = 0; i < count; i++)
            {
                if (!row.MoveNext())
                {
                    throw new InvalidOperationException("fewer rows than counted");
                }

                o.Write("  "u8);
                writeRow(row.Current);
                o.Write(i + 1 < count ? ",\n"u8 : "\n"u8);
            }

            o.Write((byte)']');
            o.Write(after);
            await o.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // CypherRows.Node as a literal: {aliases: [...], id: '...', name: '...', props: {...}}.
    private static void WriteNode(Utf8Output o, CypherText cypher, GraphNode node)
    {
        o.Write("{aliases: ["u8);
        var first = true;
        foreach (var alias in node.Aliases)
        {
            if (!first)
            {
                o.Write(", "u8);
            }

            first = false;
            cypher.WriteString(o, alias);
        }

        o.Write("], id: "u8);
        cypher.WriteString(o, node.Id);
        o.Write(", name: "u8);
        cypher.WriteString(o, node.Name);
        o.Write(", props: "u8);
        WriteProps(o, cypher, node.PropertyMap);
        o.Write((byte)'}');
    }

    // CypherRows.Relationship as a literal: {end, evidence: [{json, key}], id, papers, props, start}.
    private static void WriteEdge(Utf8Output o, CypherText cypher, JsonText json, KnowledgeGraph graph, GraphEdge edge, List<string> papers, HashSet<string> seen)
    {
        o.Write("{end: "u8);
        cypher.WriteString(o, edge.Target);
        o.Write(", evidence: ["u8);
        papers.Clear();
        seen.Clear();
        var count = edge.EvidenceCount;
        for (var k = 0; k < count; k++)
        {
            var e = edge.EvidenceAt(k);
            if (k > 0)
            {
                o.Write(", "u8);
            }

            WriteEvidence(o, cypher, graph, e);
            // A set, not papers.Contains: hub edges carry evidence from hundreds of thousands of papers at 1M.
            if (seen.Add(e.Paper))
            {
                papers.Add(e.Paper);
            }
        }

        o.Write("], id: "u8);
        if (edge.IsRestored)
        {
            cypher.WriteString(o, edge.Id);
        }
        else
        {
            o.Write("'rel:"u8);
            o.WriteHex(edge.IdHash);
            o.Write((byte)'\'');
        }

        o.Write(", papers: ["u8);
        for (var i = 0; i < papers.Count; i++)
        {
            if (i > 0)
            {
                o.Write(", "u8);
            }

            cypher.WriteString(o, papers[i]);
        }

        o.Write("], props: "u8);
        WriteProps(o, cypher, edge.PropertyMap);
        o.Write(", start: "u8);
        cypher.WriteString(o, edge.Source);
        o.Write((byte)'}');
    }

    // {json: '<EvidenceJson>', key: '<EvidenceKey>'}: plain ASCII text straight through, anything else the row code's way.
    private static void WriteEvidence(Utf8Output o, CypherText cypher, KnowledgeGraph graph, EvidenceData e)
    {
        var sentences = graph.Sentences;
        var hasSentence = e.SentenceId >= 0 && e.SentenceId < sentences.Count;
        var sentence = hasSentence ? sentences.GetUtf8(e.SentenceId) : default;
        var plainSentence = !hasSentence || JsonText.IsPlainForBoth(sentence);
        if (e.Start < 0 || e.End < 0 || !double.IsFinite(e.Confidence) || !cypher.IsPlainForBoth(e.Paper) || !cypher.IsPlainForBoth(e.Rule)
            || (!plainSentence && !Ascii.IsValid(sentence)))
        {
            var evidence = e.ToEvidence();
            o.Write("{json: "u8);
            cypher.WriteString(o, CypherRows.EvidenceJson(graph, evidence));
            o.Write(", key: "u8);
            cypher.WriteString(o, CypherRows.EvidenceKey(evidence));
            o.Write((byte)'}');
            return;
        }

        o.Write("{json: '{\"paper\":\""u8);
        o.WriteText(e.Paper);
        if (hasSentence)
        {
            o.Write("\",\"sentence\":\""u8);
            if (plainSentence)
            {
                o.Write(sentence);
            }
            else
            {
                CypherText.TryWriteAsciiJsonInCypher(o, sentence);
            }

            o.Write("\",\"start\":"u8);
        }
        else
        {
            o.Write("\",\"sentence\":null,\"start\":"u8);
        }

        o.WriteInt(e.Start);
        o.Write(",\"end\":"u8);
        o.WriteInt(e.End);
        o.Write(",\"rule\":\""u8);
        o.WriteText(e.Rule);
        o.Write("\",\"confidence\":"u8);
        o.Write(cypher.FormatDouble(e.Confidence));
        o.Write("}', key: '"u8);
        o.WriteText(e.Paper);
        o.Write((byte)'|');
        o.WriteInt(e.Start);
        o.Write((byte)'|');
        o.WriteInt(e.End);
        o.Write((byte)'|');
        o.WriteText(e.Rule);
        o.Write("'}"u8);
    }

    // CypherRows.Props as a literal: reserved keys left out, values normalised, null values dropped, keys sorted.
    private static void WriteProps(Utf8Output o, CypherText cypher, PropertyDictionary properties)
    {
        o.Write((byte)'{');
        var first = true;
        for (var i = 0; i < properties.Count; i++)
        {
            var (key, value) = properties.At(i);
            if (CypherStatements.ReservedKeys.Contains(key))
            {
                continue;
            }

            var normalized = CypherValues.NormalizeProperty(value);
            if (normalized is null)
            {
                continue;
            }

            if (!first)
            {
                o.Write(", "u8);
            }

            first = false;
            cypher.WriteKey(o, key);
            o.Write(": "u8);
            switch (normalized)
            {
                case string s:
                    cypher.WriteString(o, s);
                    break;
                case long l:
                    o.WriteInt(l);
                    break;
                default:
                    cypher.WriteLiteral(o, normalized);
                    break;
            }
        }

        o.Write((byte)'}');
    }

    private sealed class EmptyRows(int count) : IReadOnlyList<IReadOnlyDictionary<string, object?>>
    {
        public IReadOnlyDictionary<string, object?> this[int index] => throw new NotSupportedException();

        public int Count => count;

        public IEnumerator<IReadOnlyDictionary<string, object?>> GetEnumerator() => Enumerable.Empty<IReadOnlyDictionary<string, object?>>().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
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
