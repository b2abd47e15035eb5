using System.Text;

namespace PaperGraph.Core;

/// <summary>One relation of a <see cref="PreparedPaper"/>: what merging it needs besides the relation itself.</summary>
/// <param name="StartId">Node id of the start entity.</param>
/// <param name="EndId">Node id of the end entity.</param>
/// <param name="IdHash">The edge's id hash (<see cref="KnowledgeGraph.EdgeIdHash"/>), which also files it for merging.</param>
/// <param name="Sentence">The evidence sentence, numbered within the paper.</param>
/// <param name="Tag">The evidence's (rule, confidence) tag.</param>
/// <param name="Properties">The relation's non-null properties in ordinal key order, values shared (<see cref="ValueInterner"/>).</param>
/// <param name="StartEntity">Index of the start entity among the paper's entities; <see cref="PreparedPaper.ThePaper"/> for the
/// paper itself; <see cref="PreparedPaper.Elsewhere"/> when the node must be looked up by id.</param>
/// <param name="EndEntity">The same for the end entity.</param>
internal readonly record struct PreparedRelation(string StartId, string EndId, ulong IdHash, int Sentence, int Tag,
    KeyValuePair<string, object?>[] Properties, int StartEntity, int EndEntity);

/// <summary>
/// A paper's extraction with everything that does not depend on the graph worked out in advance: node ids, edge id
/// hashes, evidence sentences as UTF-8. Papers are merged by one thread in input order, so whatever can be done per
/// paper is done here, on the extraction workers, and merging is left with lookups and inserts.
/// </summary>
internal sealed class PreparedPaper
{
    /// <summary>An endpoint that is the paper being merged.</summary>
    public const int ThePaper = -1;

    /// <summary>An endpoint that is neither the paper nor one of its entities (looked up by id when merged).</summary>
    public const int Elsewhere = -2;

    // Up to this many entities, an endpoint is found by comparing with each; beyond, through a dictionary.
    private const int FewEntities = 32;

    // Up to this many distinct sentences, a relation's sentence is found by comparing with each.
    private const int FewSentences = 16;

    private readonly byte[] _sentenceBytes;
    private readonly int[] _sentenceStarts;

    private PreparedPaper(PaperExtraction extraction, string[] entityIds, PreparedRelation[] relations, byte[] sentenceBytes, int[] sentenceStarts)
    {
        Extraction = extraction;
        EntityIds = entityIds;
        Relations = relations;
        _sentenceBytes = sentenceBytes;
        _sentenceStarts = sentenceStarts;
    }

    /// <summary>The extraction itself.</summary>
    public PaperExtraction Extraction { get; }

    /// <summary>The node id of each entity, in the extraction's order.</summary>
    public string[] EntityIds { get; }

    /// <summary>One entry per relation, in the extraction's order.</summary>
    public PreparedRelation[] Relations { get; }

    /// <summary>Number of distinct evidence sentences.</summary>
    public int SentenceCount => _sentenceStarts.Length - 1;

    /// <summary>The UTF-8 bytes of a sentence, as <see cref="SentenceStore"/> stores them.</summary>
    public ReadOnlySpan<byte> Sentence(int index) =>
        _sentenceBytes.AsSpan(_sentenceStarts[index], _sentenceStarts[index + 1] - _sentenceStarts[index]);

