using System.Text;

namespace PaperGraph.Core;

/// <summary>
/// Evidence sentences, each stored once as UTF-8 and referenced by id, so a million abstracts' evidence does not
/// cost a string object per edge.
/// </summary>
public sealed class SentenceStore
{
    private const int ChunkSize = 1 << 22;
    private const int OffsetChunkBits = 16;
    private const int OffsetChunkMask = (1 << OffsetChunkBits) - 1;
    private readonly List<byte[]> _chunks = [];

    // Per byte chunk: the id of its first sentence and the bytes used in it. A sentence never spans two chunks.
    private readonly List<int> _chunkFirst = [];
    private readonly List<int> _chunkUsed = [];

    // Per sentence, its offset within its chunk, in fixed-size blocks (growing never copies them): 4 bytes a sentence
    // (six million at a million papers); the chunk is found from the id, the length from the next offset.
    private uint[][] _offsets = [];
    private int _count;
    private int _used = ChunkSize;

    /// <summary>Number of stored sentences.</summary>
    public int Count => _count;

    /// <summary>Bytes held by stored sentences.</summary>
    public long Bytes { get; private set; }

    /// <summary>Stores a sentence and returns its id.</summary>
    public int Add(ReadOnlySpan<char> sentence)
    {
        // A UTF-16 unit is at most 3 bytes of UTF-8: when the chunk has room for that, the sentence is transcoded
        // straight into it, without counting its bytes first (every evidence sentence of a build comes through here).
        if ((long)sentence.Length * 3 <= ChunkSize - _used && _chunks.Count > 0)
        {
            return Commit(Encoding.UTF8.GetBytes(sentence, _chunks[^1].AsSpan(_used)));
        }

        var byteCount = Encoding.UTF8.GetByteCount(sentence);
        if (byteCount > ChunkSize)
        {
            sentence = sentence[..(ChunkSize / 4)];
            byteCount = Encoding.UTF8.GetByteCount(sentence);
        }

        var written = Encoding.UTF8.GetBytes(sentence, Reserve(byteCount));
        return Commit(written);
    }

    /// <summary>
    /// The part of <c>text[start..end]</c> that <see cref="Add"/> stores: all of it unless its UTF-8 would not fit in
    /// a chunk.
    /// </summary>
    internal static (int Start, int End) Bounded(string text, int start, int end)
    {
        // A UTF-16 unit is at most 3 bytes of UTF-8, so only very long sentences need counting.
        if ((long)(end - start) * 3 > ChunkSize && Encoding.UTF8.GetByteCount(text.AsSpan(start, end - start)) > ChunkSize)
        {
            end = start + (ChunkSize / 4);
        }

        return (start, end);
    }

    private Span<byte> Reserve(int byteCount)
    {
        if (_used + byteCount > ChunkSize || _chunks.Count == 0)
        {
            // Only the bytes written are ever read: the chunk need not be cleared first.
            _chunks.Add(GC.AllocateUninitializedArray<byte>(ChunkSize));
            _chunkFirst.Add(_count);
            _chunkUsed.Add(0);
            _used = 0;
        }

        return _chunks[^1].AsSpan(_used);
    }

    private int Commit(int written)
    {
        ChunkedSlots.ChunkFor(ref _offsets, _count, OffsetChunkBits)[_count & OffsetChunkMask] = (uint)_used;
        _used += written;
        _chunkUsed[^1] = _used;
        Bytes += written;
        return _count++;
    }

    private uint OffsetOf(int id) => _offsets[id >> OffsetChunkBits][id & OffsetChunkMask];

    /// <summary>The UTF-8 bytes of a sentence.</summary>
    public ReadOnlySpan<byte> GetUtf8(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _count);

        // The last chunk whose first sentence is at or before this one.
        var firsts = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_chunkFirst);
        var chunk = firsts.BinarySearch(id);
        if (chunk < 0)
        {
            chunk = ~chunk - 1;
        }

        var start = (int)OffsetOf(id);
        var next = id + 1;
        var end = next < _count && (chunk + 1 == firsts.Length || next < firsts[chunk + 1]) ? (int)OffsetOf(next) : _chunkUsed[chunk];
        return _chunks[chunk].AsSpan(start, end - start);
    }

    /// <summary>The text of a sentence.</summary>
    public string Get(int id) => Encoding.UTF8.GetString(GetUtf8(id));
}
