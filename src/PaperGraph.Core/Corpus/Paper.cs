namespace PaperGraph.Core;

/// <summary>Where a record came from, for error messages and reports.</summary>
/// <param name="File">The input file path as given.</param>
/// <param name="Line">1-based line (or record number where the format has no lines); 0 for the file as a whole.</param>
public sealed record SourceLocation(string File, long Line)
{
    /// <inheritdoc/>
    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}

/// <summary>One paper read from a corpus: title + abstract and what metadata the source had.</summary>
/// <param name="Id">Stable id: <c>arxiv:2401.02954</c> when the arXiv id is known, else a title slug plus a short content hash.</param>
/// <param name="Title">The title, whitespace-normalised.</param>
/// <param name="Abstract">The abstract, whitespace-normalised.</param>
/// <param name="Year">Publication year, when known.</param>
/// <param name="Url">Link to the paper, when known.</param>
/// <param name="Authors">Authors in source order; empty when unknown.</param>
/// <param name="Source">Where the record was read.</param>
public sealed record Paper(
    string Id,
    string Title,
    string Abstract,
    int? Year,
    string? Url,
    IReadOnlyList<string> Authors,
    SourceLocation Source)
{
    // The extractor asks for the text and so does the merge of its extraction: it is made once (or given by a reader)
    // and cleared when `with` gives a new title or abstract. Equality is over the positional members, never this.
    private string? _text;

    // Null for a paper read as one text (the readers' constructor) until asked for: a build never asks, and the
    // abstract is most of a paper's characters. Equality compares the property, never this field.
    private string? _abstract = Abstract;

    /// <summary>
    /// A paper read as one text, <paramref name="title"/> then a newline then the abstract; its abstract is made from
    /// the text when asked for.
    /// </summary>
    internal Paper(string id, string title, int? year, string? url, IReadOnlyList<string> authors, SourceLocation source, string text)
        : this(id, title, null!, year, url, authors, source)
    {
        _text = text;
        TextIsReaders = true;
    }

    /// <summary>
    /// True for a paper a reader made from one text of its own (the readers' constructor): the text is referenced by
    /// nothing else, so a build that drops the paper after its merge may hand the string on (<see cref="TextPool"/>).
    /// </summary>
    internal bool TextIsReaders { get; }

    /// <summary>The title, whitespace-normalised.</summary>
    public string Title
    {
        get;
        init
        {
            // The abstract may still be only in the text, which a new title makes stale: it is taken out first.
            _abstract ??= AbstractOfText();
            field = value;
            _text = null;
        }
    } = Title;

    /// <summary>The abstract, whitespace-normalised.</summary>
    public string Abstract
    {
        get => _abstract ??= AbstractOfText()!;
        init
        {
            _abstract = value;
            _text = null;
        }
    }

    // The abstract of a paper read as one text (null for a paper made with a null abstract).
    private string? AbstractOfText() => _text?[(Title.Length + 1)..];

    /// <summary>
    /// The text that evidence offsets refer to: the title, a newline, then the abstract. Made on first use and kept.
    /// </summary>
    public string Text => _text ??= string.Concat(Title, "\n", Abstract);

    /// <summary>Offset of the abstract's first character in <see cref="Text"/>.</summary>
    public int AbstractOffset => Title.Length + 1;

    /// <summary>Equal when every positional member is (lists by reference, as the record compared them).</summary>
    public bool Equals(Paper? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && string.Equals(Id, other.Id, StringComparison.Ordinal)
            && string.Equals(Title, other.Title, StringComparison.Ordinal)
            && string.Equals(Abstract, other.Abstract, StringComparison.Ordinal)
            && Year == other.Year
            && string.Equals(Url, other.Url, StringComparison.Ordinal)
            && EqualityComparer<IReadOnlyList<string>>.Default.Equals(Authors, other.Authors)
            && EqualityComparer<SourceLocation>.Default.Equals(Source, other.Source));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Title, Abstract, Year, Url, Authors, Source);

    // Members in positional order, as the record printed them before Title and Abstract were written out (the
    // compiler would list them after the others).
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id)
            .Append(", Title = ").Append(Title)
            .Append(", Abstract = ").Append(Abstract)
            .Append(", Year = ").Append(Year)
            .Append(", Url = ").Append(Url)
            .Append(", Authors = ").Append(Authors)
            .Append(", Source = ").Append(Source)
            .Append(", Text = ").Append(Text)
            .Append(", AbstractOffset = ").Append(AbstractOffset);
        return true;
    }
}
