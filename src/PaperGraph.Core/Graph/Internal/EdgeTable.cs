using System.Collections;
using System.Globalization;

namespace PaperGraph.Core;

/// <summary>
/// The edges of a graph in insertion order, as records (<see cref="EdgeData"/>), and a hash index over the built ones
/// for merging; <see cref="GraphEdge"/> handles are made on request.
/// </summary>
/// <remarks>
/// Tens of millions of edges: the list is kept in fixed-size chunks (growing never copies it) and the index is an
/// open-addressing table of 4-byte edge numbers keyed by the edges' 64-bit id hashes (uniformly distributed, so
/// the top bits pick the slot). A <see cref="HashSet{T}"/> cost 20 bytes an entry plus the old and new arrays side
/// by side whenever it grew; this costs 5-11 bytes an edge for the index. The records live in the chunks themselves,
/// not in an object each: the garbage collector neither copies nor moves them (the chunks are large objects), and a
/// build makes no handle.
/// </remarks>
internal sealed class EdgeTable : IReadOnlyCollection<GraphEdge>
{
    private const int ChunkBits = 16;
    private const int ChunkMask = (1 << ChunkBits) - 1;
    private const int MinBits = 4;

    private EdgeData[][] _chunks = [];
    private int _count;

    // Handles by edge number, made on first request (queries, the QuikGraph view); null until then. Reads take no
    // lock: a slot is written once, under _handleLock, and a reader that sees it empty asks again under the lock.
    private GraphEdge?[][]? _handles;
    private readonly Lock _handleLock = new();

    // Edge number + 1 per slot in the low _numberBits bits, 0 when free; at most half full, so a miss probes ~2.5
    // slots. The bits above the number hold the low bits of the edge's hash (the slot comes from its top bits), so a
    // probe that meets another edge's slot usually moves on without reading that edge: a random read into millions
    // of edges, where nearly every relation of a build is a new edge that misses. Null after ReleaseIndex until the
    // next lookup.
    private int[]? _slots = new int[1 << MinBits];
    private int _shift = 64 - MinBits;
    private int _indexed;
    private int _numberBits = MinBits + 1;

    public int Count => _count;

    /// <summary>What the records' numbers refer to (node ids, papers, side objects).</summary>
    public EdgeSides Sides { get; } = new();

    /// <summary>The handle of an edge (made on first request, then always the same object).</summary>
    public GraphEdge this[int index] => Handle(index);

    /// <summary>
    /// The record of an edge, with the side data it refers to: writes go to the table. Not to be held across
    /// <see cref="Add"/> (the first chunk grows by copying).
    /// </summary>
    public EdgeRecord DataAt(int index) => new(ref RawAt(index), Sides);

    /// <summary>The stored record of an edge, by reference (numbers only).</summary>
    public ref EdgeData RawAt(int index) => ref _chunks[index >> ChunkBits][index & ChunkMask];

    /// <summary>True once any handle was made (a build and its exports make none).</summary>
    public bool HasHandles => Volatile.Read(ref _handles) is not null;

    /// <summary>The one handle of an edge, made on first request.</summary>
    public GraphEdge Handle(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        if (Volatile.Read(ref _handles) is { } handles && index >> ChunkBits < handles.Length
            && Volatile.Read(ref handles[index >> ChunkBits]) is { } chunk && (index & ChunkMask) < chunk.Length
            && Volatile.Read(ref chunk[index & ChunkMask]) is { } found)
        {
            return found;
        }

        lock (_handleLock)
        {
            var all = _handles ?? [];
            var c = index >> ChunkBits;
            if (c >= all.Length)
            {
                Array.Resize(ref all, Math.Max(c + 1, all.Length * 2));
            }

            var slots = all[c] ?? [];
            var slot = index & ChunkMask;
            if (slot >= slots.Length)
            {
                // A chunk's handle array grows with the edges asked for (a small graph's stays small); a copy keeps
                // the handles already made.
                Array.Resize(ref slots, Math.Min(1 << ChunkBits, Math.Max(Math.Max(16, slot + 1), slots.Length * 2)));
            }

            var handle = slots[slot];
            if (handle is null)
            {
                handle = new GraphEdge(this, index);
                Volatile.Write(ref slots[slot], handle);
            }

            Volatile.Write(ref all[c], slots);
            Volatile.Write(ref _handles, all);
            return handle;
        }
    }

    /// <summary>The number of the built edge with this id hash, type, endpoints and key property values, or -1.</summary>
    public int Find(ulong hash, RelType type, string start, string end, IReadOnlyDictionary<string, object?> props)
    {
        var slots = _slots ?? Rebuild();
        var mask = slots.Length - 1;
        var numberMask = NumberMask(_numberBits);
        var tag = Tag(hash, _numberBits);
        for (var slot = (int)(hash >> _shift); ; slot = (slot + 1) & mask)
        {
            var entry = (uint)slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            if ((entry & ~numberMask) != tag)
            {
                continue;
            }

            var number = (int)(entry & numberMask) - 1;
            if (RawAt(number).Hash == hash && SameEdge(DataAt(number), type, start, end, props))
            {
                return number;
            }
        }
    }

