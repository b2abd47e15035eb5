namespace PaperGraph.Core;

/// <summary>
/// Reads the seed page format: a paper listing copied from a web page. Some page noise (calls to action) comes
/// first, then alternating title and abstract lines; the first title may be glued to the last noise word
/// ("SubscribeDeepSeek-R1 ..."). Everything is recognised by the shape of the lines, not by their wording: a title is
/// a short line, an abstract a long run of sentences, and noise is whatever precedes the first title/abstract pair.
/// </summary>
public sealed class SeedPageReader : ICorpusReader
{
    private const int MaxTitleLength = 400;
    private readonly int _maxLineBytes;

    /// <summary>Creates the reader.</summary>
    /// <param name="maxLineBytes">Longest line accepted; longer lines are reported and skipped.</param>
    public SeedPageReader(int maxLineBytes = LineReader.DefaultMaxLineBytes) => _maxLineBytes = maxLineBytes;

    /// <inheritdoc/>
    public string Format => "seed";

    /// <inheritdoc/>
    public IEnumerable<CorpusItem> Read(Stream input, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(fileName);
        var lines = new Lookahead(new LineReader(input, _maxLineBytes).ReadLines(cancellationToken).GetEnumerator());
        var noiseWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sawText = false;
        var noiseLines = 0;

        // Preamble: everything before the first title/abstract pair is page noise.
        TextLine? title = null;
        while (lines.Next() is { } line)
        {
            if (line.IsBlank)
            {
                continue;
            }

            sawText = true;

            if (line.Error is not null)
            {
                yield return CorpusItem.Skip(Loc(fileName, line), line.Error);
                continue;
            }

            if (LooksLikeTitle(line.Text!) && lines.PeekNonBlank() is { Text: { } next } && LooksLikeFirstAbstract(next))
            {
                title = line;
                break;
            }

            if (noiseWords.Count < 256)
            {
                foreach (var w in line.Text!.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    noiseWords.Add(w.Trim('!', '.', ',', '?', ':', ';'));
                }
            }

            noiseLines++;
            yield return CorpusItem.Ignore(Loc(fileName, line), $"page noise before the first paper: \"{CorpusText.Excerpt(line.Text!)}\"");
        }

        if (!sawText)
        {
            yield return CorpusItem.Skip(new SourceLocation(fileName, 0), "file is empty (no text)");
            yield break;
        }

        if (title is null)
        {
            yield return CorpusItem.Skip(new SourceLocation(fileName, 0),
                $"no paper found: no title line followed by an abstract line ({noiseLines} line(s) ignored; truncated or not a seed page?)");
            yield break;
        }

        // The first title may carry a glued noise word.
        var firstText = title.Value.Text!;
        var firstAbstract = lines.PeekNonBlank()!.Value.Text!;
        if (GluedPrefixLength(firstText, firstAbstract, noiseWords) is var glued and > 0)
        {
            yield return CorpusItem.Ignore(Loc(fileName, title.Value),
                $"page noise \"{firstText[..glued]}\" glued to the first title; removed");
            title = title.Value with { Text = firstText[glued..] };
        }

        // Records: title, abstract, title, abstract... with one line of look-ahead to re-align after a bad record.
        TextLine? pending = title;
        TextLine? unreadableTitle = null;
        while (lines.Next() is { } line)
        {
            if (line.IsBlank)
            {
                continue;
            }

            if (line.Error is not null)
            {
                if (pending is { } p)
                {
                    yield return CorpusItem.Skip(Loc(fileName, p),
                        $"record \"{CorpusText.Excerpt(p.Text!)}\" skipped: its abstract (line {line.Number}) is unreadable: {line.Error}");
                    pending = null;
                }
                else
                {
                    yield return CorpusItem.Skip(Loc(fileName, line), line.Error);
                    unreadableTitle = line;
                }

                continue;
            }

            var text = line.Text!;
            if (pending is null)
            {
                if (LooksLikeAbstract(text))
                {
                    var reason = unreadableTitle is { } u
                        ? $"abstract skipped: its title (line {u.Number}) is unreadable"
                        : $"abstract without a title: \"{CorpusText.Excerpt(text)}\"";
                    yield return CorpusItem.Skip(Loc(fileName, line), reason);
                }
                else
                {
                    pending = line;
                }

                unreadableTitle = null;
                continue;
            }

            // Expecting an abstract. A short line that is followed by an abstract is the next title: the pending
            // title had none.
            if (!LooksLikeAbstract(text) && lines.PeekNonBlank() is { Text: { } following } && LooksLikeAbstract(following))
            {
                yield return CorpusItem.Skip(Loc(fileName, pending.Value),
                    $"title without abstract: \"{CorpusText.Excerpt(pending.Value.Text!)}\" (line {line.Number} starts the next record)");
                pending = line;
                continue;
            }

            yield return CorpusItem.Of(CorpusText.CreatePaper(pending.Value.Text!, text, null, null, null, null, Loc(fileName, pending.Value)));
            pending = null;
        }

        if (pending is { } last)
        {
            yield return CorpusItem.Skip(Loc(fileName, last),
                $"title without abstract at the end of the file (truncated?): \"{CorpusText.Excerpt(last.Text!)}\"");
        }
    }

