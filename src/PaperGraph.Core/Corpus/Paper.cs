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
    // The extractor asks for the text and so does the merge of its extraction: it is made once. The cache takes no
    // part in equality (every TextCache equals every other) and is cleared when `with` gives a new title or abstract.
    private TextCache _text;

    /// <summary>The title, whitespace-normalised.</summary>
    public string Title
    {
        get;
        init
        {
            field = value;
            _text = default;
        }
    } = Title;

    /// <summary>The abstract, whitespace-normalised.</summary>
    public string Abstract
    {
        get;
        init
        {
            field = value;
            _text = default;
        }
    } = Abstract;

    /// <summary>
    /// The text that evidence offsets refer to: the title, a newline, then the abstract. Made on first use and kept.
    /// </summary>
    public string Text => _text.Value ??= string.Concat(Title, "\n", Abstract);

    /// <summary>Offset of the abstract's first character in <see cref="Text"/>.</summary>
    public int AbstractOffset => Title.Length + 1;

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

/// <summary>A lazily made value that is no part of its owner's identity: every cache equals every other.</summary>
internal struct TextCache : IEquatable<TextCache>
{
    /// <summary>The cached text, or null until made.</summary>
    public string? Value;

    /// <inheritdoc/>
    public readonly bool Equals(TextCache other) => true;

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is TextCache;

    /// <inheritdoc/>
    public override readonly int GetHashCode() => 0;
}
