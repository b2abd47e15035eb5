using System.Runtime.CompilerServices;
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Token> Tokenize(string text, string? lower, List<Token>? into, List<int>? joined)
    {
        var tokens = into ?? new List<Token>(text.Length / 6);
        tokens.Clear();
        var interned = lower is null ? null : InternTable.Current;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
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

            tokens.Add(new Token(start, i, interned is null ? Normalise(text.AsSpan(start, i - start)) : NormaliseLower(lower.AsSpan(start, i - start), interned)));
        }

        return tokens;
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
    private static string NormaliseLower(ReadOnlySpan<char> buf, InternTable interned)
    {
        var len = buf.Length;
        if (len > 3 && buf[len - 1] == 's' && buf[len - 2] != 's' && buf[len - 2] != 'u' && buf[len - 2] != 'i' && char.IsLetter(buf[len - 2]))
        {
            len--;
        }

        return interned.Intern(buf[..len]);
    }

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
    private const int Limit = 65_536;

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
    public string Intern(ReadOnlySpan<char> norm)
    {
        if (norm.Length > MaxLength)
        {
            return new string(norm);
        }

        var hash = Hash(norm);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Hash(ReadOnlySpan<char> s)
    {
        var h = unchecked((int)2166136261);
        foreach (var c in s)
        {
            h = unchecked((h ^ c) * 16777619);
        }

        return h & int.MaxValue;
    }
}
