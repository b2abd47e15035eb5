namespace PaperGraph.Core;

/// <summary>A word token of the paper text: a run of letters and digits, with '.', '_' or '@' kept between them.</summary>
internal readonly record struct Token(int Start, int End, string Norm)
{
    public int Length => End - Start;
}

/// <summary>Splits text into word tokens; one pass, no regular expressions.</summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(text.Length / 6);
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
                        continue;
                    }
                }

                break;
            }

            tokens.Add(new Token(start, i, Normalise(text.AsSpan(start, i - start))));
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
        var len = buf.Length;
        if (len > 3 && buf[len - 1] == 's' && buf[len - 2] != 's' && buf[len - 2] != 'u' && buf[len - 2] != 'i' && char.IsLetter(buf[len - 2]))
        {
            len--;
        }

        return Intern(buf[..len]);
    }

    // Most tokens of an abstract are common words seen in every paper: one shared string per normal form per thread
    // instead of a fresh string per token (they were a large share of extraction's allocations). Bounded, so a
    // corpus of invented names cannot grow it without limit.
    private const int InternLimit = 65_536;

    [ThreadStatic]
    private static Dictionary<string, string>? _interned;

    private static string Intern(ReadOnlySpan<char> norm)
    {
        if (norm.Length > 32)
        {
            return new string(norm);
        }

        var table = _interned ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = table.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(norm, out var known))
        {
            return known;
        }

        var s = new string(norm);
        if (table.Count >= InternLimit)
        {
            table.Clear();
        }

        table[s] = s;
        return s;
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
