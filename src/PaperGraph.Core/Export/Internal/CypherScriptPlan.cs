using System.Runtime.ExceptionServices;
using System.Text;

namespace PaperGraph.Core;

/// <summary>
/// graph.cypher cut into chunks for <see cref="ChunkedExport"/>: chunk 0 is the preamble (header, constraints,
/// indexes); every other chunk is a run of whole UNWIND batches of one statement (nodes per label, then relationships
/// per type and endpoint labels, each in id order). One byte per node and per edge names its statement, and each
/// chunk records where in the sorted arrays its first row is, so a worker finds its rows with a vectorised byte
/// search and no per-statement lists exist (at ten million edges they would cost another hundred megabytes).
/// </summary>
internal sealed class CypherScriptPlan
{
    private const int RowsPerBatch = CypherScriptWriter.RowsPerStatement;
    private const byte NoGroup = byte.MaxValue;

    // Below this many pieces of evidence, distinct papers are found by comparing with the earlier pieces.
    private const int SmallEvidence = 16;

    private static readonly HashSet<string> Reserved = new(CypherStatements.ReservedKeys, StringComparer.Ordinal);

    private readonly KnowledgeGraph _graph;
    private readonly byte[] _preamble;
    private readonly GraphNode[] _nodes;
    private readonly EdgeOrder _edges;

    // Keeps the reads of EdgeOrder.TouchRecord and the like from being optimised away (writers on several threads may lose updates:
    // only the reads matter).
    private int _touched;

    // How many rows ahead of the one being written their positions are found (see Render).
    private const int Ahead = 4;
    private readonly byte[] _nodeGroup;
    private readonly byte[] _edgeGroup;
    private readonly List<Group> _groups = [];
    private readonly List<Chunk> _chunks = [];

    public CypherScriptPlan(KnowledgeGraph graph, string header, ExportChunking chunking)
    {
        _graph = graph;
        var preamble = new StringBuilder(header);
        foreach (var statement in CypherStatements.SchemaStatements())
        {
            preamble.Append("\n// ").Append(statement.Name).Append('\n').Append(statement.Text).Append(";\n");
        }

        _preamble = Encoding.UTF8.GetBytes(preamble.ToString());

        var labelCount = Enum.GetValues<NodeLabel>().Max(l => (int)l) + 1;
        var labelGroup = new byte[labelCount];
        Array.Fill(labelGroup, NoGroup);
        foreach (var label in Schema.Labels)
        {
            labelGroup[(int)label] = AddGroup(CypherStatements.MergeNodes(label), ofNodes: true);
        }

        // Relationships by type, then by (start label, end label) in schema order.
        var typeCount = Enum.GetValues<RelType>().Max(t => (int)t) + 1;
        var edgeGroup = new byte[typeCount * labelCount * labelCount];
        Array.Fill(edgeGroup, NoGroup);
        foreach (var type in Schema.Types)
        {
            var (starts, ends) = Schema.Endpoints(type);
            foreach (var start in starts)
            {
                foreach (var end in ends)
                {
                    edgeGroup[((((int)type * labelCount) + (int)start) * labelCount) + (int)end] =
                        AddGroup(CypherStatements.MergeRelationships(type, start, end), ofNodes: false);
                }
            }
        }

        _nodes = graph.NodesInIdOrder();
        _nodeGroup = new byte[_nodes.Length];
        for (var i = 0; i < _nodes.Length; i++)
        {
            var label = (int)_nodes[i].Label;
            _nodeGroup[i] = (uint)label < (uint)labelCount ? labelGroup[label] : NoGroup;
        }

        _edges = graph.EdgesInIdOrder();
        _edgeGroup = EdgeGroups(graph, _edges, edgeGroup, typeCount, labelCount, chunking.Parallelism);

        _chunks.Add(default); // the preamble
        var counts = new int[_groups.Count];
        var chunkStarts = new List<int>?[_groups.Count];
        var rowsPerChunk = RowsPerBatch * chunking.BatchesPerChunk;
        FindChunkStarts(_nodeGroup, rowsPerChunk, counts, chunkStarts);
        FindChunkStarts(_edgeGroup, rowsPerChunk, counts, chunkStarts);
        for (var g = 0; g < _groups.Count; g++)
        {
            var group = _groups[g];
            group.Rows = counts[g];
            group.Batches = (counts[g] + RowsPerBatch - 1) / RowsPerBatch;
            var starts = chunkStarts[g] ?? [];
            for (var c = 0; c < starts.Count; c++)
            {
                var first = c * chunking.BatchesPerChunk;
                _chunks.Add(new Chunk(g, first, Math.Min(chunking.BatchesPerChunk, group.Batches - first), starts[c]));
            }
        }
    }

