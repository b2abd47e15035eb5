using System.Collections;
using System.Globalization;
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
/// A million abstracts give over ten million edges, so an edge is kept small: its id is a 64-bit hash computed on
/// first use, its first piece of evidence is stored in the edge itself (most edges have exactly one; later ones go
/// to an overflow list), and an edge without properties shares one empty map.
/// </remarks>
public sealed class GraphEdge : IEdge<string>
{
    private const byte Restored = 1;
    private const byte Hashed = 2;

    private PropertyDictionary? _properties;
    private ulong _hash;
    private byte _flags;
    private byte _type;

    // The first piece of evidence, inline; _paper is null while the edge has none.
    private string? _paper;
    private int _tag;
    private int _sentence;
    private int _start;
    private int _end;
    private List<EvidenceData>? _more;

    internal GraphEdge(string id, RelType type, string start, string end)
        : this(type, start, end, "#" + id)
    {
        _flags = Restored;
    }

    internal GraphEdge(RelType type, string start, string end, string? keyValues = null)
    {
        _type = (byte)type;
        Source = start;
        Target = end;
        KeyValues = keyValues;
    }

    /// <summary>Stable id derived from type, endpoints and key properties.</summary>
    public string Id => (_flags & Restored) != 0 ? KeyValues![1..] : "rel:" + IdHash.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>
    /// The derived id as a number: <c>rel:</c> and these 16 hex digits is <see cref="Id"/>, so ordering by it is the
    /// ordinal order of ids. Only for edges that were built, not restored from a file.
    /// </summary>
    internal ulong IdHash
    {
        get
        {
            if ((_flags & Hashed) == 0)
            {
                _hash = KnowledgeGraph.EdgeIdHash(Type, Source, Target, Properties);
                _flags |= Hashed;
            }

            return _hash;
        }
    }

    /// <summary>True when the id came from a graph file rather than from the edge's content.</summary>
    internal bool IsRestored => (_flags & Restored) != 0;

    /// <summary>The relationship type.</summary>
    public RelType Type => (RelType)_type;

    /// <summary>Start node id.</summary>
    public string Source { get; private set; }

    /// <summary>End node id.</summary>
    public string Target { get; private set; }

    /// <summary>Properties (kind, value, unit, metric, setting, outcome...), key-sorted.</summary>
    public IReadOnlyDictionary<string, object?> Properties => _properties ?? PropertyDictionary.Empty;

    /// <summary>The properties without an interface call.</summary>
    internal PropertyDictionary PropertyMap => _properties ?? PropertyDictionary.Empty;

    /// <summary>The properties, for writing (the edge gets its own map first).</summary>
    internal PropertyDictionary MutableProperties => _properties ??= new PropertyDictionary();

    /// <summary>What tells this edge apart from others of its type and endpoints (key property values), for merging.</summary>
    internal string? KeyValues { get; private set; }

    /// <summary>Re-points a lookup probe (never an edge of a graph).</summary>
    internal void SetIdentity(RelType type, string start, string end, string? keyValues)
    {
        _type = (byte)type;
        Source = start;
        Target = end;
        KeyValues = keyValues;
    }

    /// <summary>Every piece of evidence, in the order papers were read; no duplicates.</summary>
    public IReadOnlyList<Evidence> Evidence => new EvidenceView(this);

    /// <summary>Number of pieces of evidence.</summary>
    internal int EvidenceCount => _paper is null ? 0 : 1 + (_more?.Count ?? 0);

    /// <summary>One piece of evidence, without an object per piece.</summary>
    internal EvidenceData EvidenceAt(int index) =>
        index == 0 && _paper is not null
            ? Inline()
            : _more is not null && index > 0 ? _more[index - 1] : throw new ArgumentOutOfRangeException(nameof(index));

    private EvidenceData Inline()
    {
        var (rule, confidence) = EvidenceTags.Get(_tag);
        return new EvidenceData(_paper!, _sentence, _start, _end, rule, confidence);
    }

    /// <inheritdoc/>
    public override string ToString() => $"({Source})-[:{Schema.TypeName(Type)}]->({Target})";

    /// <summary>Adds a property unless the edge has it already (the first value seen wins).</summary>
    internal void AddProperty(string key, object value) => MutableProperties.TryAdd(key, value);

    /// <summary>Appends a piece of evidence (no duplicate check).</summary>
    internal void AddEvidence(in EvidenceData e)
    {
        if (_paper is null)
        {
            _paper = e.Paper;
            _sentence = e.SentenceId;
            _start = e.Start;
            _end = e.End;
            _tag = EvidenceTags.Of(e.Rule, e.Confidence);
        }
        else
        {
            (_more ??= new List<EvidenceData>(1)).Add(e);
        }
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
/// The (rule, confidence) pairs of evidence, numbered: a corpus has a few hundred of them and ten million pieces of
/// evidence, so an edge keeps a 4-byte number instead of a string reference and a double.
/// </summary>
internal static class EvidenceTags
{
    private static readonly Lock Sync = new();
    private static readonly Dictionary<(string, long), int> Index = [];
    private static (string Rule, double Confidence)[] _items = new (string, double)[64];
    private static int _count;

    public static int Of(string rule, double confidence)
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