    /// <summary>
    /// Reads the first slot <see cref="Find"/> probes for each hash, and returns something of them: the slots are
    /// random reads into a large table, and reading a paper's few at once lets their cache misses overlap instead of
    /// each lookup waiting for its own.
    /// </summary>
    public int Touch(ReadOnlySpan<PreparedRelation> relations)
    {
        if (_slots is not { } slots)
        {
            return 0;
        }

        var shift = _shift;
        var sum = 0;
        foreach (ref readonly var relation in relations)
        {
            sum += slots[(int)(relation.IdHash >> shift)];
        }

        return sum;
    }

    // The low bits of a number, and the hash bits stored above them.
    private static uint NumberMask(int numberBits) => numberBits >= 32 ? uint.MaxValue : (1u << numberBits) - 1;

    private static uint Tag(ulong hash, int numberBits) => numberBits >= 32 ? 0 : (uint)hash << numberBits;

    /// <summary>
    /// Appends an edge and returns its number; <paramref name="index"/> files it for <see cref="Find"/> (built edges
    /// only).
    /// </summary>
    public int Add(in EdgeData edge, bool index)
    {
        var number = _count;
        ChunkedSlots.ChunkFor(ref _chunks, _count, ChunkBits)[_count & ChunkMask] = edge;
        _count++;
        if (_slots is not null && (uint)_count > NumberMask(_numberBits))
        {
            // Edge numbers outgrew their bits (restored edges are numbered but not indexed): file everything again
            // with room for them.
            if (index)
            {
                _indexed++;
            }

            Rebuild();
            return number;
        }

        if (index)
        {
            _indexed++;
            if (_slots is null || _indexed * 2 > _slots.Length)
            {
                // Files every built edge, this one included.
                Rebuild();
            }
            else
            {
                Place(_slots, edge.Hash, _count);
            }
        }

        return number;
    }

    /// <summary>
    /// Drops the index (4 bytes a slot, over 100 MB at fifteen million edges) while the graph is only read, as when
    /// the exports sort every edge; the next lookup builds it again.
    /// </summary>
    public void ReleaseIndex() => _slots = null;

    /// <summary>
    /// Drops the index like <see cref="ReleaseIndex"/> and hands its memory over as room for one 64-bit number per
    /// edge (<see cref="AsNumbers"/>): the index is at most half full, so its 4-byte slots have that room when every
    /// edge is indexed; null when they do not. The next lookup builds a new index.
    /// </summary>
    public int[]? TakeIndexMemory()
    {
        var slots = _slots;
        _slots = null;
        return slots is not null && (long)slots.Length >= 2L * _count ? slots : null;
    }

    /// <summary>The first <paramref name="count"/> 64-bit numbers of memory from <see cref="TakeIndexMemory"/>.</summary>
    public static Span<ulong> AsNumbers(int[] memory, int count) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<int, ulong>(memory.AsSpan())[..count];

    private void Place(int[] slots, ulong hash, int entry)
    {
        var mask = slots.Length - 1;
        var slot = (int)(hash >> _shift);
        while (slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        slots[slot] = (int)(Tag(hash, _numberBits) | (uint)entry);
    }

    // Sized for the indexed edges at most half full, then filled from the list (built edges only).
    private int[] Rebuild()
    {
        var bits = MinBits;
        while ((1L << bits) < _indexed * 2L)
        {
            bits++;
        }

        var slots = new int[1 << bits];
        _shift = 64 - bits;
        // Numbers up to twice the table (or the edge count, when restored edges outnumber the indexed ones).
        var numberBits = bits + 1;
        while (numberBits < 32 && (1L << numberBits) <= 2L * _count)
        {
            numberBits++;
        }

        _numberBits = numberBits;
        for (var i = 0; i < _count; i++)
        {
            ref readonly var edge = ref RawAt(i);
            if (edge.Extra == 0 || !DataAt(i).IsRestored)
            {
                Place(slots, edge.Hash, i + 1);
            }
        }

        return _slots = slots;
    }

    /// <summary>
    /// Two edges are the same edge when type, endpoints and key property values (as invariant strings) agree; a
    /// restored edge is never merged into.
    /// </summary>
    private static bool SameEdge(EdgeRecord edge, RelType type, string start, string end, IReadOnlyDictionary<string, object?> props)
    {
        if (edge.Type != type || edge.IsRestored
            || !string.Equals(edge.Source, start, StringComparison.Ordinal)
            || !string.Equals(edge.Target, end, StringComparison.Ordinal))
        {
            return false;
        }

        var keys = Schema.KeyProperties(type);
        if (keys.Count == 0)
        {
            return true;
        }

        foreach (var key in keys)
        {
            var mine = edge.GetProperty(key);
            var theirs = props.GetValueOrDefault(key);
            if (!Equals(mine, theirs)
                && !string.Equals(Convert.ToString(mine, CultureInfo.InvariantCulture), Convert.ToString(theirs, CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public IEnumerator<GraphEdge> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
