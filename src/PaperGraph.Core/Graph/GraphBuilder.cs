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
    public void Add(PaperExtraction extraction)
    {
        ArgumentNullException.ThrowIfNull(extraction);
        var paper = extraction.Paper;
        Graph.AddPaper(paper);
        PaperCount++;

        foreach (var entity in extraction.Entities)
        {
            Graph.AddEntity(entity.Label, entity.Name, entity.Aliases, entity.Properties);
        }

        string? text = null;
        var sentences = new Dictionary<(int, int), int>();
        foreach (var rel in extraction.Relations)
        {
            var start = Graph.FindNode(KnowledgeGraph.IdOf(rel.From));
            var end = Graph.FindNode(KnowledgeGraph.IdOf(rel.To));
            if (start is null || end is null)
            {
                Rejected.Add($"{paper.Source}: {Schema.TypeName(rel.Type)} {rel.From.Name} -> {rel.To.Name}: endpoint not extracted as an entity (rule {rel.Rule})");
                continue;
            }

            text ??= paper.Text;
            var sentenceKey = (rel.SentenceStart, rel.SentenceEnd);
            if (!sentences.TryGetValue(sentenceKey, out var sentenceId))
            {
                var s = Math.Clamp(rel.SentenceStart, 0, text.Length);
                var e = Math.Clamp(rel.SentenceEnd, s, text.Length);
                sentenceId = Graph.Sentences.Add(text.AsSpan(s, e - s));
                sentences.Add(sentenceKey, sentenceId);
            }

            var evidence = new EvidenceData(paper.Id, sentenceId, rel.Start, rel.End, rel.Rule, rel.Confidence);
            try
            {
                Graph.AddRelationship(rel.Type, start, end, rel.Properties, evidence);
            }
            catch (ArgumentException ex)
            {
                Rejected.Add($"{paper.Source}: {ex.Message} (rule {rel.Rule})");
            }
        }
    }
}
