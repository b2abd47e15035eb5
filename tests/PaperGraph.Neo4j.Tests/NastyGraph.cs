using PaperGraph.Core;

namespace PaperGraph.Neo4j.Tests;

/// <summary>A graph whose names try every way to break out of a Cypher string: quotes, backticks, braces, newlines, keywords.</summary>
internal static class NastyGraph
{
    public static readonly string[] Names =
    [
        "O'Brien \"Quoted\" Model",
        "Back`tick`} MATCH (n) DETACH DELETE n //",
        "'}) MERGE (x:Model {id: 'pwned'}) //",
        "Line\nbreak\r\nand\ttab",
        "Back\\slash\\' end\\",
        "RETURN",
        "Déjà-vu 模型 😀 \u2028sep",
        "semi;colon, comma /* not a comment */",
    ];

    public static KnowledgeGraph Build()
    {
        var graph = new KnowledgeGraph();
        var paper = new Paper("paper:nasty-1", "A 'nasty' paper: `}` \n RETURN 1", "We present it.", 2024, "https://example.org/?a=1&b='2'",
            ["Ann O'Neil", "Bo \"B\" Li"], new SourceLocation("nasty.jsonl", 1));
        graph.AddPaper(paper);
        GraphNode? previous = null;
        foreach (var name in Names)
        {
            var node = graph.AddEntity(NodeLabel.Model, name, [name + " alias"], [new("parameters", "7B"), new("weird key`", 1.0)]);
            var sentence = graph.Sentences.Add("Sentence with " + name + ".");
            graph.AddRelationship(RelType.Introduces, paper.Id, node.Id, null, new Evidence(paper.Id, sentence, 0, 5, "rule'x", 0.9));
            if (previous is not null)
            {
                graph.AddRelationship(RelType.DerivedFrom, node.Id, previous.Id, [new("kind", "fine-tuned")], new Evidence(paper.Id, sentence, 1, 2, "lineage", 0.75));
            }

            previous = node;
        }

        var org = graph.AddEntity(NodeLabel.Organization, "Org \"Q\" `x`");
        graph.AddRelationship(RelType.DevelopedBy, previous!.Id, org.Id);
        var bench = graph.AddEntity(NodeLabel.Benchmark, "MATCH");
        graph.AddRelationship(RelType.Achieves, previous.Id, bench.Id, [new("value", 60.0), new("unit", "%")],
            new Evidence(paper.Id, graph.Sentences.Add("60.0% on MATCH"), 3, 9, "score", 1.0));
        var technique = graph.AddEntity(NodeLabel.Technique, "GRPO", ["Group Relative Policy Optimization"], [new("acronym", "GRPO")]);
        var variant = graph.AddEntity(NodeLabel.Technique, "PPO");
        graph.AddRelationship(RelType.VariantOf, technique.Id, variant.Id);
        graph.AddRelationship(RelType.Uses, paper.Id, technique.Id);
        graph.AddRelationship(RelType.Uses, previous.Id, technique.Id);
        return graph;
    }
}
