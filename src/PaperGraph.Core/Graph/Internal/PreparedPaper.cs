using System.Text;

namespace PaperGraph.Core;

/// <summary>One relation of a <see cref="PreparedPaper"/>: what merging it needs besides the relation itself.</summary>
/// <param name="IdHash">The edge's id hash (<see cref="KnowledgeGraph.EdgeIdHash(RelType, string, string, IReadOnlyDictionary{string, object})"/>), which also files it for merging.</param>
/// <param name="Properties">The relation's non-null properties in ordinal key order, values shared (<see cref="ValueInterner"/>).</param>
/// <param name="Sentence">The evidence sentence, numbered within the paper.</param>
/// <param name="Tag">The evidence's (rule, confidence) tag.</param>
/// <param name="Start">The start endpoint: <see cref="PreparedPaper.ThePaper"/> for the paper itself, else an index
/// into <see cref="PreparedPaper.Ids"/> (one of the paper's entities below <see cref="PreparedPaper.EntityCount"/>, a
/// node looked up by id from there on).</param>
/// <param name="End">The same for the end endpoint.</param>
internal readonly record struct PreparedRelation(ulong IdHash, KeyValuePair<string, object?>[] Properties, int Sentence, int Tag,
    int Start, int End);

/// <summary>
/// A paper's extraction with everything that does not depend on the graph worked out in advance: node ids, edge id
/// hashes, evidence sentence bounds. Papers are merged by one thread in input order, so whatever can be done per
/// paper is done here, on the extraction workers, and merging is left with lookups and inserts.
/// </summary>
internal sealed class PreparedPaper
{
    /// <summary>An endpoint that is the paper being merged.</summary>
    public const int ThePaper = -1;

    // Up to this many entities, an endpoint is found by comparing with each; beyond, through a dictionary.
    private const int FewEntities = 32;

    // Up to this many distinct sentences, a relation's sentence is found by comparing with each.
    private const int FewSentences = 16;

    private static readonly int[] NoSentences = [];

    // Start and end offset in the paper's text of each sentence.
    private readonly int[] _sentenceBounds;

    private PreparedPaper(PaperExtraction extraction, string[] ids, PreparedRelation[] relations, int[] sentenceBounds)
    {
        Extraction = extraction;
        Ids = ids;
        Relations = relations;
        _sentenceBounds = sentenceBounds;
    }

    /// <summary>The extraction itself.</summary>
    public PaperExtraction Extraction { get; }

    /// <summary>
    /// The node id of each entity, in the extraction's order, then of the endpoints that are none of them (nor the
    /// paper): <see cref="PreparedRelation.Start"/> and <see cref="PreparedRelation.End"/> index it.
    /// </summary>
    public string[] Ids { get; }

    /// <summary>Number of the extraction's entities (the first ids).</summary>
    public int EntityCount => Extraction.Entities.Count;

    /// <summary>One entry per relation, in the extraction's order.</summary>
    public PreparedRelation[] Relations { get; }

    /// <summary>Number of distinct evidence sentences.</summary>
    public int SentenceCount => _sentenceBounds.Length / 2;

    /// <summary>A sentence as <see cref="SentenceStore"/> stores it (cut short when its UTF-8 would not fit).</summary>
    public ReadOnlySpan<char> Sentence(int index)
    {
        var start = _sentenceBounds[2 * index];
        return Extraction.Paper.Text.AsSpan(start, _sentenceBounds[(2 * index) + 1] - start);
    }

