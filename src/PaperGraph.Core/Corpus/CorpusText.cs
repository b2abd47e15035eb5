using System.Buffers;
using System.Text;

namespace PaperGraph.Core;

/// <summary>Text clean-up shared by every corpus reader.</summary>
public static class CorpusText
{
    /// <summary>Collapses every run of white space (line breaks included) to one space and trims.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsNormal(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }

    // Every white-space character but the plain space (char.IsWhiteSpace's set).
    private static readonly SearchValues<char> OtherWhiteSpace = SearchValues.Create(
        "\t\n\v\f\r\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000");

    // True when Normalize has nothing to do: no white space but single inner spaces. Every title and abstract of a
    // corpus is checked, so the test is two vectorised searches rather than a character loop.
    internal static bool IsNormal(ReadOnlySpan<char> text) =>
        text.IsEmpty
        || (text[0] != ' ' && text[^1] != ' ' && !text.ContainsAny(OtherWhiteSpace) && !text.Contains("  ", StringComparison.Ordinal));

    /// <summary>A short, one-line excerpt of a text for messages.</summary>
    public static string Excerpt(string text, int max = 60)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = Normalize(text);
        return t.Length <= max ? t : string.Concat(t.AsSpan(0, max - 3), "...");
    }

    /// <summary>Builds a paper from raw fields: normalises white space and gives it its stable id.</summary>
    /// <param name="title">Title as read.</param>
    /// <param name="abstractText">Abstract as read.</param>
    /// <param name="givenId">The record's own id (an arXiv id or another scheme), if any.</param>
    /// <param name="year">Publication year, if known.</param>
    /// <param name="url">Link, if known.</param>
    /// <param name="authors">Authors, if known.</param>
    /// <param name="source">Where the record was read.</param>
    public static Paper CreatePaper(string title, string abstractText, string? givenId, int? year, string? url,
        IReadOnlyList<string>? authors, SourceLocation source)
    {
        var t = Normalize(title);
        var a = Normalize(abstractText);
        var id = string.IsNullOrWhiteSpace(givenId) ? PaperIds.FromContent(t, a) : PaperIds.FromGiven(givenId, t, a);
        return new Paper(id, t, a, year, string.IsNullOrWhiteSpace(url) ? null : url.Trim(), authors ?? [], source);
    }

    /// <summary>
    /// <see cref="CreatePaper"/> of a record read as one text, <c>title + "\n" + abstract</c>, whose title and
    /// abstract are both normal already (<see cref="IsNormal"/>): no abstract string is made.
    /// </summary>
    internal static Paper CreatePaperFromText(string text, int titleLength, string? givenId, int? year, string? url,
        IReadOnlyList<string>? authors, SourceLocation source)
    {
        var t = text[..titleLength];
        var id = string.IsNullOrWhiteSpace(givenId) ? PaperIds.FromText(t, text) : PaperIds.FromGivenOrText(givenId, t, text);
        return new Paper(id, t, year, string.IsNullOrWhiteSpace(url) ? null : url.Trim(), authors ?? [], source, text);
    }
}
