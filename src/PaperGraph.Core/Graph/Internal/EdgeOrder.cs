namespace PaperGraph.Core;

/// <summary>
/// The edges of a graph in a given order, as edge numbers into its <see cref="EdgeTable"/>: 4 bytes an edge instead of
/// a copy of every reference (the exports hold the id order of fifteen million edges while they write).
/// </summary>
internal readonly struct EdgeOrder
{
    private readonly EdgeTable _table;
    private readonly int[] _order;

    public EdgeOrder(EdgeTable table, int[] order)
    {
        _table = table;
        _order = order;
    }

    /// <summary>Number of edges.</summary>
    public int Length => _order.Length;

    /// <summary>The record of the edge at this position of the order (no handle is made).</summary>
    public EdgeRecord this[int index] => _table.DataAt(_order[index]);

    // The order is random over the records, and a record names its endpoints and paper by number: writing an edge
    // waits for a chain of cache misses (record, then the id slots, then the strings) unless a writer starts each link
    // for edges a few positions ahead, one link per step (record of the 3rd edge ahead, slots of the 2nd, strings of
    // the next), so that every miss overlaps the writing of the edges before it. Each returns something of what it
    // read (0 past the end) so that the reads are not optimised away.

    /// <summary>Reads the record of the edge at this position (first link: the record).</summary>
    public int TouchRecord(int index)
    {
        if ((uint)index >= (uint)_order.Length)
        {
            return 0;
        }

        ref readonly var edge = ref _table.RawAt(_order[index]);
        return edge.Source + edge.Target + edge.Paper + edge.Extra;
    }

    /// <summary>Reads the slots the edge's numbers name (second link: endpoint ids, paper, side object).</summary>
    public int TouchNumbers(int index)
    {
        if ((uint)index >= (uint)_order.Length)
        {
            return 0;
        }

        ref readonly var edge = ref _table.RawAt(_order[index]);
        var sides = _table.Sides;
        var sum = (sides.NodeId(edge.Source) is null ? 1 : 0) + (sides.NodeId(edge.Target) is null ? 1 : 0);
        if (edge.Paper != 0 && sides.Paper(edge.Paper - 1) is null)
        {
            sum++;
        }

        return edge.Extra != 0 && sides.Extra(edge.Extra) is null ? sum + 1 : sum;
    }

    /// <summary>Reads the strings the edge's numbers name (last link: the endpoint and paper ids).</summary>
    public int TouchStrings(int index)
    {
        if ((uint)index >= (uint)_order.Length)
        {
            return 0;
        }

        ref readonly var edge = ref _table.RawAt(_order[index]);
        var sides = _table.Sides;
        var sum = sides.NodeId(edge.Source).Length + sides.NodeId(edge.Target).Length;
        return edge.Paper == 0 ? sum : sum + sides.Paper(edge.Paper - 1).Length;
    }
}
