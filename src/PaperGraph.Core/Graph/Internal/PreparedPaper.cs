using System.Text;

namespace PaperGraph.Core;

/// <summary>One relation of a <see cref="PreparedPaper"/>: what merging it needs besides the relation itself.</summary>
/// <param name="StartId">Node id of the start entity.</param>
/// <param name="EndId">Node id of the end entity.</param>
/// <param name="IdHash">The edge's id hash (<see cref="KnowledgeGraph.EdgeIdHash"/>), which also files it for merging.</param>
/// <param name="Sentence">The evidence sentence, numbered within the paper.</param>
/// <param name="Tag">The evidence's (rule, confidence) tag.</param>
/// <param name="Properties">The relation's non-null properties in ordinal key order, values shared (<see cref="ValueInterner"/>).</param>
internal readonly record struct PreparedRelation(string StartId, string EndId, ulong IdHash, int Sentence, int Tag,
    KeyValuePair<string, object?>[] Properties);

/// <summary>
/// A paper's extraction with everything that does not depend on the graph worked out in advance: node ids, edge id
/// hashes, evidence sentences as UTF-8. Papers are merged by one thread in input order, so whatever can be done per
/// paper is done here, on the extraction workers, and merging is left with lookups and inserts.
/// </summary>
internal sealed class PreparedPaper
{
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
        var ids = new Dictionary<(NodeLabel, string), string>(entities.Count);
        var entityIds = new string[entities.Count];
        for (var i = 0; i < entities.Count; i++)
        {
            var entity = entities[i];
            entityIds[i] = IdOf(ids, entity.Label, entity.Name);
        }

        var prepared = new PreparedRelation[relations.Count];
        if (relations.Count == 0)
        {
            return new PreparedPaper(extraction, entityIds, prepared, [], [0]);
        }

        var text = extraction.Paper.Text;
        var sentences = new Dictionary<(int, int), int>();
        var bounds = new List<(int Start, int End)>();
        var bytes = 0;
        for (var i = 0; i < relations.Count; i++)
        {
            var rel = relations[i];
            var startId = IdOf(ids, rel.From.Label, rel.From.Name);
            var endId = IdOf(ids, rel.To.Label, rel.To.Name);
            var key = (rel.SentenceStart, rel.SentenceEnd);
            if (!sentences.TryGetValue(key, out var sentence))
            {
                var s = Math.Clamp(rel.SentenceStart, 0, text.Length);
                var e = Math.Clamp(rel.SentenceEnd, s, text.Length);
                (s, e) = SentenceStore.Bounded(text, s, e);
                sentence = bounds.Count;
                bounds.Add((s, e));
                bytes += Encoding.UTF8.GetByteCount(text.AsSpan(s, e - s));
                sentences.Add(key, sentence);
            }

            prepared[i] = new PreparedRelation(startId, endId,
                KnowledgeGraph.EdgeIdHash(rel.Type, startId, endId, rel.Properties), sentence,
                EvidenceTags.Of(rel.Rule, rel.Confidence), SortedProperties(rel.Properties));
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

    /// <summary>The non-null properties in ordinal key order, as a new edge's property map holds them.</summary>
    internal static KeyValuePair<string, object?>[] SortedProperties(IReadOnlyDictionary<string, object?> properties)
    {
        var count = 0;
        foreach (var (_, value) in properties)
        {
            if (value is not null)
            {
                count++;
            }
        }

        if (count == 0)
        {
            return [];
        }

        var pairs = new KeyValuePair<string, object?>[count];
        var n = 0;
        foreach (var (key, value) in properties)
        {
            if (value is not null)
            {
                pairs[n++] = new(key, ValueInterner.Intern(value));
            }
        }

        if (n > 1)
        {
            Array.Sort(pairs, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        }

        return pairs;
    }

    private static string IdOf(Dictionary<(NodeLabel, string), string> ids, NodeLabel label, string name)
    {
        if (label == NodeLabel.Paper)
        {
            return name;
        }

        if (!ids.TryGetValue((label, name), out var id))
        {
            id = KnowledgeGraph.EntityId(label, name);
            ids.Add((label, name), id);
        }

        return id;
    }
}
