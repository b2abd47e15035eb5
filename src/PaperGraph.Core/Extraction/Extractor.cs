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
        var ctx = Run(paper);

        // The context dies with this call, so each entity hands over its alias list instead of a copy; its properties
        // are a read-only dictionary shared with other entities of the same properties.
        var entities = new List<ExtractedEntity>(ctx.Entities.Count);
        foreach (var e in ctx.Entities.Values)
        {
            entities.Add(new ExtractedEntity(e.Label, e.Name, e.Aliases.HandOver(), e.Properties));
        }

        // The context holds its relations by value: the records are made here, one reference per endpoint shared by
        // the paper's relations (as the rules' references were), in an array of the exact size.
        var found = ctx.Relations;
        var relations = new ExtractedRelation[found.Count];
        var refs = new RefTable();
        for (var i = 0; i < relations.Length; i++)
        {
            var r = found[i];
            relations[i] = new ExtractedRelation(r.Type, refs.Of(r.From), refs.Of(r.To), r.Properties, r.SentenceStart, r.SentenceEnd,
                r.Start, r.End, r.Rule, r.Confidence);
        }

        refs.Clear();

        IReadOnlyList<UnresolvedMention> unresolved = ctx.Unresolved.Count == 0 ? [] : new List<UnresolvedMention>(ctx.Unresolved);
        ctx.Recycle();
        return new PaperExtraction(paper, entities, relations, unresolved);
    }

    /// <summary>
    /// Extracts one paper for the build, prepared for merging (<see cref="PreparedPaper.Prepare(PaperContext, bool)"/>)
    /// straight from the extraction's context: the graph and report are those of <see cref="Extract"/> and
    /// <see cref="GraphBuilder.Add(PaperExtraction)"/>, without the records. With <paramref name="lend"/> the result
    /// is the thread's one prepared paper, which borrows the context: merge it, then <see cref="PreparedPaper.Release"/>
    /// it, before the thread extracts its next paper; otherwise it is a paper of its own, kept as long as needed.
    /// </summary>
    internal PreparedPaper ExtractPrepared(Paper paper, bool lend)
    {
        if (lend)
        {
            // The thread's prepared paper, with the context it borrowed from the last paper given back first.
            var lent = PreparedPaper.Lent;
            lent.Release();
            return PreparedPaper.Prepare(Run(paper), lend: true);
        }

        var ctx = Run(paper);
        var prepared = PreparedPaper.Prepare(ctx, lend: false);
        ctx.Recycle();
        return prepared;
    }

    // Finds the mentions, builds the entities and applies the relation rules: the paper's context, for reading out.
    private PaperContext Run(Paper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        var ctx = new PaperContext(paper, _vocabulary);
        _mentions.Find(ctx);
        EntityBuilder.Build(ctx);
        RelationRules.Apply(ctx);
        return ctx;
    }

    /// <summary>
    /// The references of one paper's endpoints, one per label and name object (a paper has a dozen or so), in the
    /// thread's scratch: cleared when the paper is done, so it keeps no names alive.
    /// </summary>
    private ref struct RefTable
    {
        [ThreadStatic]
        private static EntityRef[]? _scratch;

        private EntityRef[] _refs;
        private int _count;

        public RefTable()
        {
            _refs = _scratch ??= new EntityRef[32];
            _count = 0;
        }

        public EntityRef Of(RelationEnd end)
        {
            var refs = _refs;
            for (var i = 0; i < _count; i++)
            {
                var r = refs[i];
                if (r.Label == end.Label && ReferenceEquals(r.Name, end.Name))
                {
                    return r;
                }
            }

            var made = new EntityRef(end.Label, end.Name);
            if (_count == refs.Length)
            {
                Array.Resize(ref _refs, _count * 2);
                _scratch = _refs;
            }

            _refs[_count++] = made;
            return made;
        }

        public readonly void Clear() => _refs.AsSpan(0, _count).Clear();
    }
}
