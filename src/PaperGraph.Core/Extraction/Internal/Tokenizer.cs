using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
namespace PaperGraph.Core;

/// <summary>A word token of the paper text: a run of letters and digits, with '.', '_' or '@' kept between them.</summary>
internal readonly record struct Token(int Start, int End, string Norm)
{
    public int Length => End - Start;
}

/// <summary>Splits text into word tokens; one pass, no regular expressions.</summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string text) => Tokenize(text, null);

    /// <summary>
    /// Tokenises <paramref name="text"/>, taking each token's normal form from <paramref name="lower"/> (the text
    /// lower-cased, same offsets) when given, instead of lower-casing every token again.
    /// </summary>
    public static List<Token> Tokenize(string text, string? lower) => Tokenize(text, lower, null);

    /// <summary><see cref="Tokenize(string, string?)"/> into <paramref name="into"/> (emptied first) when given.</summary>
    public static List<Token> Tokenize(string text, string? lower, List<Token>? into) => Tokenize(text, lower, into, null);

    /// <summary>
    /// <see cref="Tokenize(string, string?, List{Token}?)"/>, also adding to <paramref name="joined"/> (when given) the
    /// offset after each '.', '_' or '@' kept inside a token: with the token starts, every start of a run of letters
    /// and digits, in text order.
    /// </summary>
    // Called for every token of every paper: compiled optimised at once rather than after a long tier-0 warm-up.
    public static List<Token> Tokenize(string text, string? lower, List<Token>? into, List<int>? joined) =>
        Tokenize(text, lower, into, joined, lower is not null && System.Text.Ascii.IsValid(text));

    /// <summary>
    /// <see cref="Tokenize(string, string?, List{Token}?, List{int}?)"/> for a caller that already knows whether the text
    /// is all ASCII (<paramref name="ascii"/> must be exactly that; it only picks the faster of two equal paths).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Token> Tokenize(string text, string? lower, List<Token>? into, List<int>? joined, bool ascii)
    {
        var tokens = into ?? new List<Token>(text.Length / 6);
        tokens.Clear();
        if (lower is not null)
        {
            return TokenizeLower(text, lower, tokens, joined, ascii);
        }

        var i = 0;
        while (i < text.Length)
        {
            var start = NextToken(text, ref i, joined);
            if (start < 0)
            {
                break;
            }

            tokens.Add(new Token(start, i, Normalise(text.AsSpan(start, i - start))));
        }

        return tokens;
    }

    /// <summary>
    /// Moves <paramref name="i"/> past the next token and returns the token's start (it ends at the new
    /// <paramref name="i"/>), or -1 when the text has no more tokens.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextToken(string text, ref int i, List<int>? joined)
    {
        while (i < text.Length && !char.IsLetterOrDigit(text[i]))
        {
            i++;
        }

        if (i >= text.Length)
        {
            return -1;
        }

        var start = i;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                i++;
                continue;
            }

            if (i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && i > start)
            {
                if ((c == '.' && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1])) || c == '_' || c == '@')
                {
                    i++;
                    joined?.Add(i);
                    continue;
                }
            }

            break;
        }

        return start;
    }

    /// <summary>
    /// The tokens with their normal forms from <paramref name="lower"/>, in three passes: the token spans and their
    /// normal forms' hashes, then a walk that loads the intern table's slots and strings for all of them, then the
    /// lookups. The table (tens of thousands of words) and its strings are mostly out of cache by the next paper, and
    /// one lookup after another waited for each miss in turn (the slot, then the string); loads that depend on nothing
    /// are in flight together, so the misses of a whole text overlap and the lookups then find their lines in cache.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<Token> TokenizeLower(string text, string lower, List<Token> tokens, List<int>? joined, bool ascii)
    {
        var interned = InternTable.Current;
        var hashes = interned.HashBuffer((text.Length / 2) + 1);
        var n = 0;
        if (ascii)
        {
            n = ScanAscii(lower, tokens, joined, hashes);
        }
        else
        {
            var i = 0;
            while (i < text.Length)
            {
                var start = NextToken(text, ref i, joined);
                if (start < 0)
                {
                    break;
                }

                var norm = lower.AsSpan(start, NormalLength(lower.AsSpan(start, i - start)));
                hashes[n++] = ((long)InternTable.Hash(norm) << 32) | (uint)norm.Length;
                tokens.Add(new Token(start, i, null!));
            }
        }

        interned.Touch(hashes.AsSpan(0, n));
        var span = CollectionsMarshal.AsSpan(tokens);
        for (var k = 0; k < span.Length; k++)
        {
            ref var t = ref span[k];
            var h = hashes[k];
            t = new Token(t.Start, t.End, interned.Intern(lower.AsSpan(t.Start, (int)(uint)h), (int)(h >> 32)));
        }

        return tokens;
    }

    /// <summary>
    /// The token spans of an all-ASCII lower-cased text (the same as <see cref="NextToken"/> finds in the text: for ASCII,
    /// lower-casing keeps every character's class) with their normal forms' <see cref="InternTable.Hash"/> and length,
    /// in one pass: the hash is taken while the word is scanned, keeping the state before the last character for when
    /// a plural 's' is dropped, instead of reading the word's characters again for its hash.
    /// </summary>
    /// <returns>The number of tokens (and of hashes written).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int ScanAscii(string lower, List<Token> tokens, List<int>? joined, long[] hashes)
    {
        var len = lower.Length;
        var n = 0;
        var i = 0;
        while (true)
        {
            while (i < len && !char.IsAsciiLetterOrDigit(lower[i]))
            {
                i++;
            }

            if (i >= len)
            {
                return n;
            }

            var start = i;
            var h = InternTable.Basis;
            var before = h;
            while (true)
            {
                char c;
                while (i < len && char.IsAsciiLetterOrDigit(c = lower[i]))
                {
                    before = h;
                    h = (h ^ c) * InternTable.Prime;
                    i++;
                }

                // A '.' between digits, or a '_' or '@' between letters or digits, stays inside the token (i > start here).
                if (i + 1 < len && (c = lower[i]) is '.' or '_' or '@' && char.IsAsciiLetterOrDigit(lower[i + 1])
                    && (c != '.' || (char.IsAsciiDigit(lower[i - 1]) && char.IsAsciiDigit(lower[i + 1]))))
                {
                    before = h;
                    h = (h ^ c) * InternTable.Prime;
                    i++;
                    joined?.Add(i);
                    continue;
                }

                break;
            }

            var normLength = i - start;
            if (normLength > 3 && lower[i - 1] == 's' && lower[i - 2] is not ('s' or 'u' or 'i') && char.IsAsciiLetter(lower[i - 2]))
            {
                normLength--;
                h = before;
            }

            hashes[n++] = ((long)(int)(h & int.MaxValue) << 32) | (uint)normLength;
            tokens.Add(new Token(start, i, null!));
        }
    }

    /// <summary>Length of a lower-case word's normal form: a plural 's' dropped from longer words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NormalLength(ReadOnlySpan<char> buf)
    {
        var len = buf.Length;
        if (len > 3 && buf[len - 1] == 's' && buf[len - 2] != 's' && buf[len - 2] != 'u' && buf[len - 2] != 'i' && char.IsLetter(buf[len - 2]))
        {
            len--;
        }

        return len;
    }

    /// <summary>The words of a vocabulary surface form, as written.</summary>
    public static string[] Words(string surface)
    {
        var list = new List<string>();
        foreach (var t in Tokenize(surface))
        {
            list.Add(surface[t.Start..t.End]);
        }

        return [.. list];
    }

    /// <summary>Lower-case, with a plural 's' dropped from longer words, so "Experts" and "expert" share a key.</summary>
    public static string Normalise(ReadOnlySpan<char> word)
    {
        Span<char> buf = word.Length <= 128 ? stackalloc char[word.Length] : new char[word.Length];
        word.ToLowerInvariant(buf);
        return NormaliseLower(buf, InternTable.Current);
    }

    /// <summary><see cref="Normalise(ReadOnlySpan{char})"/> of a word that is already lower-case.</summary>
    private static string NormaliseLower(ReadOnlySpan<char> buf, InternTable interned) => interned.Intern(buf[..NormalLength(buf)]);

    /// <summary>
    /// Same as <see cref="string.ToLowerInvariant()"/>; an all-ASCII text (nearly every abstract) is lower-cased by the
    /// vectorised ASCII routine.
    /// </summary>
    public static string LowerInvariant(string text) => LowerInvariant(text, out _);

    /// <summary><see cref="LowerInvariant(string)"/>, telling whether the text is all ASCII.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string LowerInvariant(string text, out bool ascii)
    {
        ascii = System.Text.Ascii.IsValid(text);
        if (!ascii)
        {
            return text.ToLowerInvariant();
        }

        return string.Create(text.Length, text, static (dest, src) => System.Text.Ascii.ToLower(src, dest, out _));
    }

    /// <summary>
    /// Spans of URLs ("http://", "https://" or "www." up to the next white space). The candidates are searched in the
    /// lower-cased text with ordinal search: no other character case-folds to the letters of "http" or "www.", so this
    /// finds what a case-insensitive search of the text finds, without its slower scan.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static IReadOnlyList<(int Start, int End)> UrlSpans(string text, string lower)
    {
        // Made on the first URL: most abstracts have none.
        List<(int, int)>? spans = null;
        var i = 0;
        while (i < text.Length)
        {
            var h = lower.IndexOf("http", i, StringComparison.Ordinal);
            var w = lower.IndexOf("www.", i, StringComparison.Ordinal);
            var s = h < 0 ? w : w < 0 ? h : Math.Min(h, w);
            if (s < 0)
            {
                break;
            }

            if (s == h && !(text.AsSpan(s).StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.AsSpan(s).StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                i = s + 4;
                continue;
            }

            var e = s;
            while (e < text.Length && !char.IsWhiteSpace(text[e]))
            {
                e++;
            }

            (spans ??= []).Add((s, e));
            i = e;
        }

        return spans is null ? [] : spans;
    }

    public static string Normalise(string word) => Normalise(word.AsSpan());

    /// <summary>True when two tokens of one term may be separated by this gap: one space, hyphen or apostrophe.</summary>
    public static bool IsJoiner(string text, int end, int nextStart)
    {
        if (nextStart - end != 1)
        {
            return false;
        }

        var c = text[end];
        return c is ' ' or '-' or '\'' or '\u2019' or '\u2010' or '\u2011';
    }
}

