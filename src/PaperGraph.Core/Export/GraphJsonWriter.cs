using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PaperGraph.Core;

/// <summary>
/// Writes <c>graph.json</c>:
/// <c>{"formatVersion":1,"nodes":[{"id","label","name","aliases":[...],"properties":{...}}],
/// "relationships":[{"id","type","start","end","properties":{...},"evidence":[{"paper","sentence","start","end","rule","confidence"}]}]}</c>.
/// Nodes and relationships are sorted by id, aliases and property keys ordinally, numbers in their shortest
/// round-trip form, so the same graph always gives the same bytes. Streams through a <see cref="Utf8JsonWriter"/>.
/// </summary>
public static class GraphJsonWriter
{
    /// <summary>The <c>formatVersion</c> written (and the only one <see cref="GraphJsonReader"/> accepts).</summary>
    public const int FormatVersion = 1;

    private const int FlushThreshold = 1 << 20;

    /// <summary>Writes the graph as compact JSON (one line, then a newline).</summary>
    public static Task WriteAsync(KnowledgeGraph graph, Stream output, CancellationToken cancellationToken) =>
        WriteAsync(graph, output, indented: false, cancellationToken);

    /// <summary>Writes the graph, indented for reading when <paramref name="indented"/> is set.</summary>
    public static Task WriteAsync(KnowledgeGraph graph, Stream output, bool indented, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(output);
        return indented
            ? WriteWithJsonWriterAsync(graph, output, indented: true, cancellationToken)
            : WriteCompactAsync(graph, output, ExportChunking.Default, cancellationToken);
    }

