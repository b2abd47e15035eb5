namespace PaperGraph.Core.Tests;

public sealed class EdgeTableTests
{
    private static readonly IReadOnlyDictionary<string, object?> NoProperties = new Dictionary<string, object?>();

    // A node numbered in the table's side data, as a graph numbers its nodes.
    private static GraphNode Model(EdgeTable table, string name) =>
        new("model:" + name, NodeLabel.Model, name, table.Sides.AddNode("model:" + name));

    private static int AddBuilt(EdgeTable table, RelType type, string start, string end, ulong hash) =>
        table.Add(new EdgeData(type, Model(table, start), Model(table, end), hash, 0), index: true);

    private static int AddRestored(EdgeTable table, string id, RelType type, string start, string end) =>
        table.Add(new EdgeData(type, Model(table, start), Model(table, end), 0, table.Sides.AddExtra(new EdgeExtra { RestoredId = id })), index: false);

    [Fact]
    public void Edges_whose_hashes_share_their_slot_bits_are_each_found_by_their_own_hash()
    {
        var table = new EdgeTable();
        var hashes = new List<ulong>();
        // Same top bits (same home slot), low bits equal or different: the probe must tell them apart whatever the
        // hash bits kept in the slot say.
        for (var i = 0; i < 300; i++)
        {
            var hash = (0xABCDUL << 48) | ((ulong)(uint)(i % 7) << 20) | (ulong)(uint)(i % 3);
            Assert.Equal(i, AddBuilt(table, RelType.ComparedWith, "a" + i, "b" + i, hash));
            hashes.Add(hash);
        }

        for (var i = 0; i < hashes.Count; i++)
        {
            Assert.Equal(i, table.Find(hashes[i], RelType.ComparedWith, "model:a" + i, "model:b" + i, NoProperties));
            Assert.Equal(hashes[i], table.DataAt(i).StoredHash);
        }

        Assert.Equal(-1, table.Find((0xABCDUL << 48) | 1, RelType.ComparedWith, "model:a1", "model:b2", NoProperties));
        Assert.Equal(-1, table.Find(12345, RelType.ComparedWith, "model:a1", "model:b1", NoProperties));
    }

    [Fact]
    public void Built_edges_after_many_restored_ones_are_found_and_numbered_in_order()
    {
        var table = new EdgeTable();
        for (var i = 0; i < 5000; i++)
        {
            AddRestored(table, "rel:" + i, RelType.Uses, "r" + i, "s" + i);
        }

        var hashes = new List<ulong>();
        for (var i = 0; i < 3000; i++)
        {
            var hash = (ulong)(uint)i * 0x9E3779B97F4A7C15UL;
            Assert.Equal(5000 + i, AddBuilt(table, RelType.Uses, "x" + i, "y" + i, hash));
            hashes.Add(hash);
            if (i % 500 == 0)
            {
                Assert.Equal(5000 + (i / 2), table.Find(hashes[i / 2], RelType.Uses, "model:x" + (i / 2), "model:y" + (i / 2), NoProperties));
            }
        }

        Assert.Equal(8000, table.Count);
        for (var i = 0; i < hashes.Count; i++)
        {
            Assert.Equal("model:x" + i, table.DataAt(5000 + i).Source);
            Assert.Equal(5000 + i, table.Find(hashes[i], RelType.Uses, "model:x" + i, "model:y" + i, NoProperties));
        }

        table.ReleaseIndex();
        Assert.Equal(5007, table.Find(hashes[7], RelType.Uses, "model:x7", "model:y7", NoProperties));
    }

    [Fact]
    public void Touch_reads_the_slots_where_lookups_of_those_hashes_start()
    {
        var table = new EdgeTable();
        const ulong Filed = 0x8000_0000_0000_0000UL;
        PreparedRelation Relation(ulong hash) => new(hash, [], 0, 0, 0, 0);

        Assert.Equal(0, table.Touch([Relation(Filed)]));
        AddBuilt(table, RelType.Uses, "a", "b", Filed);

        // The home slot of the filed hash holds its entry; an empty part of the table reads as nothing.
        Assert.NotEqual(0, table.Touch([Relation(Filed)]));
        Assert.Equal(0, table.Touch([Relation(0x1000_0000_0000_0000UL)]));
        table.ReleaseIndex();
        Assert.Equal(0, table.Touch([Relation(Filed)]));
        Assert.Equal(0, table.Find(Filed, RelType.Uses, "model:a", "model:b", NoProperties));
    }

    [Fact]
    public void A_handle_is_made_once_per_edge_and_sees_writes_made_after_the_table_grew()
    {
        var table = new EdgeTable();
        AddBuilt(table, RelType.Uses, "a", "b", 1);
        Assert.False(table.HasHandles);
        var early = table.Handle(0);
        Assert.True(table.HasHandles);

        // The first chunk grows by copying while edges are added: the handle reads the record where it is now.
        for (var i = 1; i < 200; i++)
        {
            AddBuilt(table, RelType.Uses, "a" + i, "b" + i, (ulong)i + 1);
        }

        table.DataAt(0).AddEvidence(new EvidenceData("paper:p", 3, 10, 20, "rule", 0.5));
        Assert.Same(early, table.Handle(0));
        Assert.Same(early, table[0]);
        var evidence = Assert.Single(early.Evidence);
        Assert.Equal(("paper:p", 3, 10, 20), (evidence.Paper, evidence.SentenceId, evidence.Start, evidence.End));
        Assert.Equal("model:a150", table.Handle(150).Source);
        Assert.Equal(Enumerable.Range(0, 200).Select(table.Handle), table);
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Handle(200));
    }

    [Fact]
    public void Handles_asked_for_on_many_threads_at_once_are_one_object_per_edge()
    {
        var table = new EdgeTable();
        const int Count = 70_000; // more than one chunk
        for (var i = 0; i < Count; i++)
        {
            AddRestored(table, "rel:" + i, RelType.Uses, "a", "b");
        }

        var seen = new GraphEdge[4][];
        Parallel.For(0, seen.Length, t =>
        {
            var mine = new GraphEdge[Count];
            // Each thread walks the edges from its own starting point, so threads race for the same slots and chunks.
            for (var k = 0; k < Count; k++)
            {
                var i = (k + (t * 17_389)) % Count;
                mine[i] = table.Handle(i);
            }

            seen[t] = mine;
        });

        for (var i = 0; i < Count; i++)
        {
            Assert.Equal(i, seen[0][i].Number);
            for (var t = 1; t < seen.Length; t++)
            {
                Assert.Same(seen[0][i], seen[t][i]);
            }
        }
    }
}
