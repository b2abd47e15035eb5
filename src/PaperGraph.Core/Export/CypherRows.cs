using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PaperGraph.Core;

/// <summary>A batch of rows for one statement: what the loader sends as <c>$rows</c> and the script inlines.</summary>
/// <param name="Statement">The statement that reads the rows.</param>
/// <param name="Rows">Row maps (see <see cref="CypherRows"/>).</param>
/// <param name="Index">0-based batch number within the statement.</param>
/// <param name="Total">Batches of this statement.</param>
public sealed record CypherBatch(CypherStatement Statement, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows, int Index, int Total)
{
    /// <summary>Human description, such as <c>nodes:Model batch 2/5 (500 rows)</c>.</summary>
    public string Description => $"{Statement.Name} batch {Index + 1}/{Total} ({Rows.Count} rows)";
}

/// <summary>
/// Builds the parameter rows of <see cref="CypherStatements"/> from a graph, in a deterministic order (labels and
/// types in schema order, then ordinal id order).
/// </summary>
public static class CypherRows
{
    /// <summary>The row of a node: <c>id</c>, <c>name</c>, <c>aliases</c> (sorted), <c>props</c> (reserved keys removed).</summary>
    public static IReadOnlyDictionary<string, object?> Node(GraphNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = node.Id,
            ["name"] = node.Name,
            ["aliases"] = node.Aliases.ToList(),
            ["props"] = Props(node.Properties),
        };
    }

    /// <summary>
    /// The row of a relationship: <c>id</c>, <c>start</c>, <c>end</c>, <c>props</c>, <c>papers</c> (distinct, in
    /// evidence order) and <c>evidence</c> (maps of <c>key</c> = <c>paper|start|end|rule</c> and <c>json</c>, the
    /// compact JSON of the evidence with its sentence text).
    /// </summary>
    public static IReadOnlyDictionary<string, object?> Relationship(KnowledgeGraph graph, GraphEdge edge)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(edge);
        var evidence = new List<object?>();
        var papers = new List<object?>();
        // A hub edge (a model used in thousands of papers) has thousands of evidence pieces: a list scan per piece
        // was quadratic.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in edge.Evidence)
        {
            evidence.Add(new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["key"] = EvidenceKey(e),
                ["json"] = EvidenceJson(graph, e),
            });
            if (seen.Add(e.Paper))
            {
                papers.Add(e.Paper);
            }
        }

        return new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = edge.Id,
            ["start"] = edge.Source,
            ["end"] = edge.Target,
            ["props"] = Props(edge.Properties),
            ["papers"] = papers,
            ["evidence"] = evidence,
        };
    }

    /// <summary>The de-duplication key of a piece of evidence: <c>paper|start|end|rule</c>.</summary>
    public static string EvidenceKey(Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return string.Join('|', evidence.Paper, evidence.Start, evidence.End, evidence.Rule);
    }

    /// <summary>The stored JSON of a piece of evidence (keys in a fixed order, readable in Neo4j Browser).</summary>
    public static string EvidenceJson(KnowledgeGraph graph, Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(evidence);
        var sentence = evidence.SentenceId >= 0 && evidence.SentenceId < graph.Sentences.Count
            ? graph.Sentences.Get(evidence.SentenceId)
            : null;
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            // Fixed key order (paper, sentence, start, end, rule, confidence) so Browser users read it top-down.
            writer.WriteStartObject();
            writer.WriteString("paper", evidence.Paper);
            if (sentence is null)
            {
                writer.WriteNull("sentence");
            }
            else
            {
                writer.WriteString("sentence", sentence);
            }

            writer.WriteNumber("start", evidence.Start);
            writer.WriteNumber("end", evidence.End);
            writer.WriteString("rule", evidence.Rule);
            writer.WritePropertyName("confidence");
            CypherValues.WriteJson(writer, evidence.Confidence);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Node batches per label (schema order), each of at most <paramref name="batchSize"/> rows.</summary>
    public static IEnumerable<CypherBatch> NodeBatches(KnowledgeGraph graph, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        foreach (var label in Schema.Labels)
        {
            var nodes = graph.Nodes.Where(n => n.Label == label).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
            foreach (var batch in Batch(CypherStatements.MergeNodes(label), nodes.Select(Node).ToList(), batchSize))
            {
                yield return batch;
            }
        }
    }

    /// <summary>Relationship batches per type and endpoint labels (schema order).</summary>
    public static IEnumerable<CypherBatch> RelationshipBatches(KnowledgeGraph graph, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        foreach (var type in Schema.Types)
        {
            var (starts, ends) = Schema.Endpoints(type);
            var edges = graph.Edges.Where(e => e.Type == type).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
            foreach (var start in starts)
            {
                foreach (var end in ends)
                {
                    var rows = edges
                        .Where(e => graph.GetNode(e.Source).Label == start && graph.GetNode(e.Target).Label == end)
                        .Select(e => Relationship(graph, e))
                        .ToList();
                    foreach (var batch in Batch(CypherStatements.MergeRelationships(type, start, end), rows, batchSize))
                    {
                        yield return batch;
                    }
                }
            }
        }
    }

    private static IEnumerable<CypherBatch> Batch(CypherStatement statement, List<IReadOnlyDictionary<string, object?>> rows, int batchSize)
    {
        var total = (rows.Count + batchSize - 1) / batchSize;
        for (var i = 0; i < total; i++)
        {
            yield return new CypherBatch(statement, rows.GetRange(i * batchSize, Math.Min(batchSize, rows.Count - (i * batchSize))), i, total);
        }
    }

    private static SortedDictionary<string, object?> Props(IEnumerable<KeyValuePair<string, object?>> properties)
    {
        var props = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            if (CypherStatements.ReservedKeys.Contains(key))
            {
                continue;
            }

            var normalized = CypherValues.NormalizeProperty(value);
            if (normalized is not null)
            {
                props[key] = normalized;
            }
        }

        return props;
    }
}
