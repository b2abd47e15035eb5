using System.Text;

namespace PaperGraph.Core;

/// <summary>
/// Evidence sentences, each stored once as UTF-8 and referenced by id, so a million abstracts' evidence does not
/// cost a string object per edge.
/// </summary>
public sealed class SentenceStore
{
    private const int ChunkSize = 1 << 22;
    private readonly List<byte[]> _chunks = [];
    private readonly List<long> _offsets = [];
    private readonly List<int> _lengths = [];
    private int _used = ChunkSize;

    /// <summary>Number of stored sentences.</summary>
    public int Count => _offsets.Count;

    /// <summary>Bytes held by stored sentences.</summary>
    public long Bytes { get; private set; }

    /// <summary>Stores a sentence and returns its id.</summary>
    public int Add(ReadOnlySpan<char> sentence)
    {
        var byteCount = Encoding.UTF8.GetByteCount(sentence);
        if (byteCount > ChunkSize)
        {
            sentence = sentence[..(ChunkSize / 4)];
            byteCount = Encoding.UTF8.GetByteCount(sentence);
        }

        if (_used + byteCount > ChunkSize)
        {
            _chunks.Add(new byte[ChunkSize]);
            _used = 0;
        }

        var written = Encoding.UTF8.GetBytes(sentence, _chunks[^1].AsSpan(_used));
        _offsets.Add(((long)(_chunks.Count - 1) * ChunkSize) + _used);
        _lengths.Add(written);
        _used += written;
        Bytes += written;
        return _offsets.Count - 1;
    }

    /// <summary>The UTF-8 bytes of a sentence.</summary>
    public ReadOnlySpan<byte> GetUtf8(int id)
    {
        var offset = _offsets[id];
        return _chunks[(int)(offset / ChunkSize)].AsSpan((int)(offset % ChunkSize), _lengths[id]);
    }

    /// <summary>The text of a sentence.</summary>
    public string Get(int id) => Encoding.UTF8.GetString(GetUtf8(id));
}
