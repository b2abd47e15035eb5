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

        var entities = extraction.Entities;
        var nodes = entities.Count == 0 ? [] : new GraphNode[entities.Count];
        for (var i = 0; i < entities.Count; i++)
        {
            var entity = entities[i];
            nodes[i] = Graph.AddEntity(prepared.EntityIds[i], entity.Label, entity.Name, entity.Aliases, entity.Properties);
        }

        var relations = extraction.Relations;
        int[]? sentenceIds = null;
        for (var i = 0; i < relations.Count; i++)
        {
            var rel = relations[i];
            var p = prepared.Relations[i];
            var start = NodeOf(p.StartEntity, p.StartId, paperNode, nodes);
            var end = NodeOf(p.EndEntity, p.EndId, paperNode, nodes);
            if (start is null || end is null)
            {
                Rejected.Add($"{paper.Source}: {Schema.TypeName(rel.Type)} {rel.From.Name} -> {rel.To.Name}: endpoint not extracted as an entity (rule {rel.Rule})");
                continue;
            }

            // A sentence is stored when the first relation that survives the endpoint check cites it.
            if (sentenceIds is null)
            {
                sentenceIds = new int[prepared.SentenceCount];
                Array.Fill(sentenceIds, -1);
            }

            var sentenceId = sentenceIds[p.Sentence];
            if (sentenceId < 0)
            {
                sentenceId = sentenceIds[p.Sentence] = Graph.Sentences.AddUtf8(prepared.Sentence(p.Sentence));
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

    // The node of an endpoint: the paper's or an entity's just added, else whatever the graph has under the id.
    private GraphNode? NodeOf(int entity, string id, GraphNode paperNode, GraphNode[] nodes) => entity switch
    {
        >= 0 => nodes[entity],
        PreparedPaper.ThePaper => paperNode,
        _ => Graph.FindNode(id),
    };
}
