using System.Runtime.InteropServices;

namespace PaperGraph.Core;

/// <summary>
/// Paper texts handed back once their papers are merged, one kept per length, for a reader to write the next text of
/// that length into. A paper's text is the largest allocation of a build (~2 KB of ~11 KB a paper at 100k), and a
/// build that extracts with the built-in extractor on one thread drops each paper right after its merge.
/// </summary>
/// <remarks>
/// Not thread-safe: one reading-and-merging thread owns it (the one-worker build). A string given to
/// <see cref="Return"/> is written over by the next <see cref="Rent"/> of its length, so only the owner of a text may
/// return it, and only when nothing holds it any more (the graph keeps copies: sentences as UTF-8, titles, ids).
/// </remarks>
internal sealed class TextPool
{
    /// <summary>Longer texts are not kept (the table is one reference per length up to this).</summary>
    internal const int MaxLength = 4096;

    private readonly string?[] _byLength = new string?[MaxLength + 1];

    /// <summary>Texts handed out again instead of allocated (for tests and reports).</summary>
    public long Reused { get; private set; }

    /// <summary>
    /// A kept string of <paramref name="length"/> characters and its characters to write (the string leaves the pool),
    /// or null when none is kept.
    /// </summary>
    public string? Rent(int length, out Span<char> chars)
    {
        if (length is <= 0 or > MaxLength || _byLength[length] is not { } kept)
        {
            chars = default;
            return null;
        }

        _byLength[length] = null;
        Reused++;
        chars = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(kept.AsSpan()), length);
        return kept;
    }

    /// <summary>
    /// Keeps <paramref name="text"/> for the next text of its length: a string its owner made and is done with (never
    /// a literal or an interned string, which the runtime shares).
    /// </summary>
    public void Return(string text)
    {
        if (text.Length is > 0 and <= MaxLength)
        {
            _byLength[text.Length] = text;
        }
    }
}
