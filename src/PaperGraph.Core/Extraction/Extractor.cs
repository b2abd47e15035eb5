namespace PaperGraph.Core;

/// <summary>
/// Reads one paper's title + abstract and returns its entities and relations with evidence. Thread-safe: one
/// instance serves every extraction worker (the vocabulary is read-only; per-paper state lives in each call).
/// </summary>
public sealed class Extractor
{
    private readonly Vocabulary _vocabulary;
    private readonly MentionFinder _mentions;

    private Extractor(Vocabulary vocabulary)
    {
        _vocabulary = vocabulary;
        _mentions = new MentionFinder(vocabulary, new ModelGrammar(vocabulary));
    }

    /// <summary>Creates an extractor over the built-in vocabulary, or the one in <paramref name="vocabularyDirectory"/>.</summary>
    /// <exception cref="FileNotFoundException">A vocabulary file is missing from the directory.</exception>
    /// <exception cref="InvalidDataException">A vocabulary file is not valid JSON (the message names file and line).</exception>
    public static Extractor CreateDefault(string? vocabularyDirectory = null) => new(Vocabulary.Load(vocabularyDirectory));

    /// <summary>Extracts everything from one paper. Offsets refer to <see cref="Paper.Text"/>.</summary>
    public PaperExtraction Extract(Paper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        var ctx = new PaperContext(paper, _vocabulary);
        _mentions.Find(ctx);
        EntityBuilder.Build(ctx);
        RelationRules.Apply(ctx);

        // The context dies with this call, so each entity hands over its alias list instead of a copy; its properties
        // are a read-only dictionary shared with other entities of the same properties.
        var entities = new List<ExtractedEntity>(ctx.Entities.Count);
        foreach (var e in ctx.Entities.Values)
        {
            entities.Add(new ExtractedEntity(e.Label, e.Name, e.Aliases.HandOver(), e.Properties));
        }

        // A copy of the exact size: the context's list (room for 32, recycled) would be kept by the graph build's queue.
        var relations = new List<ExtractedRelation>(ctx.Relations);
        IReadOnlyList<UnresolvedMention> unresolved = ctx.Unresolved.Count == 0 ? [] : new List<UnresolvedMention>(ctx.Unresolved);
        ctx.Recycle();
        return new PaperExtraction(paper, entities, relations, unresolved);
    }
}