    /// <summary>Works out everything a merge of this extraction needs that does not depend on the graph (thread-safe).</summary>
    public static PreparedPaper Prepare(PaperExtraction extraction)
    {
        ArgumentNullException.ThrowIfNull(extraction);
        var entities = extraction.Entities;
        var relations = extraction.Relations;
        var entityIds = new string[entities.Count];
        for (var i = 0; i < entities.Count; i++)
        {
            var entity = entities[i];
            entityIds[i] = entity.Label == NodeLabel.Paper ? entity.Name : KnowledgeGraph.EntityId(entity.Label, entity.Name);
        }

        var prepared = new PreparedRelation[relations.Count];
        if (relations.Count == 0)
        {
            return new PreparedPaper(extraction, entityIds, prepared, [], [0]);
        }

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
        // The paper's evidence sentences, numbered by first use: a paper cites a few, found by comparing with each;
        // a dictionary takes over for papers with many.
        var keys = new List<(int, int)>();
        Dictionary<(int, int), int>? byKey = null;
        var bounds = new List<(int Start, int End)>();
        var bytes = 0;
        for (var i = 0; i < relations.Count; i++)
        {
            var rel = relations[i];
            var (startEntity, startId) = Endpoint(rel.From, entities, entityIds, index, paperId);
            var (endEntity, endId) = Endpoint(rel.To, entities, entityIds, index, paperId);
            var key = (rel.SentenceStart, rel.SentenceEnd);
            var sentence = byKey is null ? keys.IndexOf(key) : byKey.GetValueOrDefault(key, -1);
            if (sentence < 0)
            {
                var s = Math.Clamp(rel.SentenceStart, 0, text.Length);
                var e = Math.Clamp(rel.SentenceEnd, s, text.Length);
                (s, e) = SentenceStore.Bounded(text, s, e);
                sentence = bounds.Count;
                bounds.Add((s, e));
                bytes += Encoding.UTF8.GetByteCount(text.AsSpan(s, e - s));
                keys.Add(key);
                if (byKey is not null)
                {
                    byKey.Add(key, sentence);
                }
                else if (keys.Count > FewSentences)
                {
                    byKey = new Dictionary<(int, int), int>(keys.Count * 2);
                    for (var k = 0; k < keys.Count; k++)
                    {
                        byKey.Add(keys[k], k);
                    }
                }
            }

            prepared[i] = new PreparedRelation(startId, endId,
                KnowledgeGraph.EdgeIdHash(rel.Type, startId, endId, rel.Properties), sentence,
                EvidenceTags.Of(rel.Rule, rel.Confidence), SortedProperties(rel.Properties), startEntity, endEntity);
        }

        var buffer = new byte[bytes];
        var starts = new int[bounds.Count + 1];
        var at = 0;
        for (var i = 0; i < bounds.Count; i++)
        {
            starts[i] = at;
            var (s, e) = bounds[i];
            at += Encoding.UTF8.GetBytes(text.AsSpan(s, e - s), buffer.AsSpan(at));
        }

        starts[^1] = at;
        return new PreparedPaper(extraction, entityIds, prepared, buffer, starts);
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
        // the interface.
        return properties is Dictionary<string, object?> map
            ? NonNullSortedByKey(map.GetEnumerator(), map.GetEnumerator())
            : NonNullSortedByKey(properties.GetEnumerator(), properties.GetEnumerator());
    }

    private static KeyValuePair<string, object?>[] NonNullSortedByKey<TEnumerator>(TEnumerator counting, TEnumerator filling)
        where TEnumerator : IEnumerator<KeyValuePair<string, object?>>
    {
        var count = 0;
        while (counting.MoveNext())
        {
            if (counting.Current.Value is not null)
            {
                count++;
            }
        }

        counting.Dispose();
        if (count == 0)
        {
            filling.Dispose();
            return [];
        }

        var pairs = new KeyValuePair<string, object?>[count];
        var n = 0;
        while (filling.MoveNext())
        {
            var (key, value) = filling.Current;
            if (value is not null)
            {
                pairs[n++] = new(key, ValueInterner.Intern(value));
            }
        }

        filling.Dispose();

        // Insertion sort, cheap for a handful of keys; they are distinct, so the order is the one Array.Sort gives.
        for (var i = 1; i < n; i++)
        {
            var item = pairs[i];
            var at = i - 1;
            while (at >= 0 && string.CompareOrdinal(pairs[at].Key, item.Key) > 0)
            {
                pairs[at + 1] = pairs[at];
                at--;
            }

            pairs[at + 1] = item;
        }

        return PropertyArrayInterner.Intern(pairs);
    }

    // The node id of a relation's endpoint and where the merge finds its node: the paper, one of the paper's
    // entities (the first with that label and name, whose id is the same), or elsewhere in the graph.
    private static (int Entity, string Id) Endpoint(EntityRef entity, IReadOnlyList<ExtractedEntity> entities, string[] entityIds,
        Dictionary<(NodeLabel, string), int>? index, string paperId)
    {
        var label = entity.Label;
        var name = entity.Name;
        if (label == NodeLabel.Paper)
        {
            return (string.Equals(name, paperId, StringComparison.Ordinal) ? ThePaper : Elsewhere, name);
        }

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

        return (Elsewhere, KnowledgeGraph.EntityId(label, name));
    }
}
