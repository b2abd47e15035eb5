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
        var paper = prepared.Paper;
        var paperNode = Graph.AddPaper(paper);
        PaperCount++;

        // Per-paper working arrays are the builder's, reused from paper to paper.
        var entities = prepared.Entities;
        var nodes = Room(ref _nodes, entities.Length);
        for (var i = 0; i < entities.Length; i++)
        {
            ref readonly var entity = ref entities[i];
            nodes[i] = Graph.AddEntity(entity.Id, entity.Label, entity.Name, entity.Aliases, entity.Properties);
        }

        var relations = prepared.Relations;
        Graph.PrepareToMerge(relations);
        var sentenceIds = Room(ref _sentenceIds, prepared.SentenceCount);
        sentenceIds.AsSpan(0, prepared.SentenceCount).Fill(-1);
        for (var i = 0; i < relations.Length; i++)
        {
            ref readonly var rel = ref relations[i];
            var start = NodeOf(rel.Start, prepared, paperNode, nodes);
            var end = NodeOf(rel.End, prepared, paperNode, nodes);
            if (start is null || end is null)
            {
                Rejected.Add($"{paper.Source}: {Schema.TypeName(rel.Type)} {prepared.NameOf(rel.Start)} -> {prepared.NameOf(rel.End)}: endpoint not extracted as an entity (rule {rel.Rule})");
                continue;
            }

            // A sentence is stored when the first relation that survives the endpoint check cites it.
            var sentenceId = sentenceIds[rel.Sentence];
            if (sentenceId < 0)
            {
                sentenceId = sentenceIds[rel.Sentence] = Graph.Sentences.Add(prepared.Sentence(rel.Sentence));
            }

            var evidence = new EvidenceData(paper.Id, sentenceId, rel.EvidenceStart, rel.EvidenceEnd, rel.Rule, rel.Confidence);
            try
            {
                Graph.AddRelationship(rel.Type, start, end, rel.Given, rel.IdHash, rel.Properties, evidence, rel.Tag);
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
        : Graph.FindNode(prepared.OtherId(endpoint));
}