    public int ChunkCount => _chunks.Count;

    /// <summary>Renders one chunk; workers render different chunks at once (the plan is read-only by then).</summary>
    public void Render(Worker worker, Utf8Output o, int chunk)
    {
        if (chunk == 0)
        {
            o.Write(_preamble);
            return;
        }

        var (g, firstBatch, batches, start) = _chunks[chunk];
        var group = _groups[g];
        var keys = group.OfNodes ? _nodeGroup : _edgeGroup;
        var key = (byte)g;
        var at = start;
        Span<int> found = stackalloc int[Ahead];
        for (var b = firstBatch; b < firstBatch + batches; b++)
        {
            var count = Math.Min(RowsPerBatch, group.Rows - (b * RowsPerBatch));
            // CypherBatch.Description: "{statement} batch {index + 1}/{total} ({rows} rows)".
            o.Write("\n// "u8);
            o.Write(group.Name);
            o.Write(" batch "u8);
            o.WriteInt(b + 1);
            o.Write((byte)'/');
            o.WriteInt(group.Batches);
            o.Write(" ("u8);
            o.WriteInt(count);
            o.Write(" rows)\n"u8);
            o.Write(group.Before);
            o.Write("[\n"u8);
            // Edges: the positions of the next rows are found a few rows ahead, and their reads are started in stages
            // (EdgeOrder.TouchRecord, TouchNumbers, TouchStrings) so that each stage's cache misses overlap the
            // writing of the rows before instead of one row waiting for a chain of them. Slot r % Ahead holds row r.
            var known = 0;
            var scan = at;
            for (var r = 0; r < count; r++)
            {
                while (known < count && known <= r + Ahead - 1)
                {
                    var next = keys.AsSpan(scan).IndexOf(key);
                    if (next < 0)
                    {
                        throw new InvalidOperationException("fewer rows than counted");
                    }

                    found[known % Ahead] = scan + next;
                    scan += next + 1;
                    if (!group.OfNodes)
                    {
                        _touched += _edges.TouchRecord(found[known % Ahead]);
                    }

                    known++;
                }

                at = found[r % Ahead];
                o.Write("  "u8);
                if (group.OfNodes)
                {
                    WriteNode(o, worker.Cypher, _nodes[at]);
                }
                else
                {
                    if (r + 2 < known)
                    {
                        _touched += _edges.TouchNumbers(found[(r + 2) % Ahead]);
                    }

                    if (r + 1 < known)
                    {
                        _touched += _edges.TouchStrings(found[(r + 1) % Ahead]);
                    }

                    WriteEdge(o, worker, _edges[at]);
                }

                o.Write(r + 1 < count ? ",\n"u8 : "\n"u8);
                at++;
            }

            o.Write((byte)']');
            o.Write(group.After);
        }
    }

    private byte AddGroup(CypherStatement statement, bool ofNodes)
    {
        var marker = "$" + CypherStatements.RowsParameter;
        var at = statement.Text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0 || statement.Text.IndexOf(marker, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"statement {statement.Name} must read ${CypherStatements.RowsParameter} exactly once");
        }

        if (_groups.Count >= NoGroup)
        {
            throw new InvalidOperationException("more statements than a byte can name");
        }

