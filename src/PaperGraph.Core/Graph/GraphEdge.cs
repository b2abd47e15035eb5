using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using QuikGraph;

namespace PaperGraph.Core;

/// <summary>Provenance of one relationship: where in which paper, by which rule, how sure.</summary>
/// <param name="Paper">The paper node id.</param>
/// <param name="SentenceId">The sentence in the graph's <see cref="SentenceStore"/>.</param>
/// <param name="Start">Start offset of the evidence span in the paper text (<see cref="Paper.Text"/>).</param>
/// <param name="End">End offset (exclusive) of the evidence span in the paper text.</param>
/// <param name="Rule">Id of the extraction rule that produced the edge.</param>
/// <param name="Confidence">0..1.</param>
public sealed record Evidence(string Paper, int SentenceId, int Start, int End, string Rule, double Confidence);

/// <summary>One piece of evidence as the graph stores it (no object of its own).</summary>
internal readonly record struct EvidenceData(string Paper, int SentenceId, int Start, int End, string Rule, double Confidence)
{
    public Evidence ToEvidence() => new(Paper, SentenceId, Start, End, Rule, Confidence);
}

/// <summary>One relationship of the knowledge graph; a QuikGraph edge between node ids.</summary>
/// <remarks>
/// A handle to the edge's record in the graph (<see cref="EdgeData"/>): the records are the graph's own, kept in
/// chunked arrays, and a handle is made only when an edge is asked for as an object (once per edge, so two handles of
/// one edge are the same object). A build and its exports make none: a million papers give over fifteen million
/// edges, and an object per edge was most of the objects every garbage collection had to copy, mark and move.
/// </remarks>
public sealed class GraphEdge : IEdge<string>
{
    private readonly EdgeTable _table;
    private readonly int _number;

    internal GraphEdge(EdgeTable table, int number)
    {
        _table = table;
        _number = number;
    }

    /// <summary>The edge's record (by reference: writes go to the graph).</summary>
    internal EdgeRecord Data => _table.DataAt(_number);

    /// <summary>The edge's number in its graph's edge table (insertion order).</summary>
    internal int Number => _number;

    /// <summary>Stable id derived from type, endpoints and key properties.</summary>
    public string Id => Data.Id;

    /// <summary>The derived id as a number (<see cref="EdgeRecord.IdHash"/>).</summary>
    internal ulong IdHash => Data.IdHash;

    /// <summary>The hash the graph's edge table files the edge under (the id hash of a built edge).</summary>
    internal ulong StoredHash => Data.StoredHash;

    /// <summary>True when the id came from a graph file rather than from the edge's content.</summary>
    internal bool IsRestored => Data.IsRestored;

    /// <summary>The relationship type.</summary>
    public RelType Type => Data.Type;

    /// <summary>Start node id.</summary>
    public string Source => Data.Source;

    /// <summary>End node id.</summary>
    public string Target => Data.Target;

    /// <summary>Properties (kind, value, unit, metric, setting, outcome...), key-sorted.</summary>
    public IReadOnlyDictionary<string, object?> Properties => Data.PropertyMap;

    /// <summary>The properties without an interface call.</summary>
    internal PropertyDictionary PropertyMap => Data.PropertyMap;

    /// <summary>The properties, for writing (the edge gets its own map first).</summary>
    internal PropertyDictionary MutableProperties => Data.MutableProperties;

    /// <summary>Every piece of evidence, in the order papers were read; no duplicates.</summary>
    public IReadOnlyList<Evidence> Evidence => new EvidenceView(this);

    /// <summary>Number of pieces of evidence.</summary>
    internal int EvidenceCount => Data.EvidenceCount;

    /// <summary>One piece of evidence, without an object per piece.</summary>
    internal EvidenceData EvidenceAt(int index) => Data.EvidenceAt(index);

    /// <summary>The endpoint labels recorded with the edge (<see cref="EdgeRecord.TryGetEndpointLabels"/>).</summary>
    internal bool TryGetEndpointLabels(out NodeLabel start, out NodeLabel end) => Data.TryGetEndpointLabels(out start, out end);

    /// <summary>Adds a property unless the edge has it already (the first value seen wins).</summary>
    internal void AddProperty(string key, object value) => Data.AddProperty(key, value);