    /// <summary>A title: one short line that is not a run of sentences.</summary>
    internal static bool LooksLikeTitle(string line)
    {
        var t = line.Trim();
        return t.Length is >= 2 and <= MaxTitleLength && !LooksLikeAbstract(t);
    }

    /// <summary>An abstract: a long line, or a shorter one made of several full sentences.</summary>
    internal static bool LooksLikeAbstract(string line)
    {
        var t = line.Trim();
        if (t.Length >= 300)
        {
            return true;
        }

        return t.Length >= 100 && EndsLikeSentence(t) && Sentences(t) >= 2;
    }

    // Before the first paper, demand more: a noise block can hold a long line, but not a long run of sentences.
    private static bool LooksLikeFirstAbstract(string line)
    {
        var t = line.Trim();
        return t.Length >= 200 && Sentences(t) >= 2;
    }

    private static bool EndsLikeSentence(string t) => t[^1] is '.' or '!' or '?' or ')' or '"' or '\'' or ']';

    private static int Sentences(string t)
    {
        var count = 0;
        for (var i = 1; i < t.Length; i++)
        {
            if (t[i - 1] is '.' or '!' or '?' && (i == t.Length || char.IsWhiteSpace(t[i])))
            {
                count++;
            }
        }

        return EndsLikeSentence(t) ? count + 1 : count;
    }

    /// <summary>
    /// Length of a page-noise word glued in front of the first title, or 0. The glue shows as a lower-case letter
    /// followed by a capital inside the first token ("SubscribeDeepSeek-R1"); the prefix is removed only when the
    /// structure confirms it: the prefix is a word of the noise lines, or the abstract names the rest of the token but
    /// never the glued token itself.
    /// </summary>
    internal static int GluedPrefixLength(string title, string abstractText, IReadOnlySet<string> noiseWords)
    {
        if (noiseWords.Count == 0)
        {
            return 0;
        }

        var space = title.IndexOf(' ', StringComparison.Ordinal);
        var token = space < 0 ? title : title[..space];
        for (var k = 1; k < token.Length; k++)
        {
            if (!char.IsLetter(token[k - 1]))
            {
                return 0;
            }

            if (char.IsLower(token[k - 1]) && char.IsUpper(token[k]))
            {
                var prefix = token[..k];
                var rest = token[k..].TrimEnd(':', ',', ';');
                if (noiseWords.Contains(prefix))
                {
                    return k;
                }

                var whole = token.TrimEnd(':', ',', ';');
                if (!abstractText.Contains(whole, StringComparison.OrdinalIgnoreCase)
                    && abstractText.Contains(rest, StringComparison.OrdinalIgnoreCase))
                {
                    return k;
                }

                return 0;
            }
        }

        return 0;
    }

    private static SourceLocation Loc(string file, TextLine line) => new(file, line.Number);

    /// <summary>An enumerator of lines with a look-ahead over blank lines.</summary>
    private sealed class Lookahead(IEnumerator<TextLine> inner)
    {
        private readonly Queue<TextLine> _ahead = new();

        public TextLine? Next()
        {
            if (_ahead.Count > 0)
            {
                return _ahead.Dequeue();
            }

            return inner.MoveNext() ? inner.Current : null;
        }

        public TextLine? PeekNonBlank()
        {
            foreach (var l in _ahead)
            {
                if (!l.IsBlank)
                {
                    return l;
                }
            }

            while (inner.MoveNext())
            {
                _ahead.Enqueue(inner.Current);
                if (!inner.Current.IsBlank)
                {
                    return inner.Current;
                }
            }

            return null;
        }
    }
}
