namespace PaperGraph.Core;

/// <summary>
/// Merges per-paper extractions into a <see cref="KnowledgeGraph"/>, in the order given, so the same input always
/// gives the same graph. Each evidence sentence is stored once per paper.
/// </summary>
public sealed class GraphBuilder
{
    /// <summary>Creates a builder over a new, empty graph.</summary>
    public GraphBuilder()
        : this(new KnowledgeGraph())
    {
    }

    /// <summary>Creates a builder that adds to an existing graph.</summary>
    public GraphBuilder(KnowledgeGraph graph) => Graph = graph;

    /// <summary>The graph being built.</summary>
    public KnowledgeGraph Graph { get; }

    /// <summary>Number of papers added.</summary>
    public int PaperCount { get; private set; }

    /// <summary>Relations dropped because an endpoint was missing or the schema does not allow them, with why.</summary>
    public List<string> Rejected { get; } = [];

    /// <summary>Adds one paper and everything extracted from it.</summary>
    public void Add(PaperExtraction extraction) => Add(PreparedPaper.Prepare(extraction));

    /// <summary>Adds one paper whose per-paper work was done in advance (on an extraction worker).</summary>
    internal void Add(PreparedPaper prepared)
    {
        var extraction = prepared.Extraction;
        var paper = extraction.Paper;
        var paperNode = Graph.AddPaper(paper);
        PaperCount++;

        // Per-paper working arrays are the builder's, reused from paper to paper.
        var entities = extraction.Entities;
        var nodes = Room(ref _nodes, entities.Count);
        for (var i = 0; i < entities.Count; i++)
        {
            var entity = entities[i];
            nodes[i] = Graph.AddEntity(prepared.Ids[i], entity.Label, entity.Name, entity.Aliases, entity.Properties);
        }

        var relations = extraction.Relations;
        Graph.PrepareToMerge(prepared.Relations);
        var sentenceIds = Room(ref _sentenceIds, prepared.SentenceCount);
        sentenceIds.AsSpan(0, prepared.SentenceCount).Fill(-1);
        for (var i = 0; i < relations.Count; i++)
        {
            var rel = relations[i];
            var p = prepared.Relations[i];
            var start = NodeOf(p.Start, prepared, paperNode, nodes);
            var end = NodeOf(p.End, prepared, paperNode, nodes);
            if (start is null || end is null)
            {
                Rejected.Add($"{paper.Source}: {Schema.TypeName(rel.Type)} {rel.From.Name} -> {rel.To.Name}: endpoint not extracted as an entity (rule {rel.Rule})");
                continue;
            }

            // A sentence is stored when the first relation that survives the endpoint check cites it.
            var sentenceId = sentenceIds[p.Sentence];
            if (sentenceId < 0)
            {
                sentenceId = sentenceIds[p.Sentence] = Graph.Sentences.Add(prepared.Sentence(p.Sentence));
            }

            var evidence = new EvidenceData(paper.Id, sentenceId, rel.Start, rel.End, rel.Rule, rel.Confidence);
            try
            {
                Graph.AddRelationship(rel.Type, start, end, rel.Properties, p.IdHash, p.Properties, evidence, p.Tag);
            }
            catch (ArgumentException ex)
            {
                Rejected.Add($"{paper.Source}: {ex.Message} (rule {rel.Rule})");
            }
        }
    }

    private GraphNode[] _nodes = [];
    private int[] _sentenceIds = [];

    private static T[] Room<T>(ref T[] array, int count)
    {
        if (array.Length < count)
        {
            array = new T[Math.Max(count, array.Length * 2)];
        }

        return array;
    }

    // The node of an endpoint: the paper's or an entity's just added, else whatever the graph has under the id.
    private GraphNode? NodeOf(int endpoint, PreparedPaper prepared, GraphNode paperNode, GraphNode[] nodes) =>
        endpoint == PreparedPaper.ThePaper ? paperNode
        : endpoint < prepared.EntityCount ? nodes[endpoint]
        : Graph.FindNode(prepared.Ids[endpoint]);
}