    /// <summary>The value of one property, or null, without making a map.</summary>
    internal object? GetProperty(string key) => Data.GetProperty(key);

    /// <summary>Appends a piece of evidence (no duplicate check).</summary>
    internal void AddEvidence(in EvidenceData e) => Data.AddEvidence(e, -1);

    /// <summary>True when the edge has this piece of evidence from this paper (<see cref="EdgeRecord.HasEvidence"/>).</summary>
    internal bool HasEvidence(string paper, int start, int end, string rule) => Data.HasEvidence(paper, start, end, rule);

    /// <inheritdoc/>
    public override string ToString() => Data.ToString();

    private sealed class EvidenceView(GraphEdge edge) : IReadOnlyList<Evidence>
    {
        public Evidence this[int index] =>
            (uint)index < (uint)edge.EvidenceCount ? edge.EvidenceAt(index).ToEvidence() : throw new ArgumentOutOfRangeException(nameof(index));

        public int Count => edge.EvidenceCount;

        public IEnumerator<Evidence> GetEnumerator()
        {
            var count = edge.EvidenceCount;
            for (var i = 0; i < count; i++)
            {
                yield return edge.EvidenceAt(i).ToEvidence();
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>
/// One relationship as the graph stores it: a record in its <see cref="EdgeTable"/>, no object of its own and no
/// reference (read and written through <see cref="EdgeRecord"/>).
/// </summary>
/// <remarks>
/// A million abstracts give over fifteen million edges, so a record is kept to 32 bytes, and it holds numbers only:
/// its endpoints are node numbers, the paper of its inline evidence a paper number and its side object (if any) a
/// number into the table's <see cref="EdgeSides"/>. The chunks of records are then arrays without references, which
/// the garbage collector neither marks through nor scans: with references, every full collection walked every edge.
/// </remarks>
internal struct EdgeData
{
    /// <summary>The side object's number in <see cref="EdgeSides"/> plus one; 0 when none.</summary>
    internal int Extra;

    /// <summary>Start node number (<see cref="EdgeSides.NodeId"/>).</summary>
    internal int Source;

    /// <summary>End node number.</summary>
    internal int Target;

    /// <summary>The inline evidence's paper number plus one (<see cref="EdgeSides.Paper"/>); 0 when none.</summary>
    internal int Paper;

    /// <summary>The id hash (0 for a restored edge).</summary>
    internal ulong Hash;

    /// <summary>Type, endpoint labels and the inline evidence, packed (<see cref="EdgeRecord"/>).</summary>
    internal ulong Packed;

    internal EdgeData(RelType type, GraphNode start, GraphNode end, ulong idHash, int extra)
    {
        Packed = EdgeRecord.FixedBitsOf(type, start, end);
        Source = start.Number;
        Target = end.Number;
        Hash = idHash;
        Extra = extra;
    }
}

/// <summary>An edge record in its table, with the side data its numbers refer to: the edge as members read it.</summary>
/// <remarks>
/// The id is the 64-bit hash computed once (by the extraction workers, see <see cref="PreparedPaper"/>), the first
/// piece of evidence is stored in the record itself, packed into one number with the type (most edges have exactly one
/// piece, with small offsets), and what few edges have (properties, more evidence, evidence that does not pack, an id
/// read from a file) lives in one optional side object. Writes go to the record in the table.
/// </remarks>
internal readonly ref struct EdgeRecord
{
    // _d.Packed, low bits first: type, endpoint labels, sentence id, (rule, confidence) tag, start offset, span length.
    // The first two never change after construction; the rest describe the inline piece of evidence.
    private const int TypeBits = 4;
    private const int EndpointBits = 3;
    private const int SentenceBits = 25;
    private const int TagBits = 10;
    private const int StartBits = 14;
    private const int LengthBits = 8;
    private const int EndpointShift = TypeBits;
    private const int FixedBits = TypeBits + EndpointBits;
    private const int SentenceShift = FixedBits;
    private const int TagShift = SentenceShift + SentenceBits;
    private const int StartShift = TagShift + TagBits;
    private const int LengthShift = StartShift + StartBits;

    // The record in its table, and the table's side data (node ids, papers, side objects) its numbers refer to.
    private readonly ref EdgeData _d;
    private readonly EdgeSides _s;

    internal EdgeRecord(ref EdgeData data, EdgeSides sides)
    {
        _d = ref data;
        _s = sides;
    }

    /// <summary>The fixed part of a record's packed number: the type and the endpoint labels.</summary>
    internal static ulong FixedBitsOf(RelType type, GraphNode start, GraphNode end)
    {
        if ((uint)type >= 1u << TypeBits)
        {
            throw new ArgumentOutOfRangeException(nameof(type));
        }

        return (ulong)type | ((ulong)EndpointCodes.Of(type, start.Label, end.Label) << EndpointShift);
    }

    // null; the properties as a sorted array (as a new edge gets them: no map object until one is written to; the
    // array may be shared with other edges and is never written to); a PropertyDictionary; or an EdgeExtra.
    private object? Extra
    {
        get => _s.Extra(_d.Extra);
        set => _s.SetExtra(ref _d.Extra, value);
    }

    // The paper of the first piece of evidence when it is packed inline; null otherwise (no evidence, or all of it in
    // the side object because the first piece did not pack).
    private string? InlinePaper => _d.Paper == 0 ? null : _s.Paper(_d.Paper - 1);

    /// <summary>Stable id derived from type, endpoints and key properties.</summary>
    public string Id => Extra is EdgeExtra { RestoredId: { } id } ? id : "rel:" + IdHash.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>
    /// The derived id as a number: <c>rel:</c> and these 16 hex digits is <see cref="Id"/>, so ordering by it is the
    /// ordinal order of ids. Only for edges that were built, not restored from a file.
    /// </summary>
    internal ulong IdHash => IsRestored ? KnowledgeGraph.EdgeIdHash(Type, Source, Target, PropertyMap) : _d.Hash;

    /// <summary>The hash the graph's edge table files the edge under (the id hash of a built edge).</summary>
    internal ulong StoredHash => _d.Hash;

    /// <summary>True when the id came from a graph file rather than from the edge's content.</summary>
    internal bool IsRestored => Extra is EdgeExtra { RestoredId: not null };

    /// <summary>The relationship type.</summary>
    public RelType Type => (RelType)(int)(_d.Packed & ((1UL << TypeBits) - 1));

    /// <summary>
    /// The labels of the start and end nodes, as they were when the edge was made, without looking the nodes up
    /// (graph.cypher files every edge under its endpoint labels); false when they were not recorded.
    /// </summary>
    internal bool TryGetEndpointLabels(out NodeLabel start, out NodeLabel end) =>
        EndpointCodes.TryGet(Type, Field(EndpointShift, EndpointBits), out start, out end);

    /// <summary>Start node id.</summary>
    public string Source => _s.NodeId(_d.Source);

    /// <summary>End node id.</summary>
    public string Target => _s.NodeId(_d.Target);

    /// <summary>The properties without an interface call.</summary>
    internal PropertyDictionary PropertyMap => Extra switch
    {
        PropertyDictionary map => map,
        KeyValuePair<string, object?>[] sorted => new PropertyDictionary(sorted),
        EdgeExtra { Properties: { } map } => map,
        _ => PropertyDictionary.Empty,
    };

    /// <summary>The properties, for writing (the edge gets its own map first).</summary>
    internal PropertyDictionary MutableProperties
    {
        get
        {
            switch (Extra)
            {
                case PropertyDictionary map:
                    return map;
                case KeyValuePair<string, object?>[] sorted:
                    // The array may be shared with other edges (PropertyArrayInterner): the map gets a copy.
                    var owned = new PropertyDictionary((KeyValuePair<string, object?>[])sorted.Clone());
                    Extra = owned;
                    return owned;
                case EdgeExtra extra:
                    return extra.Properties ??= new PropertyDictionary();
                default:
                    var created = new PropertyDictionary();
                    Extra = created;
                    return created;
            }
        }
    }

    private List<EvidenceData>? More => (Extra as EdgeExtra)?.More;

    /// <summary>Number of pieces of evidence.</summary>
    internal int EvidenceCount => (_d.Paper == 0 ? 0 : 1) + (More?.Count ?? 0);

    /// <summary>One piece of evidence, without an object per piece.</summary>
    internal EvidenceData EvidenceAt(int index)
    {
        if (_d.Paper != 0)
        {
            if (index == 0)
            {
                return Inline();
            }

            index--;
        }

        return More is { } more && (uint)index < (uint)more.Count ? more[index] : throw new ArgumentOutOfRangeException(nameof(index));
    }

    private EvidenceData Inline()
    {
        var (rule, confidence) = EvidenceTags.Get(Field(TagShift, TagBits));
        var start = Field(StartShift, StartBits);
        return new EvidenceData(InlinePaper!, Field(SentenceShift, SentenceBits), start, start + Field(LengthShift, LengthBits), rule, confidence);
    }

    private int Field(int shift, int bits) => (int)((_d.Packed >> shift) & ((1UL << bits) - 1));

    private static bool Fits(int value, int bits) => (uint)value < 1u << bits;

    /// <summary>The edge as a Cypher-like pattern, for messages.</summary>
    public override string ToString() => $"({Source})-[:{Schema.TypeName(Type)}]->({Target})";

    /// <summary>Adds a property unless the edge has it already (the first value seen wins).</summary>
    internal void AddProperty(string key, object value)
    {
        // A merge usually brings the properties the edge has already: no map is made for that.
        if (Extra is KeyValuePair<string, object?>[] sorted && IndexOf(sorted, key) >= 0)
        {
            return;
        }

        MutableProperties.TryAdd(key, value);
    }

    /// <summary>The value of one property, or null, without making a map.</summary>
    internal object? GetProperty(string key)
    {
        if (Extra is KeyValuePair<string, object?>[] sorted)
        {
            var i = IndexOf(sorted, key);
            return i >= 0 ? sorted[i].Value : null;
        }

        return PropertyMap.GetValueOrDefault(key);
    }

    private static int IndexOf(KeyValuePair<string, object?>[] sorted, string key)
    {
        for (var i = 0; i < sorted.Length; i++)
        {
            if (string.Equals(sorted[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Appends a piece of evidence (no duplicate check).</summary>
    internal void AddEvidence(in EvidenceData e) => AddEvidence(e, -1);

    /// <summary>Appends a piece of evidence whose (rule, confidence) tag is known (-1: not yet).</summary>
    internal void AddEvidence(in EvidenceData e, int tag)
    {
        if (_d.Paper == 0 && More is null)
        {
            if (tag < 0)
            {
                tag = EvidenceTags.Of(e.Rule, e.Confidence);
            }

            var length = e.End - e.Start;
            if (Fits(e.SentenceId, SentenceBits) && Fits(tag, TagBits) && Fits(e.Start, StartBits) && Fits(length, LengthBits))
            {
                _d.Paper = _s.PaperNumber(e.Paper) + 1;
                _d.Packed = (_d.Packed & ((1UL << FixedBits) - 1))
                    | ((ulong)e.SentenceId << SentenceShift)
                    | ((ulong)tag << TagShift)
                    | ((ulong)e.Start << StartShift)
                    | ((ulong)length << LengthShift);
                return;
            }
        }

        if (Extra is not EdgeExtra extra)
        {
            extra = new EdgeExtra
            {
                Properties = Extra switch
                {
                    PropertyDictionary map => map,
                    KeyValuePair<string, object?>[] sorted => new PropertyDictionary((KeyValuePair<string, object?>[])sorted.Clone()),
                    _ => null,
                },
            };
            Extra = extra;
        }

        (extra.More ??= new List<EvidenceData>(1)).Add(e);
    }

    // Papers are merged one at a time, so a repeat can only be among the newest paper's evidence: a long list (an
    // edge seen in thousands of papers) is searched from its end, which keeps merging linear.
    internal bool HasEvidence(string paper, int start, int end, string rule)
    {
        var count = EvidenceCount;
        for (var i = count - 1; i >= 0; i--)
        {
            var e = EvidenceAt(i);
            if (e.Paper == paper)
            {
                if (e.Start == start && e.End == end && e.Rule == rule)
                {
                    return true;
                }
            }
            else if (count - i > 32)
            {
                return false;
            }
        }

        return false;
    }
}

/// <summary>
/// The endpoint labels of an edge in a few bits: the position of the (start, end) pair among the pairs its type allows
/// (<see cref="Schema.Endpoints"/>), plus one; 0 when not recorded (a pair the schema does not list, or too many).
/// </summary>
internal static class EndpointCodes
{
    private const int MaxCode = 7;

    private static readonly int LabelCount = Schema.LabelCount;

    // [type, start label, end label] -> code, computed once: every new edge asks.
    private static readonly byte[] Table = Build();

    public static int Of(RelType type, NodeLabel start, NodeLabel end)
    {
        var at = (((long)type * LabelCount) + (int)start) * LabelCount + (int)end;
        return (uint)start < (uint)LabelCount && (uint)end < (uint)LabelCount && (ulong)at < (ulong)Table.Length ? Table[at] : 0;
    }

    public static bool TryGet(RelType type, int code, out NodeLabel start, out NodeLabel end)
    {
        start = end = default;
        if (code == 0)
        {
            return false;
        }

        var (starts, ends) = Schema.Endpoints(type);
        start = starts[(code - 1) / ends.Count];
        end = ends[(code - 1) % ends.Count];
        return true;
    }

    private static byte[] Build()
    {
        // Run once: the schema's own counts and arrays (LINQ's Max or an enumerator over an enum would be generic code
        // jitted at every start for this one table).
        var table = new byte[Schema.TypeCount * LabelCount * LabelCount];
        foreach (var type in Enum.GetValues<RelType>())
        {
            var (starts, ends) = Schema.Endpoints(type);
            for (var s = 0; s < starts.Count; s++)
            {
                for (var e = 0; e < ends.Count; e++)
                {
                    var code = (s * ends.Count) + e + 1;
                    if (code <= MaxCode && IndexOf(starts, starts[s]) == s && IndexOf(ends, ends[e]) == e)
                    {
                        table[((((int)type * LabelCount) + (int)starts[s]) * LabelCount) + (int)ends[e]] = (byte)code;
                    }
                }
            }
        }

        return table;
    }

    private static int IndexOf(IReadOnlyList<NodeLabel> labels, NodeLabel label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>What only some edges have: more than one piece of evidence, properties next to those, an id from a file.</summary>
internal sealed class EdgeExtra
{
    public PropertyDictionary? Properties { get; set; }

    public List<EvidenceData>? More { get; set; }

    public string? RestoredId { get; init; }
}

/// <summary>
/// The (rule, confidence) pairs of evidence, numbered: a corpus has a few hundred of them and ten million pieces of
/// evidence, so an edge keeps a 4-byte number instead of a string reference and a double.
/// </summary>
internal static class EvidenceTags
{
    private static readonly Lock Sync = new();
    private static readonly Dictionary<(string, long), int> Index = [];
    private static (string Rule, double Confidence)[] _items = new (string, double)[64];
    private static int _count;

    // Per thread, the tags last seen by rule object and confidence: every relation asks, on every extraction worker,
    // and rule ids are a few hundred shared strings; a hit needs no lock and no string hashing. Tags never change.
    private const int CacheSize = 256;

    [ThreadStatic]
    private static (string? Rule, long Confidence, int Tag)[]? _cache;

    public static int Of(string rule, double confidence)
    {
        var bits = BitConverter.DoubleToInt64Bits(confidence);
        var cache = _cache ??= new (string?, long, int)[CacheSize];
        var slot = (int)((uint)(RuntimeHelpers.GetHashCode(rule) ^ (int)bits ^ (int)(bits >> 32)) % CacheSize);
        ref var entry = ref cache[slot];
        if (ReferenceEquals(entry.Rule, rule) && entry.Confidence == bits)
        {
            return entry.Tag;
        }

        var tag = Lookup(rule, confidence);
        entry = (rule, bits, tag);
        return tag;
    }

    private static int Lookup(string rule, double confidence)
    {
        lock (Sync)
        {
            var key = (rule, BitConverter.DoubleToInt64Bits(confidence));
            if (Index.TryGetValue(key, out var tag))
            {
                return tag;
            }

            if (_count == _items.Length)
            {
                var grown = new (string, double)[_count * 2];
                Array.Copy(_items, grown, _count);
                Volatile.Write(ref _items, grown);
            }

            _items[_count] = (rule, confidence);
            Index.Add(key, _count);
            return _count++;
        }
    }

    public static (string Rule, double Confidence) Get(int tag) => Volatile.Read(ref _items)[tag];
}
