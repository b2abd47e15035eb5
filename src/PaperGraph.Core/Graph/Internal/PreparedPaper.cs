using System.Runtime.InteropServices;
using System.Text;

namespace PaperGraph.Core;

/// <summary>One relation of a <see cref="PreparedPaper"/>: the relation and what merging it needs besides.</summary>
/// <param name="IdHash">The edge's id hash (<see cref="KnowledgeGraph.EdgeIdHash(RelType, string, string, IReadOnlyDictionary{string, object})"/>), which also files it for merging.</param>
/// <param name="Properties">The relation's non-null properties in ordinal key order, values shared (<see cref="ValueInterner"/>).</param>
/// <param name="Sentence">The evidence sentence, numbered within the paper.</param>
/// <param name="Tag">The evidence's (rule, confidence) tag.</param>
/// <param name="Start">The start endpoint: <see cref="PreparedPaper.ThePaper"/> for the paper itself, else an index
/// into <see cref="PreparedPaper.Entities"/> below <see cref="PreparedPaper.EntityCount"/>, a node looked up by id
/// (<see cref="PreparedPaper.OtherId"/>) from there on.</param>
/// <param name="End">The same for the end endpoint.</param>
internal readonly record struct PreparedRelation(ulong IdHash, KeyValuePair<string, object?>[] Properties, int Sentence, int Tag,
    int Start, int End)
{
    /// <summary>The relation's type.</summary>
    public RelType Type { get; init; }

    /// <summary>Start offset of the evidence span in the paper's text.</summary>
    public int EvidenceStart { get; init; }

    /// <summary>End offset (exclusive) of the evidence span.</summary>
    public int EvidenceEnd { get; init; }

    /// <summary>The relation's properties as extracted.</summary>
    public IReadOnlyDictionary<string, object?> Given { get; init; } = NoProperties;

    /// <summary>Id of the rule that found it.</summary>
    public string Rule { get; init; } = "";

    /// <summary>0..1.</summary>
    public double Confidence { get; init; }

    private static readonly IReadOnlyDictionary<string, object?> NoProperties = new Dictionary<string, object?>();
}

/// <summary>One entity of a <see cref="PreparedPaper"/>, with its node id.</summary>
/// <param name="Id">Its node id.</param>
/// <param name="Label">Its label.</param>
/// <param name="Name">Its canonical name.</param>
/// <param name="Aliases">Surface forms seen in the paper.</param>
/// <param name="Properties">Parsed properties.</param>
internal readonly record struct PreparedEntity(string Id, NodeLabel Label, string Name, IReadOnlyList<string> Aliases,
    IReadOnlyDictionary<string, object?> Properties);

/// <summary>
/// A paper's extraction with everything that does not depend on the graph worked out in advance: node ids, edge id
/// hashes, evidence sentence bounds. Papers are merged by one thread in input order, so whatever can be done per
/// paper is done here, on the extraction workers, and merging is left with lookups and inserts.
/// </summary>
/// <remarks>
/// Made from a <see cref="PaperExtraction"/> (<see cref="GraphBuilder.Add(PaperExtraction)"/>, any extraction
/// function), or by the build with the built-in extractor straight from the paper's extraction context, which holds
/// its relations by value: the ~15 relation and ~9 entity records a paper, their references, lists and the
/// extraction object are then not made. A one-thread build goes further: its papers are merged one by one as they
/// are extracted, so one prepared paper per thread serves them all, its arrays reused, and it borrows the context's
/// alias lists and unresolved mentions until it is released (<see cref="Lent"/>). Together: 876 -> 537 MB allocated
/// by the one-thread graph phase of 100k synthetic abstracts (~3.4 KB a paper).
/// </remarks>
internal sealed class PreparedPaper
{
    /// <summary>An endpoint that is the paper being merged.</summary>
    public const int ThePaper = -1;

