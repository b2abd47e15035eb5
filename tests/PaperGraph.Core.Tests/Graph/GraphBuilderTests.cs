namespace PaperGraph.Core.Tests;

public sealed class GraphBuilderTests
{
    private static ExtractedEntity Entity(NodeLabel label, string name) => new(label, name, [name], new Dictionary<string, object?>());

    // A paper whose abstract is the given sentences, and the offsets of each in its text.
    private static (Paper Paper, (int Start, int End)[] Sentences) PaperOf(string id, int line, params string[] sentences)
    {
        var paper = new Paper(id, "Title " + id, string.Join(" ", sentences), null, null, [], new SourceLocation("papers.jsonl", line));
        var at = paper.AbstractOffset;
        var bounds = new (int, int)[sentences.Length];
        for (var i = 0; i < sentences.Length; i++)
        {
            bounds[i] = (at, at + sentences[i].Length);
            at += sentences[i].Length + 1;
        }

        return (paper, bounds);
    }

    private static ExtractedRelation Rel(RelType type, EntityRef from, EntityRef to, (int Start, int End) sentence, string rule = "rule.test") =>
        new(type, from, to, new Dictionary<string, object?>(), sentence.Start, sentence.End, sentence.Start, sentence.Start + 4, rule, 0.5);

    [Fact]
    public async Task Merging_papers_and_writing_both_exports_hand_out_no_edge_objects()
    {
        var builder = new GraphBuilder();
        var (first, s1) = PaperOf("paper:p1", 1, "Veltra-2 is new.", "It uses GRPO.");
        var relations = new List<ExtractedRelation>
        {
            Rel(RelType.Introduces, new(NodeLabel.Paper, first.Id), new(NodeLabel.Model, "Veltra-2"), s1[0]),
            Rel(RelType.Uses, new(NodeLabel.Paper, first.Id), new(NodeLabel.Technique, "GRPO"), s1[1]),
        };
        builder.Add(new PaperExtraction(first, [Entity(NodeLabel.Model, "Veltra-2"), Entity(NodeLabel.Technique, "GRPO")], relations, []));
        // The same relations again from the same paper merge into the same edges.
        builder.Add(new PaperExtraction(first, [Entity(NodeLabel.Model, "Veltra-2"), Entity(NodeLabel.Technique, "GRPO")], relations, []));
        var graph = builder.Graph;

        using (var json = new MemoryStream())
        using (var cypher = new MemoryStream())
        {
            await GraphJsonWriter.WriteAsync(graph, json, indented: false, CancellationToken.None);
            await CypherScriptWriter.WriteAsync(graph, cypher, CancellationToken.None);
            Assert.True(json.Length > 0 && cypher.Length > 0);
        }

        Assert.Equal(2, graph.EdgeCount);
        Assert.Equal(2, graph.CountEvidence());
        Assert.False(graph.HasEdgeHandles);

        // Asked for, each edge is one object whichever way it is reached.
        var uses = Assert.Single(graph.Edges, e => e.Type == RelType.Uses);
        Assert.True(graph.HasEdgeHandles);
        Assert.Same(uses, graph.FindEdge(uses.Id));
        Assert.Same(uses, Assert.Single(graph.OutEdges(first.Id), e => e.Type == RelType.Uses));
        Assert.Same(uses, Assert.Single(graph.InEdges("technique:grpo")));
    }