        _groups.Add(new Group(Encoding.UTF8.GetBytes(statement.Name), Encoding.UTF8.GetBytes(statement.Text[..at]),
            Encoding.UTF8.GetBytes(statement.Text[(at + marker.Length)..] + ";\n"), ofNodes));
        return (byte)(_groups.Count - 1);
    }

    // The statement of every edge: an edge knows its endpoint labels (GraphEdge.TryGetEndpointLabels), so the nodes
    // are looked up only for an edge that does not; a type whose start (or end) can only be one label needs no node
    // look-up for that side (the graph admits only edges the schema allows).
    private static byte[] EdgeGroups(KnowledgeGraph graph, EdgeOrder edges, byte[] table, int typeCount, int labelCount, int parallelism)
    {
        var onlyStart = new int[typeCount];
        var onlyEnd = new int[typeCount];
        Array.Fill(onlyStart, -1);
        Array.Fill(onlyEnd, -1);
        foreach (var type in Schema.Types)
        {
            var (starts, ends) = Schema.Endpoints(type);
            onlyStart[(int)type] = starts.Count == 1 ? (int)starts[0] : -1;
            onlyEnd[(int)type] = ends.Count == 1 ? (int)ends[0] : -1;
        }

        var groups = new byte[edges.Length];
        const int Block = 1 << 14;
        var blocks = (edges.Length + Block - 1) / Block;
        try
        {
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, block => FillGroups(block));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // What the one-thread pass threw (an edge whose node is missing: KeyNotFoundException), not a wrapper.
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        return groups;

        void FillGroups(int block)
        {
            var to = Math.Min(edges.Length, (block + 1) * Block);
            for (var i = block * Block; i < to; i++)
            {
                var edge = edges[i];
                var type = (int)edge.Type;
                if ((uint)type >= (uint)typeCount)
                {
                    groups[i] = NoGroup;
                    continue;
                }

                int start, end;
                if (edge.TryGetEndpointLabels(out var startLabel, out var endLabel))
                {
                    (start, end) = ((int)startLabel, (int)endLabel);
                }
                else
                {
                    start = onlyStart[type] >= 0 ? onlyStart[type] : (int)graph.GetNode(edge.Source).Label;
                    end = onlyEnd[type] >= 0 ? onlyEnd[type] : (int)graph.GetNode(edge.Target).Label;
                }
                groups[i] = (uint)start < (uint)labelCount && (uint)end < (uint)labelCount
                    ? table[(((type * labelCount) + start) * labelCount) + end]
                    : NoGroup;
            }
        }
    }

    private static void FindChunkStarts(byte[] keys, int rowsPerChunk, int[] counts, List<int>?[] starts)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            var g = keys[i];
            if (g == NoGroup)
            {
                continue;
            }

            if (counts[g] % rowsPerChunk == 0)
            {
                (starts[g] ??= []).Add(i);
            }

            counts[g]++;
        }
    }

    // CypherRows.Node as a literal: {aliases: [...], id: '...', name: '...', props: {...}}.
    private static void WriteNode(Utf8Output o, CypherText cypher, GraphNode node)
    {
        o.Write("{aliases: ["u8);
        var aliases = node.Aliases;
        if (NodeAliases.TryGetFew(aliases, out var one, out var two))
        {
            if (one is not null)
            {
                cypher.WriteString(o, one);
            }

            if (two is not null)
            {
                o.Write(", "u8);
                cypher.WriteString(o, two);
            }
        }
        else
        {
            var first = true;
            foreach (var alias in aliases)
            {
                if (!first)
                {
                    o.Write(", "u8);
                }

                first = false;
                cypher.WriteString(o, alias);
            }
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
    private void WriteEdge(Utf8Output o, Worker worker, EdgeRecord edge)
    {
        var cypher = worker.Cypher;
        o.Write("{end: "u8);
        cypher.WriteString(o, edge.Target);
        o.Write(", evidence: ["u8);
        var count = edge.EvidenceCount;
        for (var k = 0; k < count; k++)
        {
            if (k > 0)
            {
                o.Write(", "u8);
            }

            WriteEvidence(o, worker, edge.EvidenceAt(k));
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
        WritePapers(o, worker, edge, count);
        o.Write("], props: "u8);
        WriteProps(o, cypher, edge.PropertyMap);
        o.Write(", start: "u8);
        cypher.WriteString(o, edge.Source);
        o.Write((byte)'}');
    }

    // The distinct papers of the evidence, in evidence order. Most edges have a few pieces of evidence, compared
    // with each other; a hub edge (a model used by hundreds of thousands of papers at 1M) goes through a set.
    private static void WritePapers(Utf8Output o, Worker worker, EdgeRecord edge, int count)
    {
        var written = 0;
        if (count <= SmallEvidence)
        {
            for (var k = 0; k < count; k++)
            {
                var paper = edge.EvidenceAt(k).Paper;
                var seen = false;
                for (var j = 0; j < k && !seen; j++)
                {
                    seen = string.Equals(edge.EvidenceAt(j).Paper, paper, StringComparison.Ordinal);
                }

                if (!seen)
                {
                    WritePaper(o, worker.Cypher, paper, written++);
                }
            }

            return;
        }

        var set = worker.Papers;
        set.Clear();
        for (var k = 0; k < count; k++)
        {
            var paper = edge.EvidenceAt(k).Paper;
            if (set.Add(paper))
            {
                WritePaper(o, worker.Cypher, paper, written++);
            }
        }

        if (set.Count > 4096)
        {
            // Do not keep a hub edge's set (and its papers) alive for the rest of the export.
            worker.Papers = new HashSet<string>(StringComparer.Ordinal);
        }
    }

    private static void WritePaper(Utf8Output o, CypherText cypher, string paper, int index)
    {
        if (index > 0)
        {
            o.Write(", "u8);
        }

        cypher.WriteString(o, paper);
    }

    // {json: '<EvidenceJson>', key: '<EvidenceKey>'}: plain ASCII text straight through, anything else the row code's way.
    private void WriteEvidence(Utf8Output o, Worker worker, EvidenceData e)
    {
        var cypher = worker.Cypher;
        var sentences = _graph.Sentences;
        var hasSentence = e.SentenceId >= 0 && e.SentenceId < sentences.Count;
        var sentence = hasSentence ? sentences.GetUtf8(e.SentenceId) : default;
        var plainSentence = !hasSentence || JsonText.IsPlainForBoth(sentence);
        if (e.Start < 0 || e.End < 0 || !double.IsFinite(e.Confidence)
            || !CypherText.IsPlainForBoth(e.Paper, ref worker.LastPaper) || !CypherText.IsPlainForBoth(e.Rule, ref worker.LastRule)
            || (!plainSentence && !Ascii.IsValid(sentence)))
        {
            var evidence = e.ToEvidence();
            o.Write("{json: "u8);
            cypher.WriteString(o, CypherRows.EvidenceJson(_graph, evidence));
            o.Write(", key: "u8);
            cypher.WriteString(o, CypherRows.EvidenceKey(evidence));
            o.Write((byte)'}');
            return;
        }

        o.Write("{json: '{\"paper\":\""u8);
        o.WriteAscii(e.Paper);
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
        o.WriteAscii(e.Rule);
        o.Write("\",\"confidence\":"u8);
        o.Write(cypher.FormatDouble(e.Confidence));
        o.Write("}', key: '"u8);
        o.WriteAscii(e.Paper);
        o.Write((byte)'|');
        o.WriteInt(e.Start);
        o.Write((byte)'|');
        o.WriteInt(e.End);
        o.Write((byte)'|');
        o.WriteAscii(e.Rule);
        o.Write("'}"u8);
    }

    // CypherRows.Props as a literal: reserved keys left out, values normalised, null values dropped, keys sorted.
    // Strings, integers, finite doubles and booleans are written directly (the literals AppendLiteral gives them after
    // NormalizeProperty); anything else takes that very path.
    private static void WriteProps(Utf8Output o, CypherText cypher, PropertyDictionary properties)
    {
        o.Write((byte)'{');
        var first = true;
        for (var i = 0; i < properties.Count; i++)
        {
            var (key, value) = properties.At(i);
            if (value is null || Reserved.Contains(key) || value is double d && !double.IsFinite(d))
            {
                continue;
            }

            object? normalized = null;
            if (value is not (string or int or long or double or bool))
            {
                normalized = CypherValues.NormalizeProperty(value);
                if (normalized is null)
                {
                    continue;
                }
            }

            if (!first)
            {
                o.Write(", "u8);
            }

            first = false;
            cypher.WriteKey(o, key);
            o.Write(": "u8);
            switch (normalized ?? value)
            {
                case string s:
                    cypher.WriteString(o, s);
                    break;
                case int n:
                    o.WriteInt(n);
                    break;
                case long n:
                    o.WriteInt(n);
                    break;
                case double x when normalized is null:
                    o.Write(cypher.FormatDouble(x));
                    break;
                case bool b when normalized is null:
                    o.Write(b ? "true"u8 : "false"u8);
                    break;
                default:
                    cypher.WriteLiteral(o, normalized);
                    break;
            }
        }

        o.Write((byte)'}');
    }

    /// <summary>The scratch state of one worker: never shared by two chunks at once.</summary>
    internal sealed class Worker
    {
        public CypherText Cypher { get; } = new();

        public HashSet<string> Papers { get; set; } = new(StringComparer.Ordinal);

        // The last paper id and rule found plain: consecutive pieces of evidence often repeat them.
#pragma warning disable CA1051 // Passed by reference to CypherText.IsPlainForBoth.
        public string? LastPaper;
        public string? LastRule;
#pragma warning restore CA1051
    }

    private sealed class Group(byte[] name, byte[] before, byte[] after, bool ofNodes)
    {
        public byte[] Name { get; } = name;

        public byte[] Before { get; } = before;

        public byte[] After { get; } = after;

        public bool OfNodes { get; } = ofNodes;

        public int Rows { get; set; }

        public int Batches { get; set; }
    }

    private readonly record struct Chunk(int Group, int FirstBatch, int Batches, int Start);
}