    // The compact file is the one a build writes, gigabytes at a million papers: UTF-8 bytes straight into buffers,
    // with the very bytes Utf8JsonWriter would give (JsonText falls back to it for anything not plain ASCII). Rows
    // are rendered in chunks on every core and written in order (ChunkedExport): chunk 0 opens the file, the first
    // relationship chunk (or the last chunk, when there are none) opens the relationships, the last one closes.
    internal static async Task WriteCompactAsync(KnowledgeGraph graph, Stream output, ExportChunking chunking, CancellationToken cancellationToken)
    {
        var nodes = graph.NodesInIdOrder();
        var edges = graph.EdgesInIdOrder();
        var sentences = graph.Sentences;
        var rows = chunking.RowsPerChunk;
        var nodeChunks = (nodes.Length + rows - 1) / rows;
        var edgeChunks = (edges.Length + rows - 1) / rows;
        var last = nodeChunks + edgeChunks;
        await ChunkedExport.WriteAsync(output, last + 1, () => new JsonText(), (json, o, chunk) =>
        {
            if (chunk == 0)
            {
                o.Write("{\"formatVersion\":"u8);
                o.WriteInt(FormatVersion);
                o.Write(",\"nodes\":["u8);
            }

            if (chunk == nodeChunks)
            {
                o.Write("],\"relationships\":["u8);
            }

            if (chunk < nodeChunks)
            {
                WriteNodes(o, json, nodes, chunk * rows, Math.Min(nodes.Length, (chunk + 1) * rows));
            }
            else if (chunk < last)
            {
                var first = (chunk - nodeChunks) * rows;
                WriteEdges(o, json, sentences, edges, first, Math.Min(edges.Length, first + rows));
            }
            else
            {
                o.Write("]}\n"u8);
            }
        }, chunking.Parallelism, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteNodes(Utf8Output o, JsonText json, GraphNode[] nodes, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (i > 0)
            {
                o.Write((byte)',');
            }

            WriteNode(o, json, nodes[i]);
        }
    }

    private static void WriteEdges(Utf8Output o, JsonText json, SentenceStore sentences, EdgeOrder edges, int from, int to)
    {
        // Each link of the next edges' reads is started a few edges ahead (EdgeOrder.TouchRecord).
        var touched = edges.TouchRecord(from) + edges.TouchRecord(from + 1) + edges.TouchRecord(from + 2) + edges.TouchNumbers(from)
            + edges.TouchNumbers(from + 1) + edges.TouchStrings(from);
        for (var i = from; i < to; i++)
        {
            if (i > 0)
            {
                o.Write((byte)',');
            }

            touched += edges.TouchRecord(i + 3) + edges.TouchNumbers(i + 2) + edges.TouchStrings(i + 1);
            WriteEdge(o, json, sentences, edges[i]);
        }

        Touched += touched;
    }

    // Keeps the reads of EdgeOrder.TouchRecord and the like from being optimised away.
    private static int Touched;

    // Row writers are plain methods, not parts of the async loop, so they are compiled fully optimised early.
    private static void WriteNode(Utf8Output o, JsonText json, GraphNode node)
    {
        o.Write("{\"id\":"u8);
        json.WriteString(o, node.Id);
        o.Write(",\"label\":"u8);
        json.WriteString(o, Schema.LabelName(node.Label));
        o.Write(",\"name\":"u8);
        json.WriteString(o, node.Name);
        o.Write(",\"aliases\":["u8);
        var aliases = node.Aliases;
        if (NodeAliases.TryGetFew(aliases, out var one, out var two))
        {
            if (one is not null)
            {
                json.WriteString(o, one);
            }

            if (two is not null)
            {
                o.Write((byte)',');
                json.WriteString(o, two);
            }
        }
        else
        {
            var first = true;
            foreach (var alias in aliases)
            {
                if (!first)
                {
                    o.Write((byte)',');
                }

                first = false;
                json.WriteString(o, alias);
            }
        }

        o.Write("],\"properties\":"u8);
        WriteProperties(o, json, node.PropertyMap);
        o.Write((byte)'}');
    }

    private static void WriteEdge(Utf8Output o, JsonText json, SentenceStore sentences, EdgeRecord edge)
    {
        o.Write("{\"id\":"u8);
        if (edge.IsRestored)
        {
            json.WriteString(o, edge.Id);
        }
        else
        {
            o.Write("\"rel:"u8);
            o.WriteHex(edge.IdHash);
            o.Write((byte)'"');
        }

        o.Write(",\"type\":"u8);
        json.WriteString(o, Schema.TypeName(edge.Type));
        o.Write(",\"start\":"u8);
        json.WriteString(o, edge.Source);
        o.Write(",\"end\":"u8);
        json.WriteString(o, edge.Target);
        o.Write(",\"properties\":"u8);
        WriteProperties(o, json, edge.PropertyMap);
        o.Write(",\"evidence\":["u8);
        var count = edge.EvidenceCount;
        for (var k = 0; k < count; k++)
        {
            var e = edge.EvidenceAt(k);
            o.Write(k == 0 ? "{\"paper\":"u8 : ",{\"paper\":"u8);
            json.WriteString(o, e.Paper);
            o.Write(",\"sentence\":"u8);
            json.WriteString(o, sentences.GetUtf8(e.SentenceId));
            o.Write(",\"start\":"u8);
            o.WriteInt(e.Start);
            o.Write(",\"end\":"u8);
            o.WriteInt(e.End);
            o.Write(",\"rule\":"u8);
            json.WriteString(o, e.Rule);
            o.Write(",\"confidence\":"u8);
            WriteDouble(o, json, e.Confidence);
            o.Write((byte)'}');
        }

        o.Write("]}"u8);
    }

    private static void WriteProperties(Utf8Output o, JsonText json, PropertyDictionary properties)
    {
        o.Write((byte)'{');
        var first = true;
        for (var i = 0; i < properties.Count; i++)
        {
            var (key, value) = properties.At(i);
            if (value is null)
            {
                continue;
            }

            if (!first)
            {
                o.Write((byte)',');
            }

            first = false;
            json.WriteString(o, key);
            o.Write((byte)':');
            switch (value)
            {
                case string s:
                    json.WriteString(o, s);
                    break;
                case int n:
                    o.WriteInt(n);
                    break;
                case long n:
                    o.WriteInt(n);
                    break;
                case double d:
                    WriteDouble(o, json, d);
                    break;
                default:
                    json.WriteWith(o, w => WriteValue(w, value));
                    break;
            }
        }

        o.Write((byte)'}');
    }

    private static void WriteDouble(Utf8Output o, JsonText json, double d)
    {
        // As WriteDouble below: no NaN or infinity in JSON, an integral double as an integer.
        if (!double.IsFinite(d))
        {
            o.Write("null"u8);
        }
        else if (d == Math.Floor(d) && Math.Abs(d) < 1e15)
        {
            o.WriteInt((long)d);
        }
        else
        {
            json.WriteNumber(o, d);
        }
    }

    /// <summary>The graph through a <see cref="Utf8JsonWriter"/>: the indented form, and the reference for the compact one.</summary>
    internal static async Task WriteWithJsonWriterAsync(KnowledgeGraph graph, Stream output, bool indented, CancellationToken cancellationToken)
    {
        var options = new JsonWriterOptions
        {
            Indented = indented,
            // Readable text (no \u escapes for non-ASCII or '<'); the file is data, never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = false,
        };

        await using var writer = new Utf8JsonWriter(output, options);
        writer.WriteStartObject();
        writer.WriteNumber("formatVersion", FormatVersion);

        writer.WriteStartArray("nodes");
        foreach (var node in graph.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal))
        {
            WriteNode(writer, node);
            if (writer.BytesPending > FlushThreshold)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();

        writer.WriteStartArray("relationships");
        foreach (var edge in graph.Edges.OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            WriteEdge(writer, graph, edge);
            if (writer.BytesPending > FlushThreshold)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>Writes the graph to a file (created or replaced).</summary>
    public static async Task WriteFileAsync(KnowledgeGraph graph, string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await WriteAsync(graph, stream, cancellationToken);
    }

    private static void WriteNode(Utf8JsonWriter writer, GraphNode node)
    {
        writer.WriteStartObject();
        writer.WriteString("id", node.Id);
        writer.WriteString("label", Schema.LabelName(node.Label));
        writer.WriteString("name", node.Name);
        writer.WriteStartArray("aliases");
        foreach (var alias in node.Aliases)
        {
            writer.WriteStringValue(alias);
        }

        writer.WriteEndArray();
        writer.WritePropertyName("properties");
        WriteProperties(writer, node.Properties);
        writer.WriteEndObject();
    }

    private static void WriteEdge(Utf8JsonWriter writer, KnowledgeGraph graph, GraphEdge edge)
    {
        writer.WriteStartObject();
        writer.WriteString("id", edge.Id);
        writer.WriteString("type", Schema.TypeName(edge.Type));
        writer.WriteString("start", edge.Source);
        writer.WriteString("end", edge.Target);
        writer.WritePropertyName("properties");
        WriteProperties(writer, edge.Properties);
        writer.WriteStartArray("evidence");
        foreach (var e in edge.Evidence)
        {
            writer.WriteStartObject();
            writer.WriteString("paper", e.Paper);
            writer.WriteString("sentence", graph.Sentences.GetUtf8(e.SentenceId));
            writer.WriteNumber("start", e.Start);
            writer.WriteNumber("end", e.End);
            writer.WriteString("rule", e.Rule);
            writer.WritePropertyName("confidence");
            WriteValue(writer, e.Confidence);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteProperties(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> properties)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (value is null)
            {
                continue;
            }

            writer.WritePropertyName(key);
            WriteValue(writer, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one property value with a stable, culture-free form.</summary>
    // Not CypherValues.WriteJson: graph.json writes an integral double as an integer ("51"), while values bound for
    // Neo4j must keep their float type, so the two writers differ on purpose.
    internal static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int or long or short or sbyte or byte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case float f:
                WriteDouble(writer, f);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                WriteProperties(writer, map);
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double d)
    {
        // JSON has no NaN or infinity; an integral double is written as an integer ("51", not "51.0").
        if (!double.IsFinite(d))
        {
            writer.WriteNullValue();
        }
        else if (d == Math.Floor(d) && Math.Abs(d) < 1e15)
        {
            writer.WriteNumberValue((long)d);
        }
        else
        {
            writer.WriteNumberValue(d);
        }
    }
}
