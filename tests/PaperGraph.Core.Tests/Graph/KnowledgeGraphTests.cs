namespace PaperGraph.Core.Tests;

public sealed class KnowledgeGraphTests
{
    private static KnowledgeGraph GraphWithModels(params string[] names)
    {
        var graph = new KnowledgeGraph();
        foreach (var name in names)
        {
            graph.AddEntity(NodeLabel.Model, name);
        }

        return graph;
    }

    private static Evidence Ev(string paper, int start) => new(paper, 0, start, start + 5, "rule.test", 0.9);

    [Fact]
    public void Edges_without_properties_stay_empty_when_another_edge_gets_properties()
    {
        var graph = GraphWithModels("Veltra-V2", "Veltra-V1", "Orvix-V3");
        var plain = graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1");
        var derived = graph.AddRelationship(RelType.DerivedFrom, "model:orvix-v3", "model:veltra-v2",
            [new("kind", "distilled")]);

        Assert.Empty(plain.Properties);
        Assert.Equal("distilled", derived.Properties["kind"]);
    }

    [Fact]
    public void Edges_merge_by_type_endpoints_and_key_properties()
    {
        var graph = GraphWithModels("Veltra-V2", "Veltra-V1");
        var a = graph.AddRelationship(RelType.DerivedFrom, "model:veltra-v2", "model:veltra-v1", [new("kind", "fine-tuned")], Ev("p1", 0));
        var b = graph.AddRelationship(RelType.DerivedFrom, "model:veltra-v2", "model:veltra-v1", [new("kind", "fine-tuned")], Ev("p2", 0));
        var c = graph.AddRelationship(RelType.DerivedFrom, "model:veltra-v2", "model:veltra-v1", [new("kind", "distilled")], Ev("p3", 0));

        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.Equal(2, graph.EdgeCount);
        Assert.Equal(["p1", "p2"], a.Evidence.Select(e => e.Paper));
    }

    [Fact]
    public void Repeated_evidence_of_the_newest_paper_is_not_added_to_an_edge_seen_in_many_papers()
    {
        var graph = GraphWithModels("Veltra-V2", "Veltra-V1");
        GraphEdge? edge = null;
        for (var p = 0; p < 200; p++)
        {
            edge = graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", null, Ev($"p{p}", 3));
        }

        graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", null, Ev("p199", 3));
        graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1", null, Ev("p199", 40));

        Assert.Equal(201, edge!.Evidence.Count);
        Assert.Equal(40, edge.Evidence[^1].Start);
    }

    [Fact]
    public void Edge_id_is_the_hash_of_type_endpoints_and_key_properties()
    {
        var graph = GraphWithModels("Veltra-V2", "Veltra-V1");
        var edge = graph.AddRelationship(RelType.DerivedFrom, "model:veltra-v2", "model:veltra-v1", [new("kind", "fine-tuned")]);

        var expected = "rel:" + KnowledgeGraph.ShortHash("DERIVED_FROM|model:veltra-v2|model:veltra-v1|kind=fine-tuned", 16);
        Assert.Equal(expected, edge.Id);
        Assert.Same(edge, graph.FindEdge(expected));
    }

    [Fact]
    public void Find_edge_sees_edges_added_after_an_earlier_lookup()
    {
        var graph = GraphWithModels("Veltra-V2", "Veltra-V1", "Orvix-V3");
        var first = graph.AddRelationship(RelType.Succeeds, "model:veltra-v2", "model:veltra-v1");
        Assert.Same(first, graph.FindEdge(first.Id));

        var second = graph.AddRelationship(RelType.Succeeds, "model:orvix-v3", "model:veltra-v2");
        Assert.Same(second, graph.FindEdge(second.Id));
        Assert.Null(graph.FindEdge("rel:0000000000000000"));
    }

    [Fact]
    public void Names_shared_by_two_nodes_find_both_and_a_label_filter_picks_one()
    {
        var graph = new KnowledgeGraph();
        graph.AddEntity(NodeLabel.Benchmark, "MATH");
        graph.AddEntity(NodeLabel.Technique, "Math");

        Assert.Equal(2, graph.FindByName("math").Count);
        Assert.Equal(NodeLabel.Benchmark, Assert.Single(graph.FindByName("MATH", NodeLabel.Benchmark)).Label);
        Assert.Equal(2, graph.AliasIndex.Single(kv => kv.Key == "math").Value.Count);
    }
}
