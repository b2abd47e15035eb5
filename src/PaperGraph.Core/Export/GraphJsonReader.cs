using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PaperGraph.Core;

/// <summary>
/// Reads a <c>graph.json</c> written by <see cref="GraphJsonWriter"/> back into a <see cref="KnowledgeGraph"/>, streaming:
/// only one node or relationship is parsed at a time. Nodes must come before the relationships that use them (the
/// writer's order). A malformed file gives an <see cref="InvalidDataException"/> naming the file, the byte offset or
/// the node/relationship, and what is wrong.
/// </summary>
public static class GraphJsonReader
{
    private const int InitialBuffer = 1 << 16;

    /// <summary>Reads a graph file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid graph.json.</exception>
    public static async Task<KnowledgeGraph> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, InitialBuffer, useAsync: true);
        return await ReadAsync(stream, path, cancellationToken);
    }

    /// <summary>Reads a graph from a stream; <paramref name="fileName"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">The content is not a valid graph.json.</exception>
    public static Task<KnowledgeGraph> ReadAsync(Stream input, string fileName, CancellationToken cancellationToken) =>
        ReadAsync(input, fileName, InitialBuffer, cancellationToken);

    /// <summary>Reads with a given starting buffer size (tests use a small one to cross buffer boundaries).</summary>
    internal static async Task<KnowledgeGraph> ReadAsync(Stream input, string fileName, int bufferSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(fileName);
        var parser = new Parser(fileName);
        var buffer = new byte[bufferSize];
        var length = 0;
        var final = false;
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 64 });
        while (true)
        {
            var read = await input.ReadAsync(buffer.AsMemory(length), cancellationToken);
            final = read == 0;
            length += read;

            var consumed = parser.Step(buffer.AsSpan(0, length), final, ref state);
            if (parser.Done)
            {
                // Nothing but white space may follow the root object.
                var rest = buffer.AsMemory(consumed, length - consumed);
                var restOffset = parser.Offset + consumed;
                while (true)
                {
                    var trimmed = rest.Span.TrimStart(" \t\r\n"u8);
                    if (!trimmed.IsEmpty)
                    {
                        throw parser.Error(restOffset + (rest.Length - trimmed.Length), "unexpected content after the graph object");
                    }

                    restOffset += rest.Length;
                    var more = await input.ReadAsync(buffer, cancellationToken);
                    if (more == 0)
                    {
                        break;
                    }

                    rest = buffer.AsMemory(0, more);
                }

                break;
            }

            if (final)
            {
                throw parser.Error(parser.Offset + consumed, "unexpected end of file (truncated?)");
            }

            // Keep the unparsed tail; grow when one element does not fit in the buffer.
            Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
            length -= consumed;
            parser.Offset += consumed;
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }

        return parser.Finish();
    }

    private enum Phase
    {
        Start,
        Root,
        Nodes,
        Relationships,
        End,
    }

    private sealed class Parser(string fileName)
    {
        private readonly KnowledgeGraph _graph = new();
        private readonly Dictionary<UInt128, int> _sentences = [];
        private Phase _phase = Phase.Start;
        private int _nodeIndex;
        private int _edgeIndex;
        private bool _sawVersion;
        private bool _sawNodes;
        private bool _sawRelationships;
        private string? _pendingProperty;

        public long Offset { get; set; }

        public bool Done => _phase == Phase.End;

        /// <summary>Parses what the buffer holds; returns the bytes fully handled.</summary>
        public int Step(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state)
        {
            var reader = new Utf8JsonReader(data, final, state);
            var checkpoint = 0;
            var checkpointState = state;
            try
            {
                while (_phase != Phase.End)
                {
                    if (_phase is Phase.Nodes or Phase.Relationships && _pendingProperty is null)
                    {
                        var copy = reader;
                        if (!copy.Read())
                        {
                            break;
                        }

                        if (copy.TokenType == JsonTokenType.StartObject)
                        {
                            var probe = copy;
                            if (!probe.TrySkip())
                            {
                                break;
                            }

                            reader.Read();
                            using var doc = JsonDocument.ParseValue(ref reader);
                            var at = Offset + checkpoint;
                            if (_phase == Phase.Nodes)
                            {
                                ReadNode(doc.RootElement, at);
                            }
                            else
                            {
                                ReadEdge(doc.RootElement, at);
                            }

                            checkpoint = (int)reader.BytesConsumed;
                            checkpointState = reader.CurrentState;
                            continue;
                        }
                    }

                    if (_pendingProperty is not null)
                    {
                        // A value of the root object: formatVersion, the arrays, or an unknown member to skip.
                        var copy = reader;
                        if (!copy.Read())
                        {
                            break;
                        }

                        if (!HandleRootValue(ref reader, copy.TokenType))
                        {
                            break;
                        }

                        checkpoint = (int)reader.BytesConsumed;
                        checkpointState = reader.CurrentState;
                        continue;
                    }

                    if (!reader.Read())
                    {
                        break;
                    }

                    HandleToken(ref reader);
                    checkpoint = (int)reader.BytesConsumed;
                    checkpointState = reader.CurrentState;
                }
            }
            catch (JsonException ex)
            {
                if (final && IsTruncated(data[checkpoint..], checkpointState))
                {
                    throw Error(Offset + data.Length, "unexpected end of file (truncated?)");
                }

                throw Error(Offset + reader.BytesConsumed, $"invalid JSON: {ex.Message}");
            }

            state = checkpointState;
            return checkpoint;
        }

        /// <summary>True when the rest of the data is valid JSON that merely stops early.</summary>
        private static bool IsTruncated(ReadOnlySpan<byte> rest, JsonReaderState state)
        {
            var probe = new Utf8JsonReader(rest, isFinalBlock: false, state);
            try
            {
                while (probe.Read())
                {
                }

                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        public KnowledgeGraph Finish()
        {
            if (!_sawVersion)
            {
                throw Error(0, "missing \"formatVersion\"");
            }

            if (!_sawNodes || !_sawRelationships)
            {
                throw Error(0, $"missing \"{(_sawNodes ? "relationships" : "nodes")}\" array");
            }

            return _graph;
        }

        public InvalidDataException Error(long offset, string what) =>
            new($"{fileName}: byte {offset}: {what}");

        private InvalidDataException Error(string where, string what) => new($"{fileName}: {where}: {what}");

        private void HandleToken(ref Utf8JsonReader reader)
        {
            var at = Offset + reader.TokenStartIndex;
            switch (_phase)
            {
                case Phase.Start:
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw Error(at, $"expected the graph object {{\"formatVersion\":1,...}}, found {reader.TokenType}");
                    }

                    _phase = Phase.Root;
                    break;
                case Phase.Root:
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        _phase = Phase.End;
                    }
                    else
                    {
                        _pendingProperty = reader.GetString();
                    }

                    break;
                case Phase.Nodes or Phase.Relationships:
                    if (reader.TokenType != JsonTokenType.EndArray)
                    {
                        var what = _phase == Phase.Nodes ? "node" : "relationship";
                        throw Error(at, $"{what} #{(_phase == Phase.Nodes ? _nodeIndex : _edgeIndex) + 1} is a {reader.TokenType}, expected an object");
                    }

                    _phase = Phase.Root;
                    break;
            }
        }

        /// <summary>Handles the value of a root member; false when the buffer does not hold all of it yet.</summary>
        private bool HandleRootValue(ref Utf8JsonReader reader, JsonTokenType next)
        {
            var name = _pendingProperty!;
            switch (name)
            {
                case "formatVersion":
                    reader.Read();
                    if (next != JsonTokenType.Number || !reader.TryGetInt32(out var version))
                    {
                        throw Error(Offset + reader.TokenStartIndex, "\"formatVersion\" must be a number");
                    }

                    if (version != GraphJsonWriter.FormatVersion)
                    {
                        throw Error(Offset + reader.TokenStartIndex,
                            $"unsupported formatVersion {version} (this version reads {GraphJsonWriter.FormatVersion})");
                    }

                    _sawVersion = true;
                    break;
                case "nodes" or "relationships":
                    reader.Read();
                    if (next != JsonTokenType.StartArray)
                    {
                        throw Error(Offset + reader.TokenStartIndex, $"\"{name}\" must be an array");
                    }

                    if (name == "nodes")
                    {
                        _sawNodes = true;
                        _phase = Phase.Nodes;
                    }
                    else
                    {
                        _sawRelationships = true;
                        _phase = Phase.Relationships;
                    }

                    break;
                default:
                    // Unknown members are skipped, so later versions can add some.
                    var probe = reader;
                    if (!probe.TrySkip())
                    {
                        return false;
                    }

                    reader.Read();
                    reader.TrySkip();
                    break;
            }

            _pendingProperty = null;
            return true;
        }

        private void ReadNode(JsonElement e, long at)
        {
            _nodeIndex++;
            var where = $"node #{_nodeIndex} (byte {at})";
            var id = RequiredString(e, "id", where);
            where = $"node #{_nodeIndex} '{id}'";
            var labelName = RequiredString(e, "label", where);
            if (!Schema.TryParseLabel(labelName, out var label))
            {
                throw Error(where, $"unknown label '{labelName}' (expected {string.Join(", ", Schema.Labels)})");
            }

            var name = RequiredString(e, "name", where);
            GraphNode node;
            try
            {
                node = _graph.RestoreNode(id, label, name);
            }
            catch (InvalidOperationException ex)
            {
                throw Error(where, ex.Message);
            }

            if (e.TryGetProperty("aliases", out var aliases))
            {
                if (aliases.ValueKind != JsonValueKind.Array)
                {
                    throw Error(where, "\"aliases\" must be an array of strings");
                }

                foreach (var alias in aliases.EnumerateArray())
                {
                    if (alias.ValueKind != JsonValueKind.String)
                    {
                        throw Error(where, "\"aliases\" must be an array of strings");
                    }

                    _graph.AddAlias(node, alias.GetString()!);
                }
            }

            ReadProperties(e, node.MutableProperties, where);
        }

        private void ReadEdge(JsonElement e, long at)
        {
            _edgeIndex++;
            var where = $"relationship #{_edgeIndex} (byte {at})";
            var id = RequiredString(e, "id", where);
            where = $"relationship #{_edgeIndex} '{id}'";
            var typeName = RequiredString(e, "type", where);
            if (!Schema.TryParseType(typeName, out var type))
            {
                throw Error(where, $"unknown type '{typeName}' (expected {string.Join(", ", Schema.Types.Select(Schema.TypeName))})");
            }

            var start = RequiredString(e, "start", where);
            var end = RequiredString(e, "end", where);
            int number;
            try
            {
                number = _graph.RestoreEdge(id, type, start, end);
            }
            catch (InvalidOperationException ex)
            {
                throw Error(where, ex.Message);
            }

            // The record itself (no handle per edge of a file); nothing adds an edge until this one is read.
            var edge = _graph.EdgeAt(number);
            ReadProperties(e, edge.MutableProperties, where);
            if (!e.TryGetProperty("evidence", out var evidence))
            {
                return;
            }

            if (evidence.ValueKind != JsonValueKind.Array)
            {
                throw Error(where, "\"evidence\" must be an array");
            }

            var i = 0;
            foreach (var ev in evidence.EnumerateArray())
            {
                i++;
                var at2 = $"{where} evidence #{i}";
                if (ev.ValueKind != JsonValueKind.Object)
                {
                    throw Error(at2, "must be an object");
                }

                var paper = RequiredString(ev, "paper", at2);
                var sentence = RequiredString(ev, "sentence", at2, allowEmpty: true);
                var s = RequiredInt(ev, "start", at2);
                var en = RequiredInt(ev, "end", at2);
                var rule = RequiredString(ev, "rule", at2, allowEmpty: true);
                if (!ev.TryGetProperty("confidence", out var c) || c.ValueKind != JsonValueKind.Number)
                {
                    throw Error(at2, "\"confidence\" must be a number");
                }

                edge.AddEvidence(new EvidenceData(paper, SentenceId(sentence), s, en, rule, c.GetDouble()));
            }
        }

        private int SentenceId(string sentence)
        {
            // Sentences are shared by edges; keep each once, keyed by a 128-bit hash rather than the text.
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(Encoding.UTF8.GetBytes(sentence), digest);
            var key = new UInt128(BitConverter.ToUInt64(digest), BitConverter.ToUInt64(digest[8..]));
            if (!_sentences.TryGetValue(key, out var id))
            {
                id = _graph.Sentences.Add(sentence);
                _sentences.Add(key, id);
            }

            return id;
        }

        private void ReadProperties(JsonElement e, PropertyDictionary target, string where)
        {
            if (!e.TryGetProperty("properties", out var props) || props.ValueKind == JsonValueKind.Null)
            {
                return;
            }

            if (props.ValueKind != JsonValueKind.Object)
            {
                throw Error(where, "\"properties\" must be an object");
            }

            foreach (var p in props.EnumerateObject())
            {
                if (ToValue(p.Value) is { } value)
                {
                    target.Set(p.Name, value);
                }
            }
        }

        private string RequiredString(JsonElement e, string name, string where, bool allowEmpty = false)
        {
            if (!e.TryGetProperty(name, out var v))
            {
                throw Error(where, $"missing \"{name}\"");
            }

            if (v.ValueKind != JsonValueKind.String)
            {
                throw Error(where, $"\"{name}\" must be a string, got {v.ValueKind.ToString().ToLowerInvariant()}");
            }

            var s = v.GetString()!;
            if (!allowEmpty && s.Length == 0)
            {
                throw Error(where, $"\"{name}\" is empty");
            }

            return s;
        }

        private int RequiredInt(JsonElement e, string name, string where)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i))
            {
                throw Error(where, $"\"{name}\" must be an integer");
            }

            return i;
        }
    }

    /// <summary>A JSON value as a property value: int, long or double; string; bool; string[]; object?[]; map.</summary>
    internal static object? ToValue(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.TryGetInt32(out var i) ? i : v.TryGetInt64(out var l) ? (object)l : v.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String)
            ? v.EnumerateArray().Select(x => x.GetString()!).ToArray()
            : v.EnumerateArray().Select(ToValue).ToArray(),
        JsonValueKind.Object => new SortedDictionary<string, object?>(
            v.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value)), StringComparer.Ordinal),
        _ => null,
    };
}
