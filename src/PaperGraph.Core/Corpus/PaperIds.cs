using System.Text.RegularExpressions;

namespace PaperGraph.Core;

/// <summary>
/// Stable paper ids: <c>arxiv:2401.02954</c> when the arXiv id is known, else
/// <c>paper:</c> + title slug (60 chars at most) + <c>-</c> + 6 hex digits of the SHA-256 of the normalised title and
/// abstract. The same record always gets the same id, so rebuilds are stable.
/// </summary>
public static partial class PaperIds
{
    /// <summary>The id of a paper with no known arXiv id.</summary>
    public static string FromContent(string title, string abstractText)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(abstractText);
        var slug = NameKey.Slug(title, 60);
        var hash = KnowledgeGraph.ShortHash(CorpusText.Normalize(title) + "\n" + CorpusText.Normalize(abstractText), 6);
        return slug.Length == 0 ? "paper:" + hash : string.Concat("paper:", slug, "-", hash);
    }

    /// <summary>
    /// Parses an arXiv identifier in any usual spelling (<c>2401.02954v2</c>, <c>arXiv:2401.02954</c>,
    /// <c>http://arxiv.org/abs/2401.02954v2</c>, <c>hep-th/9901001</c>) into <c>arxiv:2401.02954</c> (version dropped).
    /// </summary>
    public static bool TryParseArxiv(string? text, out string id)
    {
        id = "";
        // Both shapes of id have a '.' or a '/' (YYMM.NNNNN, archive/NNNNNNN): without one (an id such as
        // "synth-0000001", every record of a corpus that has its own scheme) the pattern cannot match and is not run.
        if (string.IsNullOrWhiteSpace(text) || text.AsSpan().IndexOfAny('.', '/') < 0)
        {
            return false;
        }

        var match = ArxivPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        id = "arxiv:" + match.Groups["id"].Value;
        return true;
    }

    /// <summary>
    /// The id for a record that carries its own id: an arXiv id becomes <c>arxiv:...</c>; an id already shaped
    /// <c>scheme:value</c> (lower-case scheme, URL-safe value) is kept; anything else becomes <c>paper:</c> + its slug.
    /// </summary>
    public static string FromGiven(string given, string title, string abstractText)
    {
        ArgumentNullException.ThrowIfNull(given);
        return FromGiven(given) ?? FromContent(title, abstractText);
    }

    /// <summary>
    /// <see cref="FromContent"/> of a paper read as one text, <c>title + "\n" + abstract</c>, both already
    /// whitespace-normalised: the text is what the hash is taken of.
    /// </summary>
    internal static string FromText(string title, string text)
    {
        var slug = NameKey.Slug(title, 60);
        var hash = KnowledgeGraph.ShortHash(text, 6);
        return slug.Length == 0 ? "paper:" + hash : string.Concat("paper:", slug, "-", hash);
    }

    /// <summary><see cref="FromGiven(string, string, string)"/> of a paper read as one text (<see cref="FromText"/>).</summary>
    internal static string FromGivenOrText(string given, string title, string text) => FromGiven(given) ?? FromText(title, text);

    // The id a record's own id gives, or null when it gives none (no letter or digit) and the content must.
    private static string? FromGiven(string given)
    {
        if (TryParseArxiv(given, out var arxiv))
        {
            return arxiv;
        }

        var trimmed = given.Trim();
        // A scheme needs its ':' (the test runs before the pattern for the ids that have none).
        if (trimmed.Contains(':', StringComparison.Ordinal) && SchemePattern().IsMatch(trimmed))
        {
            return trimmed;
        }

        var slug = NameKey.Slug(trimmed, 80);
        return slug.Length == 0 ? null : "paper:" + slug;
    }

    // New-style ids (YYMM.NNNNN) and old-style ids (archive[.SUBJ]/YYMMNNN), optionally behind an abs/pdf URL
    // or an "arXiv:" prefix, optionally followed by a version.
    [GeneratedRegex(@"^(?:(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/|arxiv:)?(?<id>\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?:\.pdf)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ArxivPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9]*:[A-Za-z0-9._\-/]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemePattern();
}
