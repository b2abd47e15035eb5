namespace PaperGraph.Core;

/// <summary>
/// A per-thread pool of short strings made from spans of paper text: the same model names, versions, sizes and
/// variant words recur paper after paper, and each fresh copy cost an allocation (and its share of GC time). The pool
/// only ever hands out a string equal to the span asked for; it is cleared when it grows past its limit.
/// </summary>
internal sealed class StringPool
{
    // Small enough to stay in cache: most names of a paper are its own, and the common ones come back after a clear.
    private const int Limit = 8192;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    private StringPool() => _bySpan = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    [ThreadStatic]
    private static StringPool? _current;

    /// <summary>The pool of the calling thread.</summary>
    public static StringPool Current => _current ??= new StringPool();

    /// <summary>A string equal to <paramref name="s"/>, shared with earlier requests of the same characters.</summary>
    public string Get(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return "";
        }

        if (_bySpan.TryGetValue(s, out var pooled))
        {
            return pooled;
        }

        if (_strings.Count >= Limit)
        {
            _strings.Clear();
        }

        var made = s.ToString();
        _strings[made] = made;
        return made;
    }
}
