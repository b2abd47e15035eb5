namespace PaperGraph.Core;

/// <summary>
/// Reads one paper's title + abstract and returns its entities and relations with evidence. Thread-safe: one
/// instance serves every extraction worker.
/// </summary>
public sealed class Extractor
{
    /// <summary>Creates an extractor over the built-in vocabulary, or the one in <paramref name="vocabularyDirectory"/>.</summary>
    public static Extractor CreateDefault(string? vocabularyDirectory = null) =>
        throw new NotImplementedException("Implemented by the extraction work (issues 2 and 3).");

    /// <summary>Extracts everything from one paper. Offsets refer to <see cref="Paper.Text"/>.</summary>
    public PaperExtraction Extract(Paper paper) =>
        throw new NotImplementedException("Implemented by the extraction work (issues 2 and 3).");
}