    // Up to this many entities, an endpoint is found by comparing with each; beyond, through a dictionary.
    private const int FewEntities = 32;

    // Up to this many distinct sentences, a relation's sentence is found by comparing with each.
    private const int FewSentences = 16;

    private static readonly IReadOnlyList<UnresolvedMention> NoUnresolved = [];

    [ThreadStatic]
    private static PreparedPaper? _lent;

    // A lent paper's arrays are the thread's, reused and sized by doubling; another's are of its exact sizes.
    private readonly bool _reused;

    private PreparedEntity[] _entities = [];
    private PreparedRelation[] _relations = [];

    // Start and end offset in the paper's text of each sentence.
    private int[] _sentenceBounds = [];

    // Endpoints that are neither the paper nor one of its entities (rare): id and name, numbered after the entities.
    private List<(string Id, string Name)>? _elsewhere;

    // The extraction context whose lists a lent paper reads, given back on release.
    private PaperContext? _lender;

    private PreparedPaper(bool reused) => _reused = reused;

    /// <summary>
    /// The calling thread's prepared paper for one-by-one merging; filled by <see cref="Prepare(PaperContext, bool)"/>
    /// with <c>lend</c>, valid until <see cref="Release"/> or the thread's next paper.
    /// </summary>
    public static PreparedPaper Lent => _lent ??= new PreparedPaper(reused: true);

    /// <summary>The paper.</summary>
    public Paper Paper { get; private set; } = null!;

    /// <summary>The paper's entities, in the extraction's order (<see cref="PreparedRelation.Start"/> and <see cref="PreparedRelation.End"/> index them).</summary>
    public ReadOnlySpan<PreparedEntity> Entities => _entities.AsSpan(0, EntityCount);

    /// <summary>Number of the paper's entities.</summary>
    public int EntityCount { get; private set; }

    /// <summary>One entry per relation, in the extraction's order.</summary>
    public ReadOnlySpan<PreparedRelation> Relations => _relations.AsSpan(0, RelationCount);

    /// <summary>Number of relations.</summary>
    public int RelationCount { get; private set; }

    /// <summary>Number of distinct evidence sentences.</summary>
    public int SentenceCount { get; private set; }

    /// <summary>The mentions left unresolved, in the extraction's order.</summary>
    public IReadOnlyList<UnresolvedMention> Unresolved { get; private set; } = NoUnresolved;

    /// <summary>A sentence as <see cref="SentenceStore"/> stores it (cut short when its UTF-8 would not fit).</summary>
    public ReadOnlySpan<char> Sentence(int index)
    {
        var start = _sentenceBounds[2 * index];
        return Paper.Text.AsSpan(start, _sentenceBounds[(2 * index) + 1] - start);
    }

    /// <summary>The node id of an endpoint numbered from <see cref="EntityCount"/> on (a node elsewhere in the graph).</summary>
    public string OtherId(int endpoint) => _elsewhere![endpoint - EntityCount].Id;

    /// <summary>The name the relation gave an endpoint (the paper's id for the paper).</summary>
    public string NameOf(int endpoint) =>
        endpoint == ThePaper ? Paper.Id : endpoint < EntityCount ? _entities[endpoint].Name : _elsewhere![endpoint - EntityCount].Name;

    /// <summary>Gives a lent paper's context back for the thread's next paper (nothing for any other paper).</summary>
    public void Release()
    {
        if (_lender is { } ctx)
        {
            _lender = null;
            ctx.Recycle();
        }
    }

