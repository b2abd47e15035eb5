namespace PaperGraph.Core;

/// <summary>
/// Reads one corpus file as a stream of records: papers, records it had to skip (with why), and lines it ignored on
/// purpose (page noise). Implementations never read a whole file into memory and never throw for a bad record.
/// </summary>
public interface ICorpusReader
{
    /// <summary>The format name (<c>seed</c>, <c>jsonl</c>, <c>arxiv</c>).</summary>
    string Format { get; }

    /// <summary>Reads every record of <paramref name="input"/>, lazily, in file order.</summary>
    /// <param name="input">The file contents.</param>
    /// <param name="fileName">The file name used in locations and messages.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    IEnumerable<CorpusItem> Read(Stream input, string fileName, CancellationToken cancellationToken);
}

/// <summary>What a reader found at one place of a file.</summary>
public enum CorpusItemKind
{
    /// <summary>A paper.</summary>
    Paper,

    /// <summary>A record that could not be read; <see cref="CorpusItem.Reason"/> says why. Fails a strict build.</summary>
    Skipped,

    /// <summary>Text deliberately left out (page noise before the first paper); reported, not an error.</summary>
    Ignored,
}

/// <summary>One record of a corpus file.</summary>
/// <param name="Kind">Paper, skipped record or ignored text.</param>
/// <param name="Source">Where in the file.</param>
/// <param name="Paper">The paper, for <see cref="CorpusItemKind.Paper"/>.</param>
/// <param name="Reason">Why it was skipped or ignored.</param>
public sealed record CorpusItem(CorpusItemKind Kind, SourceLocation Source, Paper? Paper, string? Reason)
{
    /// <summary>A paper record.</summary>
    public static CorpusItem Of(Paper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        return new(CorpusItemKind.Paper, paper.Source, paper, null);
    }

    /// <summary>A record that was skipped, and why.</summary>
    public static CorpusItem Skip(SourceLocation source, string reason) => new(CorpusItemKind.Skipped, source, null, reason);

    /// <summary>Text that was ignored on purpose, and why.</summary>
    public static CorpusItem Ignore(SourceLocation source, string reason) => new(CorpusItemKind.Ignored, source, null, reason);
}
