namespace PaperGraph.Core.Tests;

public sealed class EdgeTableTests
{
    private static readonly IReadOnlyDictionary<string, object?> NoProperties = new Dictionary<string, object?>();

    private static GraphNode Model(string name) => new("model:" + name, NodeLabel.Model, name);

    [Fact]
    public void Edges_whose_hashes_share_their_slot_bits_are_each_found_by_their_own_hash()
    {
        var table = new EdgeTable();
        var edges = new List<GraphEdge>();
        // Same top bits (same home slot), low bits equal or different: the probe must tell them apart whatever the
        // hash bits kept in the slot say.
        for (var i = 0; i < 300; i++)
        {
            var hash = (0xABCDUL << 48) | ((ulong)(uint)(i % 7) << 20) | (ulong)(uint)(i % 3);
            var edge = new GraphEdge(RelType.ComparedWith, Model("a" + i), Model("b" + i), hash);
            table.Add(edge, index: true);
            edges.Add(edge);
        }

        foreach (var edge in edges)
        {
            Assert.Same(edge, table.Find(edge.StoredHash, edge.Type, edge.Source, edge.Target, NoProperties));
        }

        Assert.Null(table.Find((0xABCDUL << 48) | 1, RelType.ComparedWith, "model:a1", "model:b2", NoProperties));
        Assert.Null(table.Find(12345, RelType.ComparedWith, "model:a1", "model:b1", NoProperties));
    }

    [Fact]
    public void Built_edges_after_many_restored_ones_are_found_and_numbered_in_order()
    {
        var table = new EdgeTable();
        for (var i = 0; i < 5000; i++)
        {
            table.Add(new GraphEdge("rel:" + i, RelType.Uses, Model("r" + i), Model("s" + i)), index: false);
        }

        var built = new List<GraphEdge>();
        for (var i = 0; i < 3000; i++)
        {
            var hash = (ulong)(uint)i * 0x9E3779B97F4A7C15UL;
            var edge = new GraphEdge(RelType.Uses, Model("x" + i), Model("y" + i), hash);
            table.Add(edge, index: true);
            built.Add(edge);
            if (i % 500 == 0)
            {
                Assert.Same(built[i / 2], table.Find(built[i / 2].StoredHash, RelType.Uses, built[i / 2].Source, built[i / 2].Target, NoProperties));
            }
        }

        Assert.Equal(8000, table.Count);
        for (var i = 0; i < built.Count; i++)
        {
            Assert.Same(built[i], table[5000 + i]);
            Assert.Same(built[i], table.Find(built[i].StoredHash, RelType.Uses, built[i].Source, built[i].Target, NoProperties));
        }

        table.ReleaseIndex();
        Assert.Same(built[7], table.Find(built[7].StoredHash, RelType.Uses, built[7].Source, built[7].Target, NoProperties));
    }

    [Fact]
    public void Touch_reads_the_slots_where_lookups_of_those_hashes_start()
    {
        var table = new EdgeTable();
        var filed = new GraphEdge(RelType.Uses, Model("a"), Model("b"), 0x8000_0000_0000_0000UL);
        PreparedRelation Relation(ulong hash) => new(hash, [], 0, 0, 0, 0);

        Assert.Equal(0, table.Touch([Relation(filed.StoredHash)]));
        table.Add(filed, index: true);

        // The home slot of the filed hash holds its entry; an empty part of the table reads as nothing.
        Assert.NotEqual(0, table.Touch([Relation(filed.StoredHash)]));
        Assert.Equal(0, table.Touch([Relation(0x1000_0000_0000_0000UL)]));
        table.ReleaseIndex();
        Assert.Equal(0, table.Touch([Relation(filed.StoredHash)]));
        Assert.Same(filed, table.Find(filed.StoredHash, RelType.Uses, "model:a", "model:b", NoProperties));
    }
}
