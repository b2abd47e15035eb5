namespace PaperGraph.Core;

/// <summary>
/// What the numbers in a graph's edge records (<see cref="EdgeData"/>) refer to: node ids by node number, paper ids by
/// paper number, and the few edges' side objects (properties, more evidence, a restored id).
/// </summary>
/// <remarks>
/// The records hold numbers instead of references so that the chunks of records are arrays the garbage collector
/// does not scan. The lookups here are arrays indexed by number: an export reads an edge's endpoint ids with one read
/// each, as it read the references before.
/// </remarks>
internal sealed class EdgeSides
{
    private string[] _nodeIds = new string[16];
    private int _nodeCount;
    private object[] _extras = [];
    private int _extraCount;
    private string[] _papers = new string[16];
    private int _paperCount;
    private readonly Dictionary<string, int> _paperNumbers = new(StringComparer.Ordinal);

    // A paper's relations are merged together: its evidence asks for the same paper number again and again.
    private string? _lastPaper;
    private int _lastPaperNumber;

    /// <summary>Numbers a new node (in the order nodes are added).</summary>
    public int AddNode(string id)
    {
        if (_nodeCount == _nodeIds.Length)
        {
            Array.Resize(ref _nodeIds, _nodeCount * 2);
        }

        _nodeIds[_nodeCount] = id;
        return _nodeCount++;
    }

    /// <summary>The id of a node by number.</summary>
    public string NodeId(int number) => _nodeIds[number];

    /// <summary>The number of a paper id (numbered on first use).</summary>
    public int PaperNumber(string paper)
    {
        if (ReferenceEquals(paper, _lastPaper))
        {
            return _lastPaperNumber;
        }

        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_paperNumbers, paper, out var exists);
        if (!exists)
        {
            if (_paperCount == _papers.Length)
            {
                Array.Resize(ref _papers, _paperCount * 2);
            }

            _papers[_paperCount] = paper;
            slot = _paperCount++;
        }

        _lastPaper = paper;
        _lastPaperNumber = slot;
        return slot;
    }

    /// <summary>A paper id by number.</summary>
    public string Paper(int number) => _papers[number];

    /// <summary>A side object by its number in a record (0: none).</summary>
    public object? Extra(int numberPlusOne) => numberPlusOne == 0 ? null : _extras[numberPlusOne - 1];

    /// <summary>The number a record keeps for a new side object (0 for none).</summary>
    public int AddExtra(object? extra)
    {
        if (extra is null)
        {
            return 0;
        }

        if (_extraCount == _extras.Length)
        {
            Array.Resize(ref _extras, Math.Max(16, _extraCount * 2));
        }

        _extras[_extraCount] = extra;
        return ++_extraCount;
    }

    /// <summary>Sets a record's side object: in its slot when it has one, else in a new one.</summary>
    public void SetExtra(ref int numberPlusOne, object? extra)
    {
        if (numberPlusOne != 0)
        {
            // Null only replaces an object: a record never drops its side object, so a null here is never written.
            _extras[numberPlusOne - 1] = extra!;
        }
        else
        {
            numberPlusOne = AddExtra(extra);
        }
    }
}
