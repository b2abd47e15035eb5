using System.Runtime.CompilerServices;

namespace PaperGraph.Core.Tests;

public sealed class EdgeSidesTests
{
    [Fact]
    public void Edge_records_hold_no_references_so_the_collector_does_not_scan_their_chunks()
    {
        Assert.False(RuntimeHelpers.IsReferenceOrContainsReferences<EdgeData>());
        Assert.Equal(32, Unsafe.SizeOf<EdgeData>());
    }

    [Fact]
    public void Node_ids_are_read_back_by_number_after_the_array_grew()
    {
        var sides = new EdgeSides();
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(i, sides.AddNode("model:m" + i));
        }

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal("model:m" + i, sides.NodeId(i));
        }
    }

    [Fact]
    public void A_paper_keeps_its_number_whether_asked_with_the_same_or_an_equal_string()
    {
        var sides = new EdgeSides();
        var first = sides.PaperNumber("paper:a");
        var second = sides.PaperNumber("paper:b");
        Assert.NotEqual(first, second);
        Assert.Equal(second, sides.PaperNumber("paper:b"));
        Assert.Equal(first, sides.PaperNumber(new string("paper:a".AsSpan())));
        for (var i = 0; i < 100; i++)
        {
            sides.PaperNumber("paper:" + i);
        }

        Assert.Equal("paper:a", sides.Paper(first));
        Assert.Equal("paper:b", sides.Paper(second));
        Assert.Equal("paper:42", sides.Paper(sides.PaperNumber("paper:42")));
    }

    [Fact]
    public void A_side_object_is_numbered_once_and_replaced_in_its_slot()
    {
        var sides = new EdgeSides();
        var none = 0;
        sides.SetExtra(ref none, null);
        Assert.Equal(0, none);
        Assert.Null(sides.Extra(none));

        var slot = 0;
        var first = new object();
        sides.SetExtra(ref slot, first);
        Assert.NotEqual(0, slot);
        Assert.Same(first, sides.Extra(slot));

        var other = sides.AddExtra(new object());
        var second = new object();
        var kept = slot;
        sides.SetExtra(ref slot, second);
        Assert.Equal(kept, slot);
        Assert.Same(second, sides.Extra(slot));
        Assert.NotSame(second, sides.Extra(other));
        Assert.Equal(0, sides.AddExtra(null));
    }

    [Fact]
    public void An_edge_order_touches_what_writing_an_edge_reads_and_nothing_past_its_end()
    {
        var table = new EdgeTable();
        var a = new GraphNode("model:a", NodeLabel.Model, "a", table.Sides.AddNode("model:a"));
        var bc = new GraphNode("model:bc", NodeLabel.Model, "bc", table.Sides.AddNode("model:bc"));
        table.Add(new EdgeData(RelType.Uses, a, bc, 7, 0), index: true);
        table.DataAt(0).AddEvidence(new EvidenceData("paper:p", 1, 0, 5, "rule", 0.5), -1);
        var order = new EdgeOrder(table, [0]);

        Assert.Equal("model:a".Length + "model:bc".Length + "paper:p".Length, order.TouchStrings(0));
        Assert.Equal(0, order.TouchNumbers(0));
        Assert.Equal(0 + 1 + 1, order.TouchRecord(0)); // node numbers 0 and 1, paper number 0 stored as 1, no side object
        Assert.Equal(0, order.TouchRecord(1));
        Assert.Equal(0, order.TouchNumbers(-1));
        Assert.Equal(0, order.TouchStrings(1));
        Assert.Equal("model:bc", order[0].Target);
    }
}