    [Fact]
    public void An_endpoint_extracted_from_an_earlier_paper_is_found_in_the_graph()
    {
        var builder = new GraphBuilder();
        var (first, s1) = PaperOf("paper:p1", 1, "Veltra-2 is new.");
        builder.Add(new PaperExtraction(first, [Entity(NodeLabel.Model, "Veltra-2")],
            [Rel(RelType.Introduces, new(NodeLabel.Paper, first.Id), new(NodeLabel.Model, "Veltra-2"), s1[0])], []));
        var (second, s2) = PaperOf("paper:p2", 2, "Veltra-3 succeeds Veltra-2.", "It uses GRPO.");
        var grpo = Entity(NodeLabel.Technique, "GRPO");

        builder.Add(new PaperExtraction(second, [Entity(NodeLabel.Model, "Veltra-3"), grpo],
        [
            Rel(RelType.Succeeds, new(NodeLabel.Model, "Veltra-3"), new(NodeLabel.Model, "Veltra-2"), s2[0]),
            // A paper endpoint that is not the paper being merged: looked up by its id.
            Rel(RelType.Uses, new(NodeLabel.Paper, first.Id), new(NodeLabel.Technique, "GRPO"), s2[1]),
        ], []));

        Assert.Empty(builder.Rejected);
        var graph = builder.Graph;
        var succeeds = Assert.Single(graph.Edges, e => e.Type == RelType.Succeeds);
        Assert.Equal(("model:veltra-3", "model:veltra-2"), (succeeds.Source, succeeds.Target));
        Assert.Equal("Veltra-3 succeeds Veltra-2.", graph.Sentences.Get(Assert.Single(succeeds.Evidence).SentenceId));
        var uses = Assert.Single(graph.Edges, e => e.Type == RelType.Uses);
        Assert.Equal(("paper:p1", "technique:grpo"), (uses.Source, uses.Target));
        Assert.Equal("paper:p2", Assert.Single(uses.Evidence).Paper);
        Assert.Equal("It uses GRPO.", graph.Sentences.Get(uses.Evidence[0].SentenceId));
        // Ids hashed from the paper's encoded ids: the paper itself, its entities, and endpoints elsewhere.
        var none = new Dictionary<string, object?>();
        Assert.Equal(KnowledgeGraph.EdgeId(RelType.Succeeds, "model:veltra-3", "model:veltra-2", none), succeeds.Id);
        Assert.Equal(KnowledgeGraph.EdgeId(RelType.Uses, "paper:p1", "technique:grpo", none), uses.Id);
        var introduces = Assert.Single(graph.Edges, e => e.Type == RelType.Introduces);
        Assert.Equal(KnowledgeGraph.EdgeId(RelType.Introduces, "paper:p1", "model:veltra-2", none), introduces.Id);
    }

    [Fact]
    public void A_relation_to_a_node_nowhere_in_the_graph_is_rejected_and_its_sentence_not_stored()
    {
        var builder = new GraphBuilder();
        var (paper, s) = PaperOf("paper:p1", 7, "Veltra-3 succeeds Orvex.", "Veltra-3 is new.");

        builder.Add(new PaperExtraction(paper, [Entity(NodeLabel.Model, "Veltra-3")],
        [
            Rel(RelType.Succeeds, new(NodeLabel.Model, "Veltra-3"), new(NodeLabel.Model, "Orvex"), s[0], "succeeds.x"),
            Rel(RelType.Introduces, new(NodeLabel.Paper, paper.Id), new(NodeLabel.Model, "Veltra-3"), s[1]),
            Rel(RelType.Uses, new(NodeLabel.Paper, "paper:unknown"), new(NodeLabel.Model, "Veltra-3"), s[1], "uses.x"),
        ], []));

        Assert.Equal(
        [
            "papers.jsonl:7: SUCCEEDS Veltra-3 -> Orvex: endpoint not extracted as an entity (rule succeeds.x)",
            "papers.jsonl:7: USES paper:unknown -> Veltra-3: endpoint not extracted as an entity (rule uses.x)",
        ], builder.Rejected);
        Assert.Equal(1, builder.Graph.Sentences.Count);
        Assert.Equal("Veltra-3 is new.", builder.Graph.Sentences.Get(0));
        Assert.Single(builder.Graph.Edges);
    }

    [Fact]
    public void Papers_of_every_size_in_turn_get_their_own_nodes_and_sentences()
    {
        // The builder reuses its per-paper arrays: a large paper, then a small one, then a large one again.
        var builder = new GraphBuilder();
        foreach (var (size, number) in new[] { (40, 1), (2, 2), (25, 3) })
        {
            var names = Enumerable.Range(0, size).Select(i => $"Tech{number}x{i}").ToArray();
            var (paper, s) = PaperOf($"paper:p{number}", number, [.. names.Select(n => $"We use {n}.")]);
            builder.Add(new PaperExtraction(paper, [.. names.Select(n => Entity(NodeLabel.Technique, n))],
                [.. names.Select((n, i) => Rel(RelType.Uses, new(NodeLabel.Paper, paper.Id), new(NodeLabel.Technique, n), s[i]))
                    .Concat(names.Select((n, i) => Rel(RelType.Mentions, new(NodeLabel.Paper, paper.Id), new(NodeLabel.Technique, n), s[i])))], []));
        }

        var graph = builder.Graph;
        Assert.Empty(builder.Rejected);
        Assert.Equal(40 + 2 + 25, graph.Sentences.Count);
        Assert.Equal(2 * (40 + 2 + 25), graph.EdgeCount);
        foreach (var edge in graph.Edges)
        {
            var name = graph.FindNode(edge.Target)!.Name;
            var evidence = Assert.Single(edge.Evidence);
            Assert.Equal($"We use {name}.", graph.Sentences.Get(evidence.SentenceId));
            Assert.Equal($"paper:p{name[4]}", edge.Source);
        }
    }
}
