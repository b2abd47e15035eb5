using System.Runtime.InteropServices;

namespace PaperGraph.Core;

/// <summary>
/// Strings of text handed back by their owner, one kept per length, for the next text of that length to be written
/// into instead of allocated: the paper texts of a one-thread build with the built-in extractor, which drops each paper
/// right after its merge (~2 KB of ~11 KB a paper at 100k), and the per-thread lower-cased copies (<see cref="LowerTexts"/>).
/// </summary>
/// <remarks>
/// Not thread-safe: one thread owns a pool. A string given to <see cref="Return"/> is written over by the next
/// <see cref="Rent"/> of its length, so only the owner of a string may return it, and only when nothing holds it any
/// more (the graph keeps copies: sentences as UTF-8, titles, ids).
/// </remarks>
internal sealed class TextPool
{
    /// <summary>Longer texts are not kept (the table is one reference per length up to this).</summary>
    internal const int MaxLength = 4096;

    private readonly string?[] _byLength = new string?[MaxLength + 1];

    /// <summary>Strings handed out again instead of allocated (for tests).</summary>
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