    /// <summary>Works out everything a merge of this extraction needs that does not depend on the graph (thread-safe).</summary>
    public static PreparedPaper Prepare(PaperExtraction extraction)
    {
        ArgumentNullException.ThrowIfNull(extraction);
        var prepared = new PreparedPaper(reused: false);
        var entities = extraction.Entities;
        var into = prepared.Start(extraction.Paper, entities.Count);
        for (var i = 0; i < entities.Count; i++)
        {
            var entity = entities[i];
            var id = entity.Label == NodeLabel.Paper ? entity.Name : KnowledgeGraph.EntityId(entity.Label, entity.Name);
            into[i] = new PreparedEntity(id, entity.Label, entity.Name, entity.Aliases, entity.Properties);
        }

        var relations = extraction.Relations;
        var preparer = new Preparer(prepared, relations.Count);
        for (var i = 0; i < relations.Count; i++)
        {
            var r = relations[i];
            preparer.Add(i, r.Type, r.From.Label, r.From.Name, r.To.Label, r.To.Name, r.Properties, r.SentenceStart, r.SentenceEnd,
                r.Start, r.End, r.Rule, r.Confidence);
        }

        preparer.Finish();
        prepared.Unresolved = extraction.Unresolved;
        return prepared;
    }

    /// <summary>
    /// <see cref="Prepare(PaperExtraction)"/> of what <see cref="Extractor.Extract"/> would make of
    /// <paramref name="ctx"/>, read from the context itself. With <paramref name="lend"/>, the thread's
    /// <see cref="Lent"/> paper, which reads the context's alias lists and unresolved mentions and recycles the context
    /// when released; otherwise a paper of its own (the caller recycles the context).
    /// </summary>
    internal static PreparedPaper Prepare(PaperContext ctx, bool lend)
    {
        var prepared = lend ? Lent : new PreparedPaper(reused: false);
        var into = prepared.Start(ctx.Paper, ctx.Entities.Count);
        var n = 0;
        foreach (var e in ctx.Entities.Values)
        {
            var id = e.Label == NodeLabel.Paper ? e.Name : KnowledgeGraph.EntityId(e.Label, e.Name);
            into[n++] = new PreparedEntity(id, e.Label, e.Name, lend ? e.Aliases.Lent : e.Aliases.HandOver(), e.Properties);
        }

        var relations = CollectionsMarshal.AsSpan(ctx.Relations);
        var preparer = new Preparer(prepared, relations.Length);
        for (var i = 0; i < relations.Length; i++)
        {
            ref readonly var r = ref relations[i];
            preparer.Add(i, r.Type, r.From.Label, r.From.Name, r.To.Label, r.To.Name, r.Properties, r.SentenceStart, r.SentenceEnd,
                r.Start, r.End, r.Rule, r.Confidence);
        }

        preparer.Finish();
        if (lend)
        {
            prepared.Unresolved = ctx.Unresolved;
            prepared._lender = ctx;
        }
        else
        {
            prepared.Unresolved = ctx.Unresolved.Count == 0 ? NoUnresolved : new List<UnresolvedMention>(ctx.Unresolved);
        }

        return prepared;
    }

    // Starts the paper over: its entity array, of room for count, to be filled by the caller.
    private Span<PreparedEntity> Start(Paper paper, int entityCount)
    {
        Paper = paper;
        EntityCount = entityCount;
        RelationCount = 0;
        SentenceCount = 0;
        _elsewhere?.Clear();
        return Room(ref _entities, entityCount).AsSpan(0, entityCount);
    }

    // An array of room for count: a reused one grown by doubling (its old entries are overwritten before they are
    // read), another of exactly count.
    private T[] Room<T>(ref T[] array, int count)
    {
        if (_reused ? array.Length < count : array.Length != count)
        {
            array = count == 0 ? [] : new T[_reused ? Math.Max(count, array.Length * 2) : count];
        }

        return array;
    }

