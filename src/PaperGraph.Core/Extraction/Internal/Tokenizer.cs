using System.Numerics;
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
    public static List<Token> Tokenize(string text, string? lower, List<Token>? into, List<int>? joined) =>
        Tokenize(text, lower, into, joined, lower is not null && System.Text.Ascii.IsValid(text));

    /// <summary>
    /// <see cref="Tokenize(string, string?, List{Token}?, List{int}?)"/> for a caller that already knows whether the text
    /// is all ASCII (<paramref name="ascii"/> must be exactly that; it only picks the faster of two equal paths).
    /// </summary>
    // Called for every paper: compiled optimised at once rather than after a long tier-0 warm-up.
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
    /// normal forms' intern keys, then a walk that loads the intern table's slots (and strings, for keys that need
    /// them) for all of them, then the lookups. The table (tens of thousands of words) is mostly out of cache by the
    /// next paper, and one lookup after another waited for each miss in turn; loads that depend on nothing are in flight
    /// together, so the misses of a whole text overlap and the lookups then find their lines in cache.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<Token> TokenizeLower(string text, string lower, List<Token> tokens, List<int>? joined, bool ascii)
    {
        var interned = InternTable.Current;
        var keys = interned.KeyBuffer((text.Length / 2) + 1);
        var n = 0;
        if (ascii)
        {
            n = ScanAscii(lower, tokens, joined, keys);
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

                keys[n++] = InternTable.Key(lower.AsSpan(start, NormalLength(lower.AsSpan(start, i - start))));
                tokens.Add(new Token(start, i, null!));
            }
        }

        interned.Touch(keys.AsSpan(0, n));
        var span = CollectionsMarshal.AsSpan(tokens);
        for (var k = 0; k < span.Length; k++)
        {
            ref var t = ref span[k];
            var key = keys[k];
            t = new Token(t.Start, t.End, interned.Intern(lower.AsSpan(t.Start, InternTable.LengthOf(key)), key));
        }

        return tokens;
    }

    /// <summary>
    /// The token spans of an all-ASCII lower-cased text (the same as <see cref="NextToken"/> finds in the text: for ASCII,
    /// lower-casing keeps every character's class) with their normal forms' <see cref="InternTable.Key"/>, in one pass:
    /// a word of up to eight characters is its own key, its characters shifted in as they are scanned (one shift back
    /// drops a plural 's'); only longer words are read again, for their hash.
    /// </summary>
    /// <returns>The number of tokens (and of keys written).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int ScanAscii(string lower, List<Token> tokens, List<int>? joined, long[] keys)
    {
        var len = lower.Length;
        var n = 0;
        var i = 0;
        while (true)
        {
            while (i < len && !IsWordAscii(lower[i]))
            {
                i++;
            }

            if (i >= len)
            {
                return n;
            }

            var start = i;
            var packed = 0UL;
            while (true)
            {
                char c;
                while (i < len && IsWordAscii(c = lower[i]))
                {
                    packed = (packed << 8) | c;
                    i++;
                }

                // A '.' between digits, or a '_' or '@' between letters or digits, stays inside the token (i > start here).
                if (i + 1 < len && (c = lower[i]) is '.' or '_' or '@' && IsWordAscii(lower[i + 1])
                    && (c != '.' || (char.IsAsciiDigit(lower[i - 1]) && char.IsAsciiDigit(lower[i + 1]))))
                {
                    packed = (packed << 8) | c;
                    i++;
                    joined?.Add(i);
                    continue;
                }

                break;
            }

            var length = i - start;
            var normLength = NormalLength(lower.AsSpan(start, length));
            keys[n++] = length <= InternTable.PackedLength
                ? (long)(packed >> (8 * (length - normLength)))
                : InternTable.Key(lower.AsSpan(start, normLength));
            tokens.Add(new Token(start, i, null!));
        }
    }

    // 1 for the ASCII letters and digits: one load and test per character of the scan instead of two range tests.
    private static ReadOnlySpan<byte> AsciiWordChars =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    ];

    /// <summary><see cref="char.IsAsciiLetterOrDigit"/> of a character known to be ASCII (the masked index needs no bounds check).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordAscii(char c) => AsciiWordChars[c & 0x7F] != 0;

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

        // Not "spans is null ? [] : spans": the empty collection would take the list's type, a new list per paper.
        return spans is null ? Array.Empty<(int, int)>() : spans;
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
/// The lower-cased copies of paper texts (<see cref="PaperContext.Lower"/>), kept per thread, one string per text
/// length: a paper's copy is written into the string that an earlier paper of the same length handed back, instead of
/// a new ~2 KB string per paper (a sixth of the extractor's allocation per abstract). Exact lengths, because the rules
/// read the copy's length as the text's; abstracts' lengths recur (1,375 lengths among 100k synthetic abstracts, ~2.7
/// MB of strings). Not thread-safe: one per thread.
/// </summary>
/// <remarks>
/// A string handed out is written again once it is handed back: a caller hands back only a string nothing else holds
/// (no slice of it is the whole of it: the context's text always has the title's newline, so no name spans it).
/// </remarks>
internal sealed class LowerTexts
{
    /// <summary>Texts longer than this get a string of their own (and theirs are not kept): at most 16 MB per thread.</summary>
    internal const int MaxLength = TextPool.MaxLength;

