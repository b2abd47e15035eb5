namespace PaperGraph.Core.Tests;

/// <summary>Small graphs whose names try every way to break out of a Cypher string or a CSV cell.</summary>
internal static class ExportFixtures
{
    public static readonly string[] NastyNames =
    [
        "O'Brien \"Quoted\" Model",
        "Back`tick`} MATCH (n) DETACH DELETE n //",
        "Line\nbreak\r\nand\ttab",
        "Back\\slash\\' end",
        "RETURN",
        "Déjà-vu 模型 😀",
        "semi;colon, comma",
    ];

    public static KnowledgeGraph Nasty()
    {
        var graph = new KnowledgeGraph();
        var paper = new Paper("paper:nasty-1", "A 'nasty' paper: `}` \n RETURN 1", "We present it.", 2024, "https://example.org/?a=1&b='2'", ["Ann O'Neil", "Bo \"B\" Li"], new SourceLocation("nasty.jsonl", 1));
        graph.AddPaper(paper);
        GraphNode? previous = null;
        foreach (var name in NastyNames)
        {
            var node = graph.AddEntity(NodeLabel.Model, name, [name + " alias", "x;y"], [new("parameters", "7B"), new("weird key`", 1.0), new("size", 3L)]);
            var sentence = graph.Sentences.Add("Sentence with " + name + " and ; semicolon.");
            graph.AddRelationship(RelType.Introduces, paper.Id, node.Id, null, new Evidence(paper.Id, sentence, 0, 5, "rule'x", 0.9));
            if (previous is not null)
            {
                graph.AddRelationship(RelType.DerivedFrom, node.Id, previous.Id, [new("kind", "fine-tuned")],
                    new Evidence(paper.Id, sentence, 1, 2, "lineage", 0.75));
            }

            previous = node;
        }

        var org = graph.AddEntity(NodeLabel.Organization, "Org \"Q\"");
        graph.AddRelationship(RelType.DevelopedBy, previous!.Id, org.Id);
        var bench = graph.AddEntity(NodeLabel.Benchmark, "MATH");
        graph.AddRelationship(RelType.Achieves, previous.Id, bench.Id, [new("value", 60.0), new("unit", "%")],
            new Evidence(paper.Id, graph.Sentences.Add("60.0% on MATH"), 3, 9, "score", 1.0));
        var technique = graph.AddEntity(NodeLabel.Technique, "GRPO", ["Group Relative Policy Optimization"], [new("acronym", "GRPO")]);
        graph.AddRelationship(RelType.Uses, paper.Id, technique.Id);
        graph.AddRelationship(RelType.Uses, previous.Id, technique.Id);
        return graph;
    }

    /// <summary>Adds an edge whose evidence sentence, rule and confidence need every kind of escaping.</summary>
    public static void AddNastyEvidence(KnowledgeGraph graph)
    {
        var sentence = graph.Sentences.Add("Tab\there, \"quoted\", <html> & 'single', back\\slash, Déjà 😀 \u2028 \u007f \u0001.");
        graph.AddRelationship(RelType.Introduces, "paper:nasty-1", KnowledgeGraph.EntityId(NodeLabel.Model, NastyNames[3]), null,
            new Evidence("paper:nasty-1", sentence, 0, 3, "r\"x'y", 0.123456789));
        graph.AddRelationship(RelType.Introduces, "paper:nasty-1", KnowledgeGraph.EntityId(NodeLabel.Model, NastyNames[0]), null,
            new Evidence("paper:nasty-1", graph.Sentences.Add("Plain ASCII sentence."), 4, 9, "plain", 1e-7));
        var ascii = graph.Sentences.Add("ASCII only:\nnew line, \"quotes\", 'apostrophe', back\\slash, tab\t, bell\u0007, del\u007f, <&>+`.");
        graph.AddRelationship(RelType.Introduces, "paper:nasty-1", KnowledgeGraph.EntityId(NodeLabel.Model, NastyNames[1]), null,
            new Evidence("paper:nasty-1", ascii, 5, 9, "plain", 0.5));
    }
}
