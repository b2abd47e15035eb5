using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using QuikGraph;

namespace PaperGraph.Core;

/// <summary>
/// The in-memory knowledge graph: nodes and relationships of the schema held on a QuikGraph
/// <see cref="BidirectionalGraph{TVertex,TEdge}"/> over node ids, with lookup by id and by alias.
/// Not thread-safe for writes; build it on one thread (extraction itself runs in parallel).
/// </summary>
public sealed class KnowledgeGraph
{
    private readonly Dictionary<string, GraphNode> _nodes = new(StringComparer.Ordinal);
    // Edges in insertion order, indexed by their id hash: what makes an edge the same edge (type, endpoints, key
    // properties) is what its id hashes, so merging needs no other key.
    private readonly EdgeTable _edges = new();
    // Edge numbers by id, built on first lookup (numbers, not handles: a graph read from a file checks its ids here).
    private Dictionary<string, int>? _edgesById;

    // An alias key maps to its one node, or to a List<GraphNode> when several nodes share it (rare). Built on first
    // lookup: a build never looks names up, and a million paper titles would cost hundreds of megabytes here.
    private Dictionary<string, object>? _byAlias;

    // The adjacency view is built on first use too: a build only merges and writes files.
    private BidirectionalGraph<string, GraphEdge>? _graph;
    private readonly Lock _lazyLock = new();
    private readonly Lock _sortLock = new();
    private int[]? _sortedEdges;
    private GraphNode[]? _sortedNodes;

    /// <summary>The QuikGraph view (vertices are node ids), for traversal algorithms.</summary>
    public IBidirectionalGraph<string, GraphEdge> Graph => Adjacency();

    /// <summary>Evidence sentences, referenced by <see cref="Evidence.SentenceId"/>.</summary>
    public SentenceStore Sentences { get; } = new();

    /// <summary>Number of nodes.</summary>
    public int NodeCount => _nodes.Count;

    /// <summary>Number of relationships.</summary>
    public int EdgeCount => _edges.Count;

    /// <summary>All nodes, in insertion order.</summary>
    public IEnumerable<GraphNode> Nodes => _nodes.Values;

    /// <summary>All relationships, in insertion order.</summary>
    public IEnumerable<GraphEdge> Edges => _edges;

    /// <summary>True once an edge was handed out as a <see cref="GraphEdge"/> (a build and its exports hand out none).</summary>
    internal bool HasEdgeHandles => _edges.HasHandles;

    /// <summary>The id a non-paper entity of this label and name gets: <c>model:deepseek-v3</c>.</summary>
    public static string EntityId(NodeLabel label, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // Every entity of every paper asks, and a corpus names the same models, techniques and benchmarks over and
        // over: the last ids made on this thread are kept by name, so a repeat costs a hash and a compare instead of
        // a slug and a new string, and the merge then finds the node under the very string it was filed with.
        var cache = _idCache ??= new IdCacheEntry[IdCacheSize];
        ref var entry = ref cache[(name.GetHashCode() ^ (int)label) & (IdCacheSize - 1)];
        if (entry.Label == label && string.Equals(entry.Name, name, StringComparison.Ordinal))
        {
            return entry.Id!;
        }

        var id = MakeEntityId(label, name);
        entry = new IdCacheEntry(label, name, id);
        return id;
    }

    private const int IdCacheSize = 1 << 12;

    private readonly record struct IdCacheEntry(NodeLabel Label, string? Name, string? Id);

    [ThreadStatic]
    private static IdCacheEntry[]? _idCache;

    private static string MakeEntityId(NodeLabel label, string name)
    {
        var prefix = (uint)label < (uint)IdPrefixes.Length ? IdPrefixes[(int)label] : label.ToString().ToLowerInvariant() + ":";
        // Ids are made for every entity of every paper: an ASCII name (its own normal form) is slugged in a stack
        // buffer, without NameKey.Slug's normalisation and string copies.
        if (Ascii.IsValid(name))
        {
            Span<char> buffer = stackalloc char[SlugLength];
            var ascii = NameKey.WriteSlug(name, buffer);
            if (!ascii.IsEmpty)
            {
                return string.Concat(prefix, ascii);
            }
        }

        var slug = NameKey.Slug(name);
        if (slug.Length == 0)
        {
            slug = ShortHash(name);
        }

        return string.Concat(prefix, slug);
    }

    private const int SlugLength = 80;