    [ThreadStatic]
    private static LowerTexts? _current;

    private readonly TextPool _kept = new();

    /// <summary>The table of the calling thread.</summary>
    public static LowerTexts Current => _current ??= new LowerTexts();

    /// <summary>
    /// <see cref="Tokenizer.LowerInvariant(string, out bool)"/> of <paramref name="text"/>, written into a kept string of
    /// its length when there is one (which leaves the table until <see cref="Return"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Lower(string text, out bool ascii)
    {
        if (_kept.Rent(text.Length, out var into) is not { } kept)
        {
            return Tokenizer.LowerInvariant(text, out ascii);
        }

        // The ASCII routine stops at the first character outside ASCII and says so: one pass tells and lower-cases
        // (a separate validity test first was a second pass over every text).
        ascii = System.Text.Ascii.ToLower(text, into, out _) == System.Buffers.OperationStatus.Done;
        if (!ascii)
        {
            // The same invariant casing as string.ToLowerInvariant, which keeps the length.
            text.AsSpan().ToLowerInvariant(into);
        }

        return kept;
    }

    /// <summary>
    /// Keeps <paramref name="lower"/>, a string from <see cref="Lower"/> for <paramref name="text"/> that its caller is
    /// done with, for the next text of its length. Not when it is the text itself (a non-ASCII text already in lower
    /// case is its own lower-cased copy).
    /// </summary>
    public void Return(string lower, string text)
    {
        if (!ReferenceEquals(lower, text))
        {
            _kept.Return(lower);
        }
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

    /// <summary>The longest word that is its own <see cref="Key"/> (seven bits a character, eight bits room each).</summary>
    internal const int PackedLength = 8;

    // Cleared at this many words (32k slots, 512 KB). The words that recur paper after paper are a few thousand; the
    // rest are names that come and go. At 64k words the slots alone were 2 MB, spread over more cache lines and pages
    // than a paper's lookups can keep warm; after a clear, the common words come back with the next few papers.
    private const int Limit = 16_384;

    // Marks a key that is a hash and a length (a packed key never has its top bit: ASCII characters are below 128).
    private const ulong Hashed = 1UL << 63;

    [ThreadStatic]
    private static InternTable? _current;

    // Key and string side by side: one cache line per probe.
    private Slot[] _slots = new Slot[4096];
    private int _count;

    private struct Slot
    {
        public ulong Key;
        public string? Value;
    }

    public static InternTable Current => _current ??= new InternTable();

    /// <summary>
    /// The table's key of a normal form: a word of up to <see cref="PackedLength"/> ASCII characters is the characters
    /// themselves, a byte each (the first in the highest used byte; no character of a word is 0, so the key tells the
    /// word exactly and a lookup that finds it need not read the string); any other word is its <see cref="Hash"/> and
    /// length, with the top bit set, and a lookup compares the strings.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Key(ReadOnlySpan<char> norm)
    {
        if (norm.Length <= PackedLength)
        {
            var packed = 0UL;
            foreach (var c in norm)
            {
                packed = (packed << 8) | c;
                if (c >= 128)
                {
                    return ByHash(norm);
                }
            }

            return (long)packed;
        }

        return ByHash(norm);

        static long ByHash(ReadOnlySpan<char> norm) => (long)(Hashed | ((ulong)(uint)Hash(norm) << 32) | (uint)norm.Length);
    }

    /// <summary>The length of the normal form whose <see cref="Key"/> is <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LengthOf(long key) =>
        key < 0 ? (int)(uint)key : (64 - BitOperations.LeadingZeroCount((ulong)key) + 7) >> 3;

    // The slot a key starts probing at (its bits mixed: packed keys of similar words differ in few bits).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(ulong key, int mask) => (int)((key * 0x9E3779B97F4A7C15UL) >> 40) & mask;

    public string Intern(ReadOnlySpan<char> norm) => Intern(norm, Key(norm));

    /// <summary><see cref="Intern(ReadOnlySpan{char})"/> with the span's <see cref="Key"/> already computed.</summary>
    // Called for every token of every paper: compiled optimised at once rather than after a long tier-0 warm-up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Intern(ReadOnlySpan<char> norm, long key)
    {
        if (norm.Length > MaxLength)
        {
            return new string(norm);
        }

        var slots = _slots;
        var mask = slots.Length - 1;
        var k = (ulong)key;
        for (var at = Home(k, mask); ; at = (at + 1) & mask)
        {
            ref var slot = ref slots[at];
            if (slot.Value is not { } s)
            {
                break;
            }

            if (slot.Key == k && (key >= 0 || norm.SequenceEqual(s)))
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

        Insert(made, k);
        return made;
    }

    private void Insert(string s, ulong key)
    {
        var mask = _slots.Length - 1;
        var at = Home(key, mask);
        while (_slots[at].Value is not null)
        {
            at = (at + 1) & mask;
        }

        _slots[at] = new Slot { Key = key, Value = s };
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
                Insert(s, slot.Key);
            }
        }
    }

