using System.Runtime.CompilerServices;
namespace PaperGraph.Core;

/// <summary>
/// Splits a paper text into sentences. The title is its own sentence. A period ends a sentence only when followed by
/// white space and a capital, digit or opening bracket/quote, and when the word before it is not an abbreviation
/// ("e.g.", "vs.", "et al.", "U.S.") or an initial; decimals and dotted names never contain white space after the dot.
/// </summary>
internal static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "vs", "etc", "al", "cf", "fig", "figs", "eq", "eqs", "sec", "no", "nos", "approx", "resp",
        "u.s", "u.k", "e.u", "dr", "mr", "ms", "prof", "inc", "ltd", "corp", "jr", "sr", "st", "vol", "pp", "ca",
        "viz", "w.r.t", "incl", "est", "ref", "refs", "tab", "app", "ch", "v", "ver",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationsBySpan = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    // Most words before a sentence's period are longer than any abbreviation: no case-insensitive hash for them.
    private static readonly int MaxAbbreviationLength = Abbreviations.Max(a => a.Length);

    private static readonly System.Buffers.SearchValues<char> Marks = System.Buffers.SearchValues.Create("().!?");

    public static List<(int Start, int End)> Split(string text, int titleLength) => Split(text, titleLength, null);

    /// <summary><see cref="Split(string, int)"/> into <paramref name="into"/> (emptied first) when given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<(int Start, int End)> Split(string text, int titleLength, List<(int Start, int End)>? into)
    {
        // Sized for an abstract's sentences (one per ~100 characters) instead of grown through copies from 4.
        var result = into ?? new List<(int, int)>(Math.Max(4, (text.Length / 100) + 4));
        result.Clear();
        var titleEnd = Math.Min(titleLength, text.Length);
        if (titleEnd > 0)
        {
            result.Add((0, titleEnd));
        }

        var start = Math.Min(titleEnd + 1, text.Length);
        SplitRange(text, start, text.Length, result);
        return result;
    }

    // Called for every token of every paper: compiled optimised at once rather than after a long tier-0 warm-up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SplitRange(string text, int from, int to, List<(int, int)> into)
    {
        var start = SkipSpace(text, from, to);
        var depth = 0;
        for (var i = start; i < to; i++)
        {
            // Only brackets and sentence marks matter: jump to the next one.
            var skip = text.AsSpan(i, to - i).IndexOfAny(Marks);
            if (skip < 0)
            {
                break;
            }

            i += skip;
            var c = text[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth = Math.Max(0, depth - 1);
            }

            if (c is not ('.' or '!' or '?'))
            {
                continue;
            }

            // Closing quotes or brackets right after the mark belong to this sentence.
            var end = i + 1;
            while (end < to && text[end] is '"' or '\'' or '\u201d' or '\u2019' or ')')
            {
                end++;
            }

            if (end < to && !char.IsWhiteSpace(text[end]))
            {
                continue;
            }

            var next = SkipSpace(text, end, to);
            if (next < to && !StartsSentence(text[next]))
            {
                continue;
            }

            if (c == '.' && IsAbbreviation(text, start, i))
            {
                continue;
            }

            if (depth > 0 && next < to && c == '.')
            {
                // A period inside parentheses rarely ends the sentence.
                continue;
            }

            into.Add((start, end));
            start = next;
            i = next - 1;
            depth = 0;
        }

        var tail = to;
        while (tail > start && char.IsWhiteSpace(text[tail - 1]))
        {
            tail--;
        }

        if (tail > start)
        {
            into.Add((start, tail));
        }
    }

    private static bool StartsSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '(' or '[' or '"' or '\'' or '\u201c' || !char.IsLetter(c) && c != ',';

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SkipSpace(string text, int i, int to)
    {
        while (i < to && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsAbbreviation(string text, int sentenceStart, int dot)
    {
        var w = dot;
        while (w > sentenceStart && (char.IsLetter(text[w - 1]) || text[w - 1] == '.'))
        {
            w--;
        }

        if (w == dot)
        {
            return false;
        }

        var word = text.AsSpan(w, dot - w);
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true; // an initial: "J. Smith"
        }

        return word.Length <= MaxAbbreviationLength && AbbreviationsBySpan.Contains(word);
    }
}