    /// <summary>Works out everything a merge of this extraction needs that does not depend on the graph (thread-safe).</summary>
    public static PreparedPaper Prepare(PaperExtraction extraction)
    {
        ArgumentNullException.ThrowIfNull(extraction);
        var entities = extraction.Entities;
        var relations = extraction.Relations;
        var ids = new string[entities.Count];
        for (var i = 0; i < entities.Count; i++)
        {
            var entity = entities[i];
            ids[i] = entity.Label == NodeLabel.Paper ? entity.Name : KnowledgeGraph.EntityId(entity.Label, entity.Name);
        }

        if (relations.Count == 0)
        {
            return new PreparedPaper(extraction, ids, [], NoSentences);
        }

        var prepared = new PreparedRelation[relations.Count];

        // (label, name) -> first entity index, for papers with many entities (others are searched in order).
        Dictionary<(NodeLabel, string), int>? index = null;
        if (entities.Count > FewEntities)
        {
            index = new Dictionary<(NodeLabel, string), int>(entities.Count);
            for (var i = 0; i < entities.Count; i++)
            {
                index.TryAdd((entities[i].Label, entities[i].Name), i);
            }
        }

        var text = extraction.Paper.Text;
        var paperId = extraction.Paper.Id;
        // The paper's evidence sentences, numbered by first use: a paper cites a few, found by comparing with each
        // (in this thread's scratch, four numbers a sentence: the offsets as given, then as stored); a dictionary
        // takes over for papers with many.
        var scratch = _scratch ??= new int[4 * FewSentences];
        Dictionary<(int, int), int>? byKey = null;
        var sentences = 0;
        // Endpoints that are neither the paper nor one of its entities (rare), by id, after the entities' ids.
        List<string>? elsewhere = null;
        // The UTF-8 of the entities' ids and then of the paper's, which the edge id hashes take: a paper's entities are
        // endpoints of several relations each, and are encoded once.
        var idBytes = IdBytes.Of(ids, paperId);
        for (var i = 0; i < relations.Count; i++)
        {
            var rel = relations[i];
            var (start, startId) = Endpoint(rel.From, entities, ids, index, paperId, ref elsewhere);
            var (end, endId) = Endpoint(rel.To, entities, ids, index, paperId, ref elsewhere);
            var sentence = byKey is null ? Find(scratch, sentences, rel.SentenceStart, rel.SentenceEnd) : byKey.GetValueOrDefault((rel.SentenceStart, rel.SentenceEnd), -1);
            if (sentence < 0)
            {
                var s = Math.Clamp(rel.SentenceStart, 0, text.Length);
                var e = Math.Clamp(rel.SentenceEnd, s, text.Length);
                (s, e) = SentenceStore.Bounded(text, s, e);
                sentence = sentences++;
                if (4 * sentences > scratch.Length)
                {
                    Array.Resize(ref scratch, scratch.Length * 2);
                    _scratch = scratch;
                }

                scratch[4 * sentence] = rel.SentenceStart;
                scratch[(4 * sentence) + 1] = rel.SentenceEnd;
                scratch[(4 * sentence) + 2] = s;
                scratch[(4 * sentence) + 3] = e;
                if (byKey is not null)
                {
                    byKey.Add((rel.SentenceStart, rel.SentenceEnd), sentence);
                }
                else if (sentences > FewSentences)
                {
                    byKey = new Dictionary<(int, int), int>(sentences * 2);
                    for (var k = 0; k < sentences; k++)
                    {
                        byKey.Add((scratch[4 * k], scratch[(4 * k) + 1]), k);
                    }
                }
            }

            var properties = SortedProperties(rel.Properties);
            var hash = KnowledgeGraph.EdgeIdHash(rel.Type, idBytes.Of(start, startId), idBytes.Of(end, endId), properties);
            prepared[i] = new PreparedRelation(hash, properties, sentence, EvidenceTags.Of(rel.Rule, rel.Confidence), start, end);
        }

        var bounds = new int[2 * sentences];
        for (var k = 0; k < sentences; k++)
        {
            bounds[2 * k] = scratch[(4 * k) + 2];
            bounds[(2 * k) + 1] = scratch[(4 * k) + 3];
        }

        if (elsewhere is not null)
        {
            var entityCount = ids.Length;
            Array.Resize(ref ids, entityCount + elsewhere.Count);
            elsewhere.CopyTo(ids, entityCount);
        }

        return new PreparedPaper(extraction, ids, prepared, bounds);
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

        public static IdBytes Of(string[] ids, string paperId)
        {
            var ends = _idEnds is { } e && e.Length > ids.Length ? e : _idEnds = new int[Math.Max(2 * ids.Length, 64) + 1];
            var bytes = _idUtf8 ??= new byte[4096];
            var used = 0;
            for (var i = 0; i <= ids.Length; i++)
            {
                var id = i < ids.Length ? ids[i] : paperId;
                if (bytes.Length - used < Encoding.UTF8.GetMaxByteCount(id.Length))
                {
                    Array.Resize(ref bytes, Math.Max(bytes.Length * 2, used + Encoding.UTF8.GetMaxByteCount(id.Length)));
                    _idUtf8 = bytes;
                }

                used += Encoding.UTF8.GetBytes(id, bytes.AsSpan(used));
                ends[i] = used;
            }

            return new IdBytes(bytes.AsSpan(0, used), ends.AsSpan(0, ids.Length + 1));
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

    // The node id of a relation's endpoint and where the merge finds its node: the paper, one of the paper's
    // entities (the first with that label and name, whose id is the same), or elsewhere in the graph by id (listed
    // after the entities).
    private static (int Endpoint, string Id) Endpoint(EntityRef entity, IReadOnlyList<ExtractedEntity> entities, string[] entityIds,
        Dictionary<(NodeLabel, string), int>? index, string paperId, ref List<string>? elsewhere)
    {
        var label = entity.Label;
        var name = entity.Name;
        if (label == NodeLabel.Paper && string.Equals(name, paperId, StringComparison.Ordinal))
        {
            return (ThePaper, name);
        }

        if (label != NodeLabel.Paper)
        {
            if (index is not null)
            {
                if (index.TryGetValue((label, name), out var found))
                {
                    return (found, entityIds[found]);
                }
            }
            else
            {
                for (var i = 0; i < entityIds.Length; i++)
                {
                    var candidate = entities[i];
                    if (candidate.Label == label && string.Equals(candidate.Name, name, StringComparison.Ordinal))
                    {
                        return (i, entityIds[i]);
                    }
                }
            }
        }

        var id = label == NodeLabel.Paper ? name : KnowledgeGraph.EntityId(label, name);
        elsewhere ??= [];
        elsewhere.Add(id);
        return (entityIds.Length + elsewhere.Count - 1, id);
    }
}
