using System.Text;

namespace PaperGraph.Core;

/// <summary>Text clean-up shared by every corpus reader.</summary>
public static class CorpusText
{
    /// <summary>Collapses every run of white space (line breaks included) to one space and trims.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var needed = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsWhiteSpace(ch) && (ch != ' ' || i == 0 || i == text.Length - 1 || text[i + 1] == ' '))
            {
                needed = true;
                break;
            }
        }

        if (!needed)
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
}
