namespace PaperGraph.Core.Tests;

public sealed class NodeAliasesTests
{
    [Fact]
    public void One_or_two_aliases_come_back_in_enumeration_order()
    {
        var graph = new KnowledgeGraph();
        var none = graph.AddEntity(NodeLabel.Technique, "b");
        var two = graph.AddEntity(NodeLabel.Model, "Zeta", ["alpha"]);
        var three = graph.AddEntity(NodeLabel.Model, "Omega", ["beta", "Alpha"]);
        foreach (var node in new[] { none, two })
        {
            Assert.True(NodeAliases.TryGetFew(node.Aliases, out var first, out var second));
            Assert.Equal(node.Aliases.ToList(), new[] { first, second }.OfType<string>().ToList());
        }

        Assert.False(NodeAliases.TryGetFew(three.Aliases, out _, out _));
        Assert.True(NodeAliases.TryGetFew(Array.Empty<string>(), out var a, out var b));
        Assert.Null(a);
        Assert.Null(b);
        Assert.True(NodeAliases.TryGetFew(new[] { "y", "x" }, out a, out b));
        Assert.Equal(("y", "x"), (a, b));
    }
}