    private static readonly string[] IdPrefixes = MakeIdPrefixes();

    // The static tables of this class are made with loops, not LINQ: Core is jitted, and LINQ's generic code over an
    // enum or an int (Range, Select, Max, OrderBy) is compiled fully optimised at every start for one call.
    private static string[] MakeIdPrefixes()
    {
        var prefixes = new string[Schema.LabelCount];
        for (var l = 0; l < prefixes.Length; l++)
        {
            prefixes[l] = ((NodeLabel)l).ToString().ToLowerInvariant() + ":";
        }

        return prefixes;
    }

    /// <summary>The id of an entity reference (a Paper ref carries the paper id as its name).</summary>
    public static string IdOf(EntityRef entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.Label == NodeLabel.Paper ? entity.Name : EntityId(entity.Label, entity.Name);
    }

    /// <summary>A short, stable hex hash of a text (first 8 bytes of SHA-256).</summary>
    public static string ShortHash(string text, int hexChars = 8)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash)[..hexChars];
    }

    // A million papers share a few dozen years: one boxed value each rather than one per paper.
    private static readonly object[] Years = MakeYears();

    private static object[] MakeYears()
    {
        var years = new object[BoxedYears];
        for (var y = 0; y < years.Length; y++)
        {
            years[y] = y;
        }

        return years;
    }

    /// <summary>Years from 0 up to this one (exclusive) have a shared boxed value (<see cref="BoxedYear"/>).</summary>
    internal const int BoxedYears = 3000;

    /// <summary>The shared boxed value of a year below <see cref="BoxedYears"/>.</summary>
    internal static object BoxedYear(int year) => Years[year];

    /// <summary>Adds a paper node (id from the reader) or returns the existing one.</summary>
    public GraphNode AddPaper(Paper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        var node = GetOrAdd(paper.Id, NodeLabel.Paper, paper.Title);
        object? yearValue = paper.Year is { } y ? (y is >= 0 and < 3000 ? Years[y] : y) : null;
        if (node.PropertyMap.Count == 0)
        {
            // A new paper with only a title (its name) and a year, as nearly every paper: the node implies its map
            // instead of keeping one (GraphNode.SetTitleAndYear).
            if (paper.Authors.Count == 0 && paper.Url is null && paper.Year is null or (>= 0 and < BoxedYears)
                && string.Equals(node.Name, paper.Title, StringComparison.Ordinal))
            {
                node.SetTitleAndYear(paper.Year);
                return node;
            }

            // Otherwise its map is made at its final size, keys in ordinal order (a million papers).
            var items = new KeyValuePair<string, object?>[1 + (yearValue is null ? 0 : 1) + (paper.Url is null ? 0 : 1) + (paper.Authors.Count > 0 ? 1 : 0)];
            var i = 0;
            if (paper.Authors.Count > 0)
            {
                items[i++] = new("authors", paper.Authors.ToArray());
            }

            items[i++] = new("title", paper.Title);
            if (paper.Url is { } link)
            {
                items[i++] = new("url", link);
            }

            if (yearValue is not null)
            {
                items[i] = new("year", yearValue);
            }

            node.SetProperties(new PropertyDictionary(items));
            return node;
        }

        var props = node.MutableProperties;
        props.TryAdd("title", paper.Title);
        if (paper.Year is { } year)
        {
            props.TryAdd("year", year is >= 0 and < 3000 ? Years[year] : year);
        }

        if (paper.Url is { } url)
        {
            props.TryAdd("url", url);
        }

        if (paper.Authors.Count > 0)
        {
            props.TryAdd("authors", paper.Authors.ToArray());
        }

        return node;
    }

    /// <summary>
    /// Adds an entity or merges it into the node that already has its id: aliases are unioned and properties that
    /// the node lacks are added (the first value seen wins, so merge order decides and stays deterministic).
    /// </summary>
    public GraphNode AddEntity(NodeLabel label, string name, IEnumerable<string>? aliases = null,
        IEnumerable<KeyValuePair<string, object?>>? properties = null)
        => AddEntity(EntityId(label, name), label, name, aliases, properties);

    /// <summary><see cref="AddEntity(NodeLabel, string, IEnumerable{string}, IEnumerable{KeyValuePair{string, object}})"/> with the id computed.</summary>
    internal GraphNode AddEntity(string id, NodeLabel label, string name, IEnumerable<string>? aliases,
        IEnumerable<KeyValuePair<string, object?>>? properties)
    {
        if (label == NodeLabel.Paper)
        {
            throw new ArgumentException("Papers are added with AddPaper.", nameof(label));
        }

        var node = GetOrAdd(id, label, name, out var created);
        // A node's own name was added as an alias when it was made (aliases are never dropped), and the entities of a
        // corpus come back under the same name again and again: only another name needs adding.
        if (created || !string.Equals(node.Name, name, StringComparison.Ordinal))
        {
            AddAlias(node, name);
        }

        // Every entity of every paper comes through here: lists and dictionaries are walked without a boxed enumerator,
        // and the extractor's array (an exact type test, then no interface call per alias) ahead of other lists.
        if (aliases is string[] given)
        {
            foreach (var alias in given)
            {
                AddAlias(node, alias);
            }
        }
        else if (aliases is IReadOnlyList<string> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                AddAlias(node, list[i]);
            }
        }
        else
        {
            foreach (var alias in aliases ?? [])
            {
                AddAlias(node, alias);
            }
        }

        if (properties is Dictionary<string, object?> map)
        {
            if (created && map.Count > 0)
            {
                // A new node takes its properties as one array of their final size, not one longer copy per property.
                node.SetSortedProperties(NonNullSorted(map));
            }
            else
            {
                foreach (var (key, value) in map)
                {
                    AddProperty(node, key, value);
                }
            }
        }
        else if (created && properties is IReadOnlyDictionary<string, object?> { Count: > 0 } readOnly)
        {
            // The extractor's read-only maps (a model's family, version, parameters...) too: keys are distinct, so the
            // sorted non-null pairs are what adding them one by one leaves.
            node.SetSortedProperties(NonNullSorted(readOnly));
        }
        else
        {
            foreach (var (key, value) in properties ?? [])
            {
                AddProperty(node, key, value);
            }
        }

        return node;
    }

    /// <summary>
    /// The non-null pairs of a map in ordinal key order, in a new array of their number: what adding them one by one
    /// to a node without properties leaves it with (keys of a dictionary are distinct).
    /// </summary>
    internal static KeyValuePair<string, object?>[] NonNullSorted(Dictionary<string, object?> map) =>
        NonNullSorted(map.Count, map.GetEnumerator());

    /// <summary><see cref="NonNullSorted(Dictionary{string, object})"/> for any map (walked once, through its interface).</summary>
    internal static KeyValuePair<string, object?>[] NonNullSorted(IReadOnlyDictionary<string, object?> map) =>
        NonNullSorted(map.Count, map.GetEnumerator());

    // One walk for both: a Dictionary's struct enumerator is not boxed, any other map's is its own.
    private static KeyValuePair<string, object?>[] NonNullSorted<TEnumerator>(int count, TEnumerator pairs)
        where TEnumerator : IEnumerator<KeyValuePair<string, object?>>
    {
        // The count bounds the non-null pairs: the pairs are gathered in an array of that size, cut when some are null.
        var sorted = count == 0 ? [] : new KeyValuePair<string, object?>[count];
        var n = 0;
        using (pairs)
        {
            while (pairs.MoveNext())
            {
                var pair = pairs.Current;
                if (pair.Value is null)
                {
                    continue;
                }

                if (n == sorted.Length)
                {
                    // A map whose count fell short of its pairs (not one of ours).
                    Array.Resize(ref sorted, (2 * n) + 1);
                }

                sorted[n++] = pair;
            }
        }

        if (n != sorted.Length)
        {
            Array.Resize(ref sorted, n);
        }

        PropertyDictionary.SortByKey(sorted);
        return sorted;
    }

    private static void AddProperty(GraphNode node, string key, object? value)
    {
        if (value is not null)
        {
            node.AddProperty(key, value);
        }
    }

    /// <summary>Records another surface form of a node and indexes it for lookup.</summary>
    public void AddAlias(GraphNode node, string alias)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (string.IsNullOrWhiteSpace(alias) || !node.AddAlias(alias.Trim()))
        {
            return;
        }

        lock (_lazyLock)
        {
            if (_byAlias is { } index)
            {
                Index(index, node, alias);
            }
        }
    }

    private static void Index(Dictionary<string, object> byAlias, GraphNode node, string alias)
    {
        var key = NameKey.Of(alias);
        if (key.Length == 0)
        {
            return;
        }

        if (!byAlias.TryGetValue(key, out var entry))
        {
            byAlias[key] = node;
        }
        else if (entry is List<GraphNode> list)
        {
            if (!list.Contains(node))
            {
                list.Add(node);
            }
        }
        else if (!ReferenceEquals(entry, node))
        {
            byAlias[key] = new List<GraphNode> { (GraphNode)entry, node };
        }
    }

    private Dictionary<string, object> AliasIndexOf()
    {
        lock (_lazyLock)
        {
            if (_byAlias is { } built)
            {
                return built;
            }

            var index = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var node in _nodes.Values)
            {
                foreach (var alias in node.Aliases)
                {
                    Index(index, node, alias);
                }
            }

            return _byAlias = index;
        }
    }

    private BidirectionalGraph<string, GraphEdge> Adjacency()
    {
        lock (_lazyLock)
        {
            if (_graph is { } built)
            {
                return built;
            }

            // Vertices in node order and edges in insertion order: the same adjacency lists as adding them one by one.
            var graph = new BidirectionalGraph<string, GraphEdge>(allowParallelEdges: true, _nodes.Count);
            foreach (var id in _nodes.Keys)
            {
                graph.AddVertex(id);
            }

            graph.AddEdgeRange(_edges);
            return _graph = graph;
        }
    }

    /// <summary>
    /// Adds a relationship or merges into the existing one with the same type, endpoints and key properties
    /// (<see cref="Schema.KeyProperties"/>); evidence is appended without duplicates.
    /// </summary>
    /// <exception cref="KeyNotFoundException">An endpoint node does not exist.</exception>
    /// <exception cref="ArgumentException">The endpoints' labels are not allowed for the type.</exception>
    public GraphEdge AddRelationship(RelType type, string startId, string endId,
        IEnumerable<KeyValuePair<string, object?>>? properties = null, Evidence? evidence = null)
    {
        var start = GetNode(startId);
        var end = GetNode(endId);
        IReadOnlyDictionary<string, object?> props;
        if (properties is IReadOnlyDictionary<string, object?> map)
        {
            props = map;
        }
        else
        {
            // The first value of a key counts, as for a dictionary built from the pairs one by one.
            var first = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, value) in properties ?? [])
            {
                first.TryAdd(key, value);
            }

            props = first;
        }

        return _edges.Handle(AddRelationship(type, start, end, props, EdgeIdHash(type, start.Id, end.Id, props),
            PreparedPaper.SortedProperties(props),
            evidence is null ? null : new EvidenceData(evidence.Paper, evidence.SentenceId, evidence.Start, evidence.End, evidence.Rule, evidence.Confidence),
            -1));
    }

    /// <summary>
    /// <see cref="AddRelationship(RelType, string, string, IEnumerable{KeyValuePair{string, object}}, Evidence)"/> with
    /// the nodes looked up, the id hash computed
    /// (<see cref="EdgeIdHash(RelType, string, string, IReadOnlyDictionary{string, object})"/>), the non-null
    /// properties sorted (<see cref="PreparedPaper.SortedProperties"/>; a new edge takes the array over) and the
    /// evidence's tag known (-1: not yet). Returns the edge's number: a build asks for no <see cref="GraphEdge"/>
    /// handle.
    /// </summary>
    internal int AddRelationship(RelType type, GraphNode start, GraphNode end,
        IReadOnlyDictionary<string, object?> props, ulong idHash, KeyValuePair<string, object?>[] sorted,
        EvidenceData? evidence, int tag)
    {
        if (!Allows(type, start.Label, end.Label))
        {
            throw new ArgumentException(
                $"{Schema.TypeName(type)} cannot go from {start.Label} to {end.Label} ({start.Id} -> {end.Id}).");
        }

        var number = _edges.Find(idHash, type, start.Id, end.Id, props);
        var created = number < 0;
        if (created)
        {
            number = _edges.Add(new EdgeData(type, start, end, idHash, _edges.Sides.AddExtra(sorted is { Length: > 0 } ? sorted : null)), index: true);
            if (_graph is not null)
            {
                lock (_lazyLock)
                {
                    _graph = null;
                }
            }

            _edgesById = null;
        }

        // The record in the table (taken after the add: the first chunk grows by copying).
        var edge = _edges.DataAt(number);
        if (!created)
        {
            foreach (var (name, value) in sorted)
            {
                edge.AddProperty(name, value!);
            }
        }

        // A new edge has no evidence to repeat (nearly every relation of a corpus makes one).
        if (evidence is { } ev && (created || !edge.HasEvidence(ev.Paper, ev.Start, ev.End, ev.Rule)))
        {
            edge.AddEvidence(ev, tag);
        }

        return number;
    }

    /// <summary>Starts reading where the merge of these relations will look (<see cref="EdgeTable.Touch"/>).</summary>
    internal void PrepareToMerge(ReadOnlySpan<PreparedRelation> relations) => _touched += _edges.Touch(relations);

    // Keeps the reads of PrepareToMerge from being optimised away.
    private int _touched;

    /// <summary>Adds a node exactly as a graph file stores it: the id is kept as written, not derived.</summary>
    /// <exception cref="InvalidOperationException">A node with this id exists already.</exception>
    internal GraphNode RestoreNode(string id, NodeLabel label, string name)
    {
        if (_nodes.ContainsKey(id))
        {
            throw new InvalidOperationException($"node id '{id}' appears twice");
        }

        var node = GetOrAdd(id, label, name);
        AddAlias(node, name);
        return node;
    }

    /// <summary>Adds a relationship exactly as a graph file stores it: the id is kept as written, not derived.</summary>
    /// <exception cref="InvalidOperationException">Unknown endpoint, endpoints not allowed for the type, or a repeated id.</exception>
    /// <returns>The edge's number (<see cref="EdgeAt"/>).</returns>
    internal int RestoreEdge(string id, RelType type, string startId, string endId)
    {
        var start = FindNode(startId) ?? throw new InvalidOperationException($"start node '{startId}' is not among the nodes");
        var end = FindNode(endId) ?? throw new InvalidOperationException($"end node '{endId}' is not among the nodes");
        var (starts, ends) = Schema.Endpoints(type);
        if (!starts.Contains(start.Label) || !ends.Contains(end.Label))
        {
            throw new InvalidOperationException($"{Schema.TypeName(type)} cannot go from {start.Label} to {end.Label}");
        }

        if (EdgeNumbersById().ContainsKey(id))
        {
            throw new InvalidOperationException($"relationship id '{id}' appears twice");
        }

        var number = _edges.Add(new EdgeData(type, start, end, 0, _edges.Sides.AddExtra(new EdgeExtra { RestoredId = id })), index: false);
        lock (_lazyLock)
        {
            _graph = null;
        }

        _edgesById!.Add(id, number);
        return number;
    }

    /// <summary>
    /// The record of an edge by number, for writing (a graph file's properties and evidence) or reading without a
    /// handle (the exports). Not to be held across an edge being added.
    /// </summary>
    internal EdgeRecord EdgeAt(int number) => _edges.DataAt(number);

    /// <summary>
    /// Every relationship in ordinal order of id (ties in insertion order), as the exports write them; computed once
    /// (ids hashed on every core) and kept until the graph changes.
    /// </summary>
    internal EdgeOrder EdgesInIdOrder()
    {
        // Both exports ask at once: the second waits for the first's work rather than repeating it.
        lock (_sortLock)
        {
            return SortEdges();
        }
    }

    private EdgeOrder SortEdges()
    {
        lock (_lazyLock)
        {
            if (_sortedEdges is { } cached && cached.Length == _edges.Count)
            {
                return new EdgeOrder(_edges, cached);
            }
        }

        // The order is kept as edge numbers (4 bytes an edge, not a second 8-byte reference per edge), and the sort
        // keys live in the merge index's memory, which is not needed while the graph is written out: at fifteen
        // million edges each of the two saves over 60 and 120 MB at the moment the exports start.
        var count = _edges.Count;
        var keyRoom = _edges.TakeIndexMemory();
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var restored = false;
        for (var i = 0; i < count && !restored; i++)
        {
            restored = _edges.DataAt(i).IsRestored;
        }

        if (restored)
        {
            // Ids read from a file can be any string: order them as strings (a stable sort).
            order = [.. order.OrderBy(i => _edges.DataAt(i).Id, StringComparer.Ordinal)];
        }
        else
        {
            // Sorted in place with their 64-bit ids as keys.
            var room = keyRoom ?? new int[count * 2];
            var edges = _edges;
            var chunk = Math.Max(1 << 14, (count / (Environment.ProcessorCount * 4)) + 1);
            Parallel.For(0, (count + chunk - 1) / chunk, c =>
            {
                var to = Math.Min(count, (c + 1) * chunk);
                var k = EdgeTable.AsNumbers(room, count);
                for (var i = c * chunk; i < to; i++)
                {
                    k[i] = edges.DataAt(i).IdHash;
                }
            });

            var keys = EdgeTable.AsNumbers(room, count);
            keys.Sort(order.AsSpan());

            // The sort is not stable: edges with equal ids (a 64-bit collision, which no test corpus has) are put
            // back in insertion order, which is the order of their numbers.
            for (var i = 1; i < count; i++)
            {
                if (keys[i] == keys[i - 1])
                {
                    var from = i - 1;
                    while (i < count && keys[i] == keys[from])
                    {
                        i++;
                    }

                    Array.Sort(order, from, i - from);
                }
            }
        }

        lock (_lazyLock)
        {
            _sortedEdges = order;
            return new EdgeOrder(_edges, order);
        }
    }

    /// <summary>Every node in ordinal order of id, kept until the graph changes.</summary>
    internal GraphNode[] NodesInIdOrder()
    {
        lock (_sortLock)
        {
            return SortNodes();
        }
    }

    private GraphNode[] SortNodes()
    {
        lock (_lazyLock)
        {
            if (_sortedNodes is { } cached && cached.Length == _nodes.Count)
            {
                return cached;
            }
        }

        var nodes = _nodes.Values.ToArray();
        var ids = nodes.Select(n => n.Id).ToArray();
        // Ids are unique, so an unstable sort gives the one ordinal order.
        Array.Sort(ids, nodes, StringComparer.Ordinal);
        lock (_lazyLock)
        {
            return _sortedNodes = nodes;
        }
    }

    /// <summary>The node with this id, or null.</summary>
    public GraphNode? FindNode(string id) => _nodes.GetValueOrDefault(id);

    /// <summary>The node with this id.</summary>
    /// <exception cref="KeyNotFoundException">No such node.</exception>
    public GraphNode GetNode(string id) =>
        _nodes.TryGetValue(id, out var node) ? node : throw new KeyNotFoundException($"No node with id '{id}'.");

    /// <summary>The relationship with this id, or null.</summary>
    public GraphEdge? FindEdge(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return EdgeNumbersById().TryGetValue(id, out var number) ? _edges.Handle(number) : null;
    }

    private Dictionary<string, int> EdgeNumbersById()
    {
        var byId = _edgesById;
        if (byId is null)
        {
            byId = new Dictionary<string, int>(_edges.Count, StringComparer.Ordinal);
            for (var i = 0; i < _edges.Count; i++)
            {
                byId.TryAdd(_edges.DataAt(i).Id, i);
            }

            _edgesById = byId;
        }

        return byId;
    }

    /// <summary>
    /// Nodes whose name or an alias has the same matching key (<see cref="NameKey.Of"/>) as <paramref name="name"/>,
    /// optionally of one label; a paper matches on its title.
    /// </summary>
    public IReadOnlyList<GraphNode> FindByName(string name, NodeLabel? label = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!AliasIndexOf().TryGetValue(NameKey.Of(name), out var entry))
        {
            return [];
        }

        var list = NodesOf(entry);
        return label is null ? list : list.Where(n => n.Label == label).ToList();
    }

    /// <summary>Every indexed alias key with its nodes, for fuzzy search indexes.</summary>
    public IEnumerable<KeyValuePair<string, IReadOnlyList<GraphNode>>> AliasIndex =>
        AliasIndexOf().Select(kv => new KeyValuePair<string, IReadOnlyList<GraphNode>>(kv.Key, NodesOf(kv.Value)));

    private static IReadOnlyList<GraphNode> NodesOf(object entry) => entry as List<GraphNode> ?? [(GraphNode)entry];

    /// <summary>Outgoing relationships of a node.</summary>
    public IEnumerable<GraphEdge> OutEdges(string id) =>
        Adjacency().TryGetOutEdges(id, out var edges) ? edges : [];

    /// <summary>Incoming relationships of a node.</summary>
    public IEnumerable<GraphEdge> InEdges(string id) =>
        Adjacency().TryGetInEdges(id, out var edges) ? edges : [];

    /// <summary>Node count per label (every label present, zero where none).</summary>
    public IReadOnlyDictionary<NodeLabel, int> CountByLabel()
    {
        var counts = Schema.Labels.ToDictionary(l => l, _ => 0);
        foreach (var node in _nodes.Values)
        {
            counts[node.Label]++;
        }

        return counts;
    }

    /// <summary>Relationship count per type (every type present, zero where none).</summary>
    public IReadOnlyDictionary<RelType, int> CountByType()
    {
        var counts = Schema.Types.ToDictionary(t => t, _ => 0);
        for (var i = 0; i < _edges.Count; i++)
        {
            counts[_edges.DataAt(i).Type]++;
        }

        return counts;
    }

    /// <summary>
    /// Pieces of evidence over all relationships. Counted without the per-edge list view of
    /// <see cref="GraphEdge.Evidence"/> (an object per edge: 15 million of them for a million papers' summary line).
    /// </summary>
    public long CountEvidence()
    {
        var total = 0L;
        for (var i = 0; i < _edges.Count; i++)
        {
            total += _edges.DataAt(i).EvidenceCount;
        }

        return total;
    }

    private GraphNode GetOrAdd(string id, NodeLabel label, string name) => GetOrAdd(id, label, name, out _);

    private GraphNode GetOrAdd(string id, NodeLabel label, string name, out bool created)
    {
        // One probe of the table whether or not the node exists: every paper and about one entity a paper are new,
        // and a lookup and then an insert hashed the id and walked its bucket twice.
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_nodes, id, out var exists);
        if (exists)
        {
            created = false;
            var found = slot!;
            if (found.Label != label)
            {
                throw new InvalidOperationException($"Node id '{id}' is a {found.Label}, not a {label}.");
            }

            return found;
        }

        created = true;
        var node = slot = new GraphNode(id, label, name, _edges.Sides.AddNode(id));
        if (_graph is not null)
        {
            lock (_lazyLock)
            {
                _graph = null;
            }
        }
        if (label == NodeLabel.Paper)
        {
            AddAlias(node, name);
        }

        return node;
    }

    /// <summary>The stable id of an edge: a hash of its type, endpoints and key properties.</summary>
    internal static string EdgeId(RelType type, string start, string end, IReadOnlyDictionary<string, object?> props) =>
        "rel:" + EdgeIdHash(type, start, end, props).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>
    /// The first 8 bytes of the SHA-256 of <c>TYPE|start|end|key=value...</c>, big-endian, so that its 16 hex digits
    /// are the edge id and numeric order is the ids' ordinal order.
    /// </summary>
    internal static ulong EdgeIdHash(RelType type, string start, string end, IReadOnlyDictionary<string, object?> props)
    {
        // The endpoints in UTF-8 and the key properties looked up, then hashed as a prepared relation is: one writer
        // of the hashed bytes for both paths.
        var keys = Schema.KeyProperties(type);
        var values = _keyValues is { } scratch && scratch.Length >= keys.Count ? scratch : new KeyValuePair<string, object?>[Math.Max(8, keys.Count)];
        for (var k = 0; k < keys.Count; k++)
        {
            values[k] = new(keys[k], props.GetValueOrDefault(keys[k]));
        }

        var ids = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(start.Length + end.Length));
        try
        {
            var startLength = Encoding.UTF8.GetBytes(start, ids);
            var endLength = Encoding.UTF8.GetBytes(end, ids.AsSpan(startLength));
            return EdgeIdHash(type, ids.AsSpan(0, startLength), ids.AsSpan(startLength, endLength), values.AsSpan(0, keys.Count));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(ids);
            values.AsSpan(0, keys.Count).Clear();
            _keyValues = values;
        }
    }

    [ThreadStatic]
    private static KeyValuePair<string, object?>[]? _keyValues;

    /// <summary>
    /// <see cref="EdgeIdHash(RelType, string, string, IReadOnlyDictionary{string, object})"/> with the endpoint ids
    /// already in UTF-8 and the properties as <see cref="PreparedPaper.SortedProperties"/> gives them (a missing key
    /// and a null value both add nothing, and shared values print as the values they stand for): a paper's ids are
    /// encoded once for all its relations.
    /// </summary>
    internal static ulong EdgeIdHash(RelType type, ReadOnlySpan<byte> start, ReadOnlySpan<byte> end,
        ReadOnlySpan<KeyValuePair<string, object?>> sortedProps)
    {
        var buffer = _idBytes ??= new byte[256];
        var n = 0;
        PutType(ref buffer, ref n, type);
        Put(ref buffer, ref n, start);
        Put(ref buffer, ref n, "|"u8);
        Put(ref buffer, ref n, end);
        var keys = Schema.KeyProperties(type);
        for (var k = 0; k < keys.Count; k++)
        {
            var key = keys[k];
            PutKey(ref buffer, ref n, key);
            foreach (var (name, value) in sortedProps)
            {
                if (string.Equals(name, key, StringComparison.Ordinal))
                {
                    PutValue(ref buffer, ref n, value);
                    break;
                }
            }
        }

        _idBytes = buffer;

        return Sha256Prefix.Of(buffer.AsSpan(0, n));
    }

    private static void PutType(ref byte[] buffer, ref int n, RelType type) =>
        Put(ref buffer, ref n, (uint)type < (uint)TypeIdBytes.Length ? TypeIdBytes[(int)type] : Encoding.UTF8.GetBytes(Schema.TypeName(type) + "|"));

    private static void PutKey(ref byte[] buffer, ref int n, string key)
    {
        Put(ref buffer, ref n, "|"u8);
        PutUtf8(ref buffer, ref n, key);
        Put(ref buffer, ref n, "="u8);
    }

    private static readonly byte[][] TypeIdBytes = Schema.ByType(t => Encoding.UTF8.GetBytes(Schema.TypeName(t) + "|"));

    [ThreadStatic]
    private static byte[]? _idBytes;

    private static void Put(ref byte[] buffer, ref int n, ReadOnlySpan<byte> bytes)
    {
        Room(ref buffer, n, bytes.Length);
        bytes.CopyTo(buffer.AsSpan(n));
        n += bytes.Length;
    }

    private static void PutUtf8(ref byte[] buffer, ref int n, string text)
    {
        Room(ref buffer, n, Encoding.UTF8.GetMaxByteCount(text.Length));
        n += Encoding.UTF8.GetBytes(text, buffer.AsSpan(n));
    }

    // Convert.ToString(value, InvariantCulture), as UTF-8: numbers are formatted straight into the buffer.
    private static void PutValue(ref byte[] buffer, ref int n, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                PutUtf8(ref buffer, ref n, text);
                return;
            case double or int or long:
                Room(ref buffer, n, 64);
                var formatted = value switch
                {
                    double d => d.TryFormat(buffer.AsSpan(n), out var w, default, CultureInfo.InvariantCulture) ? w : -1,
                    int i => i.TryFormat(buffer.AsSpan(n), out var w, default, CultureInfo.InvariantCulture) ? w : -1,
                    _ => ((long)value).TryFormat(buffer.AsSpan(n), out var w, default, CultureInfo.InvariantCulture) ? w : -1,
                };
                if (formatted >= 0)
                {
                    n += formatted;
                    return;
                }

                break;
        }

        PutUtf8(ref buffer, ref n, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
    }

    private static void Room(ref byte[] buffer, int n, int more)
    {
        if (buffer.Length - n < more)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, n + more));
        }
    }

    private static readonly bool[][][] AllowedTable = Schema.ByType(AllowedByLabels);

    // [start][end]: whether the type may join a start node of that label to an end node of that label.
    private static bool[][] AllowedByLabels(RelType type)
    {
        var (starts, ends) = Schema.Endpoints(type);
        var size = Schema.LabelCount;
        var table = new bool[size][];
        for (var s = 0; s < size; s++)
        {
            table[s] = new bool[size];
            for (var e = 0; e < size; e++)
            {
                table[s][e] = Contains(starts, (NodeLabel)s) && Contains(ends, (NodeLabel)e);
            }
        }

        return table;
    }

    // IReadOnlyList<NodeLabel>.Contains would be LINQ's Contains over an enum (jitted for this one table).
    private static bool Contains(IReadOnlyList<NodeLabel> labels, NodeLabel label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Allows(RelType type, NodeLabel start, NodeLabel end)
    {
        if ((uint)type < (uint)AllowedTable.Length && (uint)start < (uint)AllowedTable[(int)type].Length && (uint)end < (uint)AllowedTable[(int)type].Length)
        {
            return AllowedTable[(int)type][(int)start][(int)end];
        }

        var (starts, ends) = Schema.Endpoints(type);
        return starts.Contains(start) && ends.Contains(end);
    }
}
