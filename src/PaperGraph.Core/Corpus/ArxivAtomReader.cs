using System.Globalization;
using System.Xml;

namespace PaperGraph.Core;

/// <summary>
/// Reads the Atom feed of the arXiv query API (<c>export.arxiv.org/api/query</c>), streaming with an
/// <see cref="XmlReader"/>: one paper per <c>&lt;entry&gt;</c>, the arXiv id from <c>&lt;id&gt;</c>
/// (<c>http://arxiv.org/abs/2401.02954v2</c> gives <c>arxiv:2401.02954</c>), the year from <c>&lt;published&gt;</c>,
/// authors from <c>&lt;author&gt;&lt;name&gt;</c>, title and summary whitespace-normalised. Records are located by
/// the line of their <c>&lt;entry&gt;</c> tag.
/// </summary>
public sealed class ArxivAtomReader : ICorpusReader
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";

    /// <inheritdoc/>
    public string Format => "arxiv";

    /// <inheritdoc/>
    public IEnumerable<CorpusItem> Read(Stream input, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(fileName);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };

        using var xml = XmlReader.Create(input, settings);
        var lineInfo = (IXmlLineInfo)xml;
        var entries = 0;
        var sawFeed = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            CorpusItem? item = null;
            string? fatal = null;
            long fatalLine = 0;
            bool more;
            try
            {
                more = xml.Read();
                if (more && xml.NodeType == XmlNodeType.Element)
                {
                    if (xml.Depth == 0)
                    {
                        sawFeed = xml.LocalName == "feed" && xml.NamespaceURI == AtomNs;
                        if (!sawFeed)
                        {
                            fatal = $"not an Atom feed: the root element is <{xml.Name}>";
                            fatalLine = lineInfo.LineNumber;
                        }
                    }
                    else if (xml.LocalName == "entry" && xml.NamespaceURI == AtomNs)
                    {
                        entries++;
                        var line = lineInfo.LineNumber;
                        using var sub = xml.ReadSubtree();
                        item = ReadEntry(sub, new SourceLocation(fileName, line));
                    }
                }
            }
            catch (XmlException ex)
            {
                fatal = $"malformed XML: {ex.Message} (the rest of the file is skipped)";
                fatalLine = ex.LineNumber;
                more = false;
            }

            if (item is not null)
            {
                yield return item;
            }

            if (fatal is not null)
            {
                yield return CorpusItem.Skip(new SourceLocation(fileName, fatalLine), fatal);
                yield break;
            }

            if (!more)
            {
                break;
            }
        }

        if (entries == 0 && sawFeed)
        {
            yield return CorpusItem.Skip(new SourceLocation(fileName, 0), "the feed has no <entry>");
        }
    }

    private static CorpusItem ReadEntry(XmlReader entry, SourceLocation source)
    {
        string? id = null, title = null, summary = null, published = null, url = null;
        var authors = new List<string>();
        entry.Read();
        entry.Read();

        // ReadElementContentAsString and Skip leave the reader on the next node already: no Read() after them.
        while (!entry.EOF)
        {
            if (entry.NodeType != XmlNodeType.Element || entry.Depth != 1 || entry.NamespaceURI != AtomNs)
            {
                if (entry.NodeType == XmlNodeType.Element)
                {
                    entry.Skip();
                }
                else
                {
                    entry.Read();
                }

                continue;
            }

            switch (entry.LocalName)
            {
                case "id":
                    id = entry.ReadElementContentAsString();
                    break;
                case "title":
                    title = entry.ReadElementContentAsString();
                    break;
                case "summary":
                    summary = entry.ReadElementContentAsString();
                    break;
                case "published":
                    published = entry.ReadElementContentAsString();
                    break;
                case "link":
                    if (entry.GetAttribute("rel") is null or "alternate" && entry.GetAttribute("type") is null or "text/html")
                    {
                        url ??= entry.GetAttribute("href");
                    }

                    entry.Skip();
                    break;
                case "author":
                    using (var author = entry.ReadSubtree())
                    {
                        while (author.Read())
                        {
                            if (author.NodeType == XmlNodeType.Element && author.LocalName == "name")
                            {
                                var name = CorpusText.Normalize(author.ReadElementContentAsString());
                                if (name.Length > 0)
                                {
                                    authors.Add(name);
                                }
                            }
                        }
                    }

                    entry.Read();
                    break;
                default:
                    entry.Skip();
                    break;
            }
        }

        // The API reports a bad query as a feed with one entry whose id points at api/errors.
        if (id is not null && id.Contains("/api/errors", StringComparison.Ordinal))
        {
            return CorpusItem.Skip(source, $"arXiv API error entry: {CorpusText.Excerpt(summary ?? title ?? id, 200)}");
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            return CorpusItem.Skip(source, "<entry> has no <title>");
        }

        if (string.IsNullOrWhiteSpace(summary))
        {
            return CorpusItem.Skip(source, $"<entry> \"{CorpusText.Excerpt(title)}\" has no <summary> (abstract)");
        }

        int? year = null;
        if (published is not null && DateTimeOffset.TryParse(published.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            year = date.Year;
        }

        string? arxivId = PaperIds.TryParseArxiv(id, out var parsed) ? parsed : null;
        return CorpusItem.Of(CorpusText.CreatePaper(title, summary, arxivId, year, url ?? id?.Trim(), authors, source));
    }
}
