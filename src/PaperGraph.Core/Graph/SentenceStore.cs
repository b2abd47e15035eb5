using System.Text;

namespace PaperGraph.Core;

/// <summary>
/// Evidence sentences, each stored once as UTF-8 and referenced by id, so a million abstracts' evidence does not
/// cost a string object per edge.
/// </summary>
public sealed class SentenceStore
{
    private const int ChunkSize = 1 << 22;
    private const int LengthBits = 23;
    private readonly List<byte[]> _chunks = [];

    // Per sentence: its offset in the chunks (shifted up) and its length (at most ChunkSize) in one number.
    private readonly List<long> _entries = [];
    private int _used = ChunkSize;

    // The paper each sentence was stored for, as runs: a paper's sentences are stored one after another, so a run
    // (first sentence id, paper) per paper costs a few bytes per paper rather than a reference per sentence or per
    // piece of evidence. A null paper: stored without one.
    private readonly List<int> _runStarts = [];
    private readonly List<string?> _runPapers = [];

    /// <summary>Number of stored sentences.</summary>
    public int Count => _entries.Count;

    /// <summary>Bytes held by stored sentences.</summary>
    public long Bytes { get; private set; }

    /// <summary>Stores a sentence and returns its id.</summary>
    public int Add(ReadOnlySpan<char> sentence) => Add(sentence, null);

    /// <summary>Stores a sentence of a paper (<see cref="PaperOf"/>) and returns its id.</summary>
    internal int Add(ReadOnlySpan<char> sentence, string? paper)
    {
        var byteCount = Encoding.UTF8.GetByteCount(sentence);
        if (byteCount > ChunkSize)
        {
            sentence = sentence[..(ChunkSize / 4)];
            byteCount = Encoding.UTF8.GetByteCount(sentence);
        }

        var written = Encoding.UTF8.GetBytes(sentence, Reserve(byteCount));
        return Commit(written, paper);
    }

    /// <summary>Stores a sentence given as UTF-8 (at most a chunk long: <see cref="Bounded"/>) and returns its id.</summary>
    internal int AddUtf8(ReadOnlySpan<byte> utf8) => AddUtf8(utf8, null);

    /// <summary>Stores a paper's sentence given as UTF-8 (at most a chunk long) and returns its id.</summary>
    internal int AddUtf8(ReadOnlySpan<byte> utf8, string? paper)
    {
        utf8.CopyTo(Reserve(utf8.Length));
        return Commit(utf8.Length, paper);
    }

    /// <summary>The paper a sentence was stored for; null when none was given or there is no such sentence.</summary>
    internal string? PaperOf(int id)
    {
        if ((uint)id >= (uint)_entries.Count)
        {
            return null;
        }

        // The last run starting at or before the sentence.
        var runs = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_runStarts);
        var at = runs.BinarySearch(id);
        return _runPapers[at >= 0 ? at : ~at - 1];
    }

    /// <summary>
    /// The part of <c>text[start..end]</c> that <see cref="Add(ReadOnlySpan{char})"/> stores: all of it unless its UTF-8 would not fit in
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
            _chunks.Add(new byte[ChunkSize]);
            _used = 0;
        }

        return _chunks[^1].AsSpan(_used);
    }

    private int Commit(int written, string? paper)
    {
        if (_runPapers.Count == 0 || !string.Equals(_runPapers[^1], paper, StringComparison.Ordinal))
        {
            _runStarts.Add(_entries.Count);
            _runPapers.Add(paper);
        }

        var offset = ((long)(_chunks.Count - 1) * ChunkSize) + _used;
        _entries.Add((offset << LengthBits) | (uint)written);
        _used += written;
        Bytes += written;
        return _entries.Count - 1;
    }

    /// <summary>The UTF-8 bytes of a sentence.</summary>
    public ReadOnlySpan<byte> GetUtf8(int id)
    {
        var entry = _entries[id];
        var offset = entry >>> LengthBits;
        var length = (int)(entry & ((1L << LengthBits) - 1));
        return _chunks[(int)(offset / ChunkSize)].AsSpan((int)(offset % ChunkSize), length);
    }

    /// <summary>The text of a sentence.</summary>
    public string Get(int id) => Encoding.UTF8.GetString(GetUtf8(id));
}