/// <summary>
/// Most tokens of an abstract are common words seen in every paper: one shared string per normal form per thread
/// instead of a fresh string per token. An open-addressing table looked up by span (the tokeniser fetches it once per
/// text, not once per token). Bounded, so a corpus of invented names cannot grow it without limit.
/// </summary>
internal sealed class InternTable
{
    private const int MaxLength = 32;

    // Cleared at this many words (32k slots, 512 KB). The words that recur paper after paper are a few thousand; the
    // rest are names that come and go. At 64k words the slots alone were 2 MB, spread over more cache lines and pages
    // than a paper's lookups can keep warm; after a clear, the common words come back with the next few papers.
    private const int Limit = 16_384;

    [ThreadStatic]
    private static InternTable? _current;

    // Hash and string side by side: one cache line per probe.
    private Slot[] _slots = new Slot[4096];
    private int _count;

    private struct Slot
    {
        public int Hash;
        public string? Value;
    }

    public static InternTable Current => _current ??= new InternTable();

    // Called for every token of every paper: compiled optimised at once rather than after a long tier-0 warm-up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Intern(ReadOnlySpan<char> norm) => Intern(norm, norm.Length > MaxLength ? 0 : Hash(norm));

    /// <summary><see cref="Intern(ReadOnlySpan{char})"/> with the span's <see cref="Hash"/> already computed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Intern(ReadOnlySpan<char> norm, int hash)
    {
        if (norm.Length > MaxLength)
        {
            return new string(norm);
        }

        var mask = _slots.Length - 1;
        var slots = _slots;
        for (var k = hash & mask; ; k = (k + 1) & mask)
        {
            ref var slot = ref slots[k];
            if (slot.Value is not { } s)
            {
                break;
            }

            if (slot.Hash == hash && norm.SequenceEqual(s))
            {
                return s;
            }
        }

        var made = new string(norm);
        if (_count >= Limit)
        {
            Array.Clear(_slots);
            _count = 0;
        }
        else if ((_count + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        Insert(made, hash);
        return made;
    }

    private void Insert(string s, int hash)
    {
        var mask = _slots.Length - 1;
        var k = hash & mask;
        while (_slots[k].Value is not null)
        {
            k = (k + 1) & mask;
        }

        _slots[k] = new Slot { Hash = hash, Value = s };
        _count++;
    }

    private void Grow()
    {
        var slots = _slots;
        _slots = new Slot[slots.Length * 2];
        _count = 0;
        foreach (var slot in slots)
        {
            if (slot.Value is { } s)
            {
                Insert(s, slot.Hash);
            }
        }
    }

    /// <summary>
    /// Loads the slots the hashes (high halves, as from <see cref="HashBuffer"/>) fall on, then the strings in them:
    /// nothing waits for these loads, so they are in flight together, and the lookups that follow find the lines in
    /// cache instead of missing one after another.
    /// A hint only: what it reads decides nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Touch(ReadOnlySpan<long> hashes)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var sum = 0;
        foreach (var h in hashes)
        {
            sum += slots[(int)(h >> 32) & mask].Hash;
        }

        foreach (var h in hashes)
        {
            if (slots[(int)(h >> 32) & mask].Value is { } s)
            {
                sum += s.Length;
            }
        }

        _touched = sum;
    }

    // Where Touch leaves its sum, so the loads are not dropped as unused.
    private int _touched;

    private long[] _hashes = new long[256];

    /// <summary>
    /// A scratch array of at least <paramref name="length"/> for a text's words, each as its hash (high half) and
    /// length (low half); this thread's, reused.
    /// </summary>
    public long[] HashBuffer(int length)
    {
        if (_hashes.Length < length)
        {
            _hashes = new long[Math.Max(length, _hashes.Length * 2)];
        }

        return _hashes;
    }

    /// <summary>FNV-1a's offset basis (the state of <see cref="Hash"/> before the first character).</summary>
    internal const uint Basis = 2166136261;

    /// <summary>FNV-1a's prime (one step of <see cref="Hash"/>: <c>h = (h ^ c) * Prime</c>).</summary>
    internal const uint Prime = 16777619;

    /// <summary>The table's hash of a normal form (FNV-1a over the characters, non-negative).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Hash(ReadOnlySpan<char> s)
    {
        var h = Basis;
        foreach (var c in s)
        {
            h = (h ^ c) * Prime;
        }

        return (int)(h & int.MaxValue);
    }
}