    /// <summary>
    /// Loads the slots the keys (as from <see cref="Key"/>) fall on, then the strings in them for the keys whose lookup
    /// compares strings: nothing waits for these loads, so they are in flight together, and the lookups that follow
    /// find the lines in cache instead of missing one after another. A hint only: what it reads decides nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Touch(ReadOnlySpan<long> keys)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var sum = 0UL;
        foreach (var key in keys)
        {
            sum += slots[Home((ulong)key, mask)].Key;
        }

        foreach (var key in keys)
        {
            if (key < 0 && slots[Home((ulong)key, mask)].Value is { } s)
            {
                sum += (ulong)s.Length;
            }
        }

        _touched = sum;
    }

    // Where Touch leaves its sum, so the loads are not dropped as unused.
    private ulong _touched;

    private long[] _keys = new long[256];

    /// <summary>A scratch array of at least <paramref name="length"/> for a text's words' keys; this thread's, reused.</summary>
    public long[] KeyBuffer(int length)
    {
        if (_keys.Length < length)
        {
            _keys = new long[Math.Max(length, _keys.Length * 2)];
        }

        return _keys;
    }

    /// <summary>The hash of a normal form in its <see cref="Key"/> when it is not packed (FNV-1a over the characters, non-negative).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Hash(ReadOnlySpan<char> s)
    {
        var h = 2166136261;
        foreach (var c in s)
        {
            h = (h ^ c) * 16777619;
        }

        return (int)(h & int.MaxValue);
    }
}
