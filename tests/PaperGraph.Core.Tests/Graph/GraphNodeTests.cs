namespace PaperGraph.Core.Tests;

public sealed class GraphNodeTests
{
    private static Paper NewPaper(string id, string title, int? year, string? url = null, IReadOnlyList<string>? authors = null) =>
        new(id, title, "Text.", year, url, authors ?? [], new SourceLocation("test", 1));

    [Fact]
    public void A_paper_with_a_title_and_a_year_reports_both_as_properties()
    {
        var graph = new KnowledgeGraph();
        var node = graph.AddPaper(NewPaper("paper:1", "A title", 2024));
        var untimed = graph.AddPaper(NewPaper("paper:2", "No year", null));

        Assert.Equal([new("title", "A title"), new("year", (object)2024)], node.Properties.ToList());
        Assert.Equal([new("title", (object)"No year")], untimed.Properties.ToList());
        Assert.Same(node.Name, node.Properties["title"]);
        Assert.Same(node.Properties["year"], graph.AddPaper(NewPaper("paper:3", "Other", 2024)).Properties["year"]);
    }

    [Fact]
    public void Writing_to_a_paper_whose_properties_are_implied_keeps_them()
    {
        var graph = new KnowledgeGraph();
        var node = graph.AddPaper(NewPaper("paper:1", "A title", 2024));

        // The same paper again with a url: merged into the properties it has.
        graph.AddPaper(NewPaper("paper:1", "A title", 1999, "https://example.org/1"));

        Assert.Equal(["title", "url", "year"], node.Properties.Keys);
        Assert.Equal(2024, node.Properties["year"]);
        Assert.Equal("https://example.org/1", node.Properties["url"]);
    }

    [Fact]
    public void Papers_with_authors_a_url_or_an_unusual_year_keep_every_property()
    {
        var graph = new KnowledgeGraph();
        var authored = graph.AddPaper(NewPaper("paper:1", "A", 2024, authors: ["Ada", "Bob"]));
        var linked = graph.AddPaper(NewPaper("paper:2", "B", null, "https://example.org/2"));
        var future = graph.AddPaper(NewPaper("paper:3", "C", 5000));

        Assert.Equal(["authors", "title", "year"], authored.Properties.Keys);
        Assert.Equal(["Ada", "Bob"], (string[])authored.Properties["authors"]!);
        Assert.Equal(["title", "url"], linked.Properties.Keys);
        Assert.Equal(5000, future.Properties["year"]);
    }

    [Fact]
    public void Aliases_are_distinct_and_in_ordinal_order_however_they_arrive()
    {
        var graph = new KnowledgeGraph();
        var node = graph.AddEntity(NodeLabel.Model, "Veltra-V2");
        string[] arriving = ["veltra v2", "Veltra V2", "VELTRA-V2", "Veltra-V2", "a", "Zeta", "veltra v2", "Ä", "b", "A"];
        foreach (var alias in arriving)
        {
            graph.AddAlias(node, alias);
        }

        var expected = arriving.Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, node.Aliases);
        Assert.Equal(expected.Count, node.AliasCount);
        Assert.Equal([node], graph.FindByName("VELTRA V2"));
    }

    [Fact]
    public void Entity_properties_merge_in_key_order_and_the_first_value_of_a_key_wins()
    {
        var graph = new KnowledgeGraph();
        var node = graph.AddEntity(NodeLabel.Model, "Veltra-V2", null, [new("version", "2"), new("family", "Veltra")]);
        graph.AddEntity(NodeLabel.Model, "Veltra-V2", null, [new("parameters", "7B"), new("version", "3"), new("activated", null)]);
        graph.AddEntity(NodeLabel.Model, "Veltra-V2", null, [new("family", "Other"), new("architecture", "MoE")]);

        Assert.Equal(["architecture", "family", "parameters", "version"], node.Properties.Keys);
        Assert.Equal(["MoE", "Veltra", "7B", "2"], node.Properties.Values);

        // Written to through the map afterwards: the properties it had are kept.
        Assert.True(node.MutableProperties.TryAdd("year", 2024));
        Assert.False(node.AddProperty("family", "Again"));
        Assert.True(node.AddProperty("zeta", 1));
        Assert.Equal(["architecture", "family", "parameters", "version", "year", "zeta"], node.Properties.Keys);
        Assert.Equal("Veltra", node.Properties["family"]);
    }
}