    /// <summary>The relations of one paper being prepared, one by one.</summary>
    private ref struct Preparer
    {
        private readonly PreparedPaper _paper;
        private readonly ReadOnlySpan<PreparedEntity> _entities;
        private readonly Span<PreparedRelation> _into;
        private readonly string _text;
        private readonly string _paperId;

        // (label, name) -> first entity index, for papers with many entities (others are searched in order).
        private readonly Dictionary<(NodeLabel, string), int>? _index;

        // The UTF-8 of the entities' ids and then of the paper's, which the edge id hashes take: a paper's entities
        // are endpoints of several relations each, and are encoded once.
        private readonly IdBytes _idBytes;

        // The paper's evidence sentences, numbered by first use: a paper cites a few, found by comparing with each (in
        // this thread's scratch, four numbers a sentence: the offsets as given, then as stored); a dictionary takes
        // over for papers with many.
        private int[] _scratch;
        private Dictionary<(int, int), int>? _byKey;
        private int _sentences;

        public Preparer(PreparedPaper paper, int relationCount)
        {
            _paper = paper;
            _entities = paper.Entities;
            _into = paper.Room(ref paper._relations, relationCount).AsSpan(0, relationCount);
            paper.RelationCount = relationCount;
            _text = paper.Paper.Text;
            _paperId = paper.Paper.Id;
            _index = null;
            if (_entities.Length > FewEntities && relationCount > 0)
            {
                _index = new Dictionary<(NodeLabel, string), int>(_entities.Length);
                for (var i = 0; i < _entities.Length; i++)
                {
                    _index.TryAdd((_entities[i].Label, _entities[i].Name), i);
                }
            }

            _idBytes = relationCount == 0 ? default : IdBytes.Of(_entities, _paperId);
            _scratch = PreparedPaper._scratch ??= new int[4 * FewSentences];
            _byKey = null;
            _sentences = 0;
        }

        /// <summary>Prepares relation number <paramref name="i"/>.</summary>
        public void Add(int i, RelType type, NodeLabel fromLabel, string fromName, NodeLabel toLabel, string toName,
            IReadOnlyDictionary<string, object?> given, int sentenceStart, int sentenceEnd, int start, int end, string rule, double confidence)
        {
            var (from, fromId) = Endpoint(fromLabel, fromName);
            var (to, toId) = Endpoint(toLabel, toName);
            var sentence = _byKey is null ? Find(_scratch, _sentences, sentenceStart, sentenceEnd) : _byKey.GetValueOrDefault((sentenceStart, sentenceEnd), -1);
            if (sentence < 0)
            {
                sentence = NewSentence(sentenceStart, sentenceEnd);
            }

            var properties = SortedProperties(given);
            var hash = KnowledgeGraph.EdgeIdHash(type, _idBytes.Of(from, fromId), _idBytes.Of(to, toId), properties);
            _into[i] = new PreparedRelation(hash, properties, sentence, EvidenceTags.Of(rule, confidence), from, to)
            {
                Type = type,
                EvidenceStart = start,
                EvidenceEnd = end,
                Given = given,
                Rule = rule,
                Confidence = confidence,
            };
        }

        /// <summary>Writes out the sentences' bounds once every relation is in.</summary>
        public readonly void Finish()
        {
            var paper = _paper;
            var bounds = paper.Room(ref paper._sentenceBounds, 2 * _sentences);
            for (var k = 0; k < _sentences; k++)
            {
                bounds[2 * k] = _scratch[(4 * k) + 2];
                bounds[(2 * k) + 1] = _scratch[(4 * k) + 3];
            }

            paper.SentenceCount = _sentences;
        }

        private int NewSentence(int sentenceStart, int sentenceEnd)
        {
            var s = Math.Clamp(sentenceStart, 0, _text.Length);
            var e = Math.Clamp(sentenceEnd, s, _text.Length);
            (s, e) = SentenceStore.Bounded(_text, s, e);
            var sentence = _sentences++;
            if (4 * _sentences > _scratch.Length)
            {
                Array.Resize(ref _scratch, _scratch.Length * 2);
                PreparedPaper._scratch = _scratch;
            }

            _scratch[4 * sentence] = sentenceStart;
            _scratch[(4 * sentence) + 1] = sentenceEnd;
            _scratch[(4 * sentence) + 2] = s;
            _scratch[(4 * sentence) + 3] = e;
            if (_byKey is not null)
            {
                _byKey.Add((sentenceStart, sentenceEnd), sentence);
            }
            else if (_sentences > FewSentences)
            {
                _byKey = new Dictionary<(int, int), int>(_sentences * 2);
                for (var k = 0; k < _sentences; k++)
                {
                    _byKey.Add((_scratch[4 * k], _scratch[(4 * k) + 1]), k);
                }
            }

            return sentence;
        }

        // The node id of a relation's endpoint and where the merge finds its node: the paper, one of the paper's
        // entities (the first with that label and name, whose id is the same), or elsewhere in the graph by id (listed
        // after the entities).
        private readonly (int Endpoint, string Id) Endpoint(NodeLabel label, string name)
        {
            if (label == NodeLabel.Paper && string.Equals(name, _paperId, StringComparison.Ordinal))
            {
                return (ThePaper, name);
            }

            if (label != NodeLabel.Paper)
            {
                if (_index is not null)
                {
                    if (_index.TryGetValue((label, name), out var found))
                    {
                        return (found, _entities[found].Id);
                    }
                }
                else
                {
                    for (var i = 0; i < _entities.Length; i++)
                    {
                        ref readonly var candidate = ref _entities[i];
                        if (candidate.Label == label && string.Equals(candidate.Name, name, StringComparison.Ordinal))
                        {
                            return (i, candidate.Id);
                        }
                    }
                }
            }

            var id = label == NodeLabel.Paper ? name : KnowledgeGraph.EntityId(label, name);
            var elsewhere = _paper._elsewhere ??= [];
            elsewhere.Add((id, name));
            return (_entities.Length + elsewhere.Count - 1, id);
        }
    }

