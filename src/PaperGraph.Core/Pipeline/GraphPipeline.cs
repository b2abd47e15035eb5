namespace PaperGraph.Core;

/// <summary>Options of one build: which inputs, how to read them, how to extract.</summary>
/// <param name="Inputs">Files or directories (a directory means every corpus file in it, sorted by name).</param>
/// <param name="Format">Force a corpus format (<c>seed</c>, <c>jsonl</c>, <c>arxiv</c>); null detects it from content.</param>
/// <param name="Strict">Stop at the first bad record instead of skipping it.</param>
/// <param name="Parallelism">Extraction worker count; null means every core.</param>
/// <param name="VocabularyDirectory">Vocabulary folder overriding the built-in one; null uses the built-in.</param>
public sealed record BuildOptions(
    IReadOnlyList<string> Inputs,
    string? Format = null,
    bool Strict = false,
    int? Parallelism = null,
    string? VocabularyDirectory = null);

/// <summary>A record that was not turned into a paper, and why.</summary>
public sealed record SkippedRecord(SourceLocation Source, string Reason);

/// <summary>Two or more records with the same normalised title, merged into the first.</summary>
public sealed record DuplicatePaper(string PaperId, string Title, SourceLocation Kept, SourceLocation Merged);

/// <summary>Progress of a build, reported per batch of papers.</summary>
public sealed record BuildProgress(long PapersRead, long BytesRead, long TotalBytes);

/// <summary>What a build produced and what it reported.</summary>
public sealed record BuildResult(
    KnowledgeGraph Graph,
    int PaperCount,
    IReadOnlyList<SkippedRecord> Skipped,
    IReadOnlyList<DuplicatePaper> Duplicates,
    IReadOnlyList<UnresolvedMention> Unresolved,
    IReadOnlyList<string> Rejected,
    TimeSpan Elapsed);

/// <summary>Corpus files in, knowledge graph out: read, extract (in parallel, order kept), merge.</summary>
public static class GraphPipeline
{
    /// <summary>Builds the graph of the given inputs.</summary>
    /// <exception cref="CorpusException">An input cannot be read at all, or a bad record under <c>Strict</c>.</exception>
    public static Task<BuildResult> BuildAsync(BuildOptions options, IProgress<BuildProgress>? progress, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Implemented by the corpus work (issue 2).");
}

/// <summary>Input that cannot be read: names the file, the line or record, and what is wrong.</summary>
public sealed class CorpusException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CorpusException(SourceLocation source, string reason)
        : base($"{source}: {reason}")
    {
        Location = source;
        Reason = reason;
    }

    /// <summary>Creates the exception (serialization-free default).</summary>
    public CorpusException()
        : this(new SourceLocation("", 0), "unknown error")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CorpusException(string message)
        : this(new SourceLocation("", 0), message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public CorpusException(string message, Exception innerException)
        : base(message, innerException)
    {
        Location = new SourceLocation("", 0);
        Reason = message;
    }

    /// <summary>Where.</summary>
    public SourceLocation Location { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }
}
