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
    /// <summary>
    /// The text that evidence offsets refer to: the title, a newline, then the abstract. Allocates on each call.
    /// </summary>
    public string Text => string.Concat(Title, "\n", Abstract);

    /// <summary>Offset of the abstract's first character in <see cref="Text"/>.</summary>
    public int AbstractOffset => Title.Length + 1;
}