    [ThreadStatic]
    private static int[]? _scratch;

    /// <summary>
    /// The UTF-8 of a paper's entity ids and of its own id, one after the other in this thread's scratch (valid until
    /// the thread prepares its next paper).
    /// </summary>
    private readonly ref struct IdBytes
    {
        private readonly ReadOnlySpan<byte> _bytes;
        private readonly ReadOnlySpan<int> _ends;

        private IdBytes(ReadOnlySpan<byte> bytes, ReadOnlySpan<int> ends)
        {
            _bytes = bytes;
            _ends = ends;
        }

        public static IdBytes Of(ReadOnlySpan<PreparedEntity> entities, string paperId)
        {
            var ends = _idEnds is { } e && e.Length > entities.Length ? e : _idEnds = new int[Math.Max(2 * entities.Length, 64) + 1];
            var bytes = _idUtf8 ??= new byte[4096];
            var used = 0;
            for (var i = 0; i <= entities.Length; i++)
            {
                var id = i < entities.Length ? entities[i].Id : paperId;
                if (bytes.Length - used < Encoding.UTF8.GetMaxByteCount(id.Length))
                {
                    Array.Resize(ref bytes, Math.Max(bytes.Length * 2, used + Encoding.UTF8.GetMaxByteCount(id.Length)));
                    _idUtf8 = bytes;
                }

                used += Encoding.UTF8.GetBytes(id, bytes.AsSpan(used));
                ends[i] = used;
            }

            return new IdBytes(bytes.AsSpan(0, used), ends.AsSpan(0, entities.Length + 1));
        }

        /// <summary>
        /// The UTF-8 of an endpoint: the paper's, an entity's, or (for one elsewhere in the graph, which is rare)
        /// its id encoded anew.
        /// </summary>
        public ReadOnlySpan<byte> Of(int endpoint, string id)
        {
            // The paper's bytes come after the entities'; endpoints numbered from the entity count on are elsewhere.
            var entityCount = _ends.Length - 1;
            var at = endpoint == ThePaper ? entityCount : endpoint;
            if ((uint)at > (uint)entityCount || (at == entityCount && endpoint != ThePaper))
            {
                return Encoding.UTF8.GetBytes(id);
            }

            var start = at == 0 ? 0 : _ends[at - 1];
            return _bytes[start.._ends[at]];
        }
    }

