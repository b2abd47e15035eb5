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
    public ref readonly EdgeData this[int index] => ref _table.DataAt(_order[index]);
}