    [ThreadStatic]
    private static byte[]? _idUtf8;

    [ThreadStatic]
    private static int[]? _idEnds;

    // The number of the sentence with these offsets among the first ones in the scratch, or -1.
    private static int Find(int[] scratch, int count, int start, int end)
    {
        for (var k = 0; k < count; k++)
        {
            if (scratch[4 * k] == start && scratch[(4 * k) + 1] == end)
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>
    /// The non-null properties in ordinal key order, as a new edge's property map holds them; the array may be shared
    /// (<see cref="PropertyArrayInterner"/>), so it is never written to.
    /// </summary>
    internal static KeyValuePair<string, object?>[] SortedProperties(IReadOnlyDictionary<string, object?> properties)
    {
        // Most relations have no properties; the rest a few. Every relation of every paper comes through here, so the
        // usual dictionary is walked with its own enumerator and sorted by insertion.
        if (properties.Count == 0)
        {
            return [];
        }

        // A Dictionary's struct enumerator, passed as a type argument, is walked without boxing; other maps through
        // the interface, once (the count bounds the non-null pairs, so the scratch is sized before the walk).
        return properties is Dictionary<string, object?> map
            ? NonNullSortedByKey(map.GetEnumerator(), map.Count)
            : NonNullSortedByKey(properties.GetEnumerator(), properties.Count);
    }

    private static KeyValuePair<string, object?>[] NonNullSortedByKey<TEnumerator>(TEnumerator pairsOf, int count)
        where TEnumerator : IEnumerator<KeyValuePair<string, object?>>
    {
        // Built in this thread's scratch: most sets were seen before, and the interner hands back the shared array.
        var pairs = _pairs is { } scratch && scratch.Length >= count ? scratch : _pairs = new KeyValuePair<string, object?>[Math.Max(count, 8)];
        var n = 0;
        while (pairsOf.MoveNext())
        {
            var (key, value) = pairsOf.Current;
            if (value is not null)
            {
                if (n == pairs.Length)
                {
                    // A map whose count fell short of its pairs (not one of ours): room for the rest.
                    Array.Resize(ref pairs, n * 2);
                    _pairs = pairs;
                }

                pairs[n++] = new(key, value);
            }
        }

        pairsOf.Dispose();
        if (n == 0)
        {
            return [];
        }

        // Most sets come back as the same objects: then the array made for them before is the answer.
        var given = pairs.AsSpan(0, n);
        if (GivenPropertyCache.Find(given, out var slot) is { } known)
        {
            given.Clear();
            return known;
        }

        // Filed under the pairs as given, before their values are swapped for the shared ones.
        var remembered = slot < 0 ? null : _given ??= new KeyValuePair<string, object?>[GivenPropertyCache.MaxPairs];
        if (remembered is not null)
        {
            given.CopyTo(remembered);
        }

        for (var i = 0; i < n; i++)
        {
            pairs[i] = new(pairs[i].Key, ValueInterner.Intern(pairs[i].Value!));
        }

        PropertyDictionary.SortByKey(pairs.AsSpan(0, n));

        var shared = PropertyArrayInterner.Intern(pairs.AsSpan(0, n));
        if (remembered is not null)
        {
            GivenPropertyCache.Remember(slot, remembered.AsSpan(0, n), shared);
            remembered.AsSpan(0, n).Clear();
        }

        // The scratch keeps no values alive.
        pairs.AsSpan(0, n).Clear();
        return shared;
    }

    [ThreadStatic]
    private static KeyValuePair<string, object?>[]? _pairs;

    // The pairs of a set being made, as given, until the cache has filed them.
    [ThreadStatic]
    private static KeyValuePair<string, object?>[]? _given;
}
