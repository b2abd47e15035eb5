using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PaperGraph.Core;

/// <summary>
/// A cue phrase of the relation rules ("fine-tuned from", "outperforms"): lower-case, matched as a whole word or phrase
/// like <see cref="PaperContext.FindPhrase(string, int, int)"/>. Created once, in static tables; equal texts share one id.
/// </summary>
internal sealed class Cue
{
    private static readonly Dictionary<string, Cue> Registry = new(StringComparer.Ordinal);
    private static readonly List<Cue> ById = [];

    private Cue(string text, int id)
    {
        Text = text;
        Id = id;
    }

    public string Text { get; }

    public int Id { get; }

    public int Length => Text.Length;

    public static Cue Of(string text)
    {
        lock (Registry)
        {
            if (!Registry.TryGetValue(text, out var cue))
            {
                cue = new Cue(text, ById.Count);
                Registry[text] = cue;
                ById.Add(cue);
            }

            return cue;
        }
    }

    public static Cue[] Of(params string[] texts)
    {
        var cues = new Cue[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            cues[i] = Of(texts[i]);
        }

        return cues;
    }

    /// <summary>Every cue created so far, by id.</summary>
    public static Cue[] All()
    {
        lock (Registry)
        {
            return [.. ById];
        }
    }

    public override string ToString() => Text;
}

/// <summary>
/// A trie over cue phrases, built once: one pass over a paper's lower-cased text finds every whole-word occurrence of
/// every cue, so the rules ask "where does cue K first occur in [from, to)" without searching the text again (each rule
/// used to run an <c>IndexOf</c> per cue per sentence). Read-only after construction, so shared by all threads.
/// </summary>
internal sealed class CueMatcher
{
    private readonly int[] _lengths;

    // ASCII steps: a node with one child compares one character (most nodes: the tails of long cues); a node with
    // more has a row in a small dense table (row x alphabet index). Other characters go through the edge lists.
    private readonly byte[] _alphabet = new byte[128];
    private readonly int _alphabetSize;
    // First characters the walk must start from the root with: a cue of that one character, or one whose second
    // character is not ASCII.
    private readonly bool[] _walkAlways = new bool[128];

    // The trie node after the first two characters of a cue, by their ASCII pair (open addressing: key pair + 1, 0 for
    // an empty entry). A word start whose pair is absent starts no cue (most words: one probe in a few KB that stay in
    // cache rules them out, as a bit per pair did); one whose pair is here walks on from that node: the two steps from
    // the root, each a chain of dependent loads, were much of the walks' cost (61% of a text's word starts share their
    // first two characters with a cue, "the", "we", "in", and the walk from there is about two steps more).
    private readonly int[] _pairKeys;
    private readonly int[] _pairNodes;
    private readonly int _pairShift;

    // One record per node (a step touches one cache line, not one per array).
    private readonly Node[] _nodes;
    private readonly int[] _dense;
    private readonly int[] _edgeStart;
    private readonly int[] _edgeCount;
    private readonly char[] _edgeChar;
    private readonly int[] _edgeChild;

    [ThreadStatic]
    private static int[]? _scratch;

    // The last paper's hits (their per-id table and positions), handed back when its paper is done: new ones per
    // paper otherwise.
    [ThreadStatic]
    private static CueHits? _spareHits;

    /// <summary>Takes back hits no one will read again.</summary>
    public static void Recycle(CueHits hits) => _spareHits = hits;

    /// <summary>A trie node: its cue (or -1), and its one child (ASCII) or its row in the dense table.</summary>
    private struct Node
    {
        public int Terminal;
        public int Row;
        public int OneChild;
        public char OneChar;
    }

    // Built once per process (the rules' static matcher): compiled without optimisation, a fraction of the JIT time of
    // this long constructor (Core is jitted, with quick JIT off, so it would otherwise be compiled fully optimised).
    [MethodImpl(MethodImplOptions.NoOptimization)]
    public CueMatcher(IReadOnlyList<Cue> cues)
    {
        ArgumentNullException.ThrowIfNull(cues);
        Count = cues.Count;
        _lengths = new int[Count];
        var children = new List<List<(char C, int Child)>> { new() };
        var terminal = new List<int> { -1 };
        foreach (var cue in cues)
        {
            if (cue.Id >= Count || cue.Text.Length == 0)
            {
                throw new ArgumentException("cues must be the registry's, by id, and non-empty", nameof(cues));
            }

            _lengths[cue.Id] = cue.Text.Length;
            var node = 0;
            foreach (var c in cue.Text)
            {
                var next = ChildOf(children[node], c);
                if (next >= 0)
                {
                    node = next;
                    continue;
                }

                children.Add([]);
                terminal.Add(-1);
                children[node].Add((c, children.Count - 1));
                node = children.Count - 1;
            }

            terminal[node] = cue.Id;
        }

        _nodes = new Node[children.Count];
        _edgeStart = new int[children.Count];
        _edgeCount = new int[children.Count];
        var edges = 0;
        foreach (var c in children)
        {
            edges += c.Count;
        }

        _edgeChar = new char[edges];
        _edgeChild = new int[edges];
        var k = 0;
        for (var n = 0; n < children.Count; n++)
        {
            _edgeStart[n] = k;
            _edgeCount[n] = children[n].Count;
            foreach (var (c, child) in children[n])
            {
                _edgeChar[k] = c;
                _edgeChild[k] = child;
                k++;
            }
        }

        // The ASCII characters of the cues, in character order. (The set-up here is loops, not LINQ: Core is jitted,
        // and LINQ's generic code over chars and ints is compiled fully optimised at every start for this one call.)
        var inCues = new bool[128];
        foreach (var cue in cues)
        {
            foreach (var c in cue.Text)
            {
                if (c < 128)
                {
                    inCues[c] = true;
                }
            }
        }

        for (var c = 0; c < 128; c++)
        {
            if (inCues[c])
            {
                _alphabet[c] = (byte)++_alphabetSize;
            }
        }

        var rows = 0;
        for (var n = 0; n < children.Count; n++)
        {
            ref var node = ref _nodes[n];
            node.Terminal = terminal[n];
            node.OneChild = -1;
            node.Row = children[n].Count > 1 ? rows++ : -1;
            if (children[n].Count == 1 && children[n][0].C < 128)
            {
                (node.OneChar, node.OneChild) = children[n][0];
            }
        }

        StartsAtWords = true;
        foreach (var cue in cues)
        {
            StartsAtWords &= char.IsAsciiLetterOrDigit(cue.Text[0]);
            var t = cue.Text;
            if ((t.Length == 1 || t[0] >= 128 || t[1] >= 128) && t[0] < 128)
            {
                // Cannot be ruled out by an ASCII pair: the walk decides.
                _walkAlways[t[0]] = true;
            }
        }

        // At most a quarter full: most probes end at the first entry.
        var pairs = new List<int>();
        foreach (var cue in cues)
        {
            var t = cue.Text;
            if (t.Length >= 2 && t[0] < 128 && t[1] < 128 && !pairs.Contains((t[0] << 7) | t[1]))
            {
                pairs.Add((t[0] << 7) | t[1]);
            }
        }

        var bits = 4;
        while ((1 << bits) < pairs.Count * 4)
        {
            bits++;
        }

        _pairShift = 32 - bits;
        _pairKeys = new int[1 << bits];
        _pairNodes = new int[1 << bits];

        _dense = new int[rows * _alphabetSize];
        Array.Fill(_dense, -1);
        for (var n = 0; n < children.Count; n++)
        {
            if (_nodes[n].Row < 0)
            {
                continue;
            }

            foreach (var (c, child) in children[n])
            {
                if (c < 128)
                {
                    _dense[(_nodes[n].Row * _alphabetSize) + _alphabet[c] - 1] = child;
                }
            }
        }

        foreach (var pair in pairs)
        {
            var at = PairSlot(pair);
            while (_pairKeys[at] != 0)
            {
                at = (at + 1) & (_pairKeys.Length - 1);
            }

            _pairKeys[at] = pair + 1;
            _pairNodes[at] = Child(Child(0, (char)(pair >> 7)), (char)(pair & 127));
        }
    }

    // The child of a node under construction for a character, or -1.
    private static int ChildOf(List<(char C, int Child)> edges, char c)
    {
        foreach (var (e, child) in edges)
        {
            if (e == c)
            {
                return child;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int PairSlot(int pair) => (int)((uint)pair * 0x9E3779B1u >> _pairShift);

    /// <summary>The trie node after an ASCII pair that starts some cue, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int PairNode(int pair)
    {
        var keys = _pairKeys;
        var mask = keys.Length - 1;
        for (var at = PairSlot(pair); ; at = (at + 1) & mask)
        {
            var key = keys[at];
            if (key == pair + 1)
            {
                return _pairNodes[at];
            }

            if (key == 0)
            {
                return -1;
            }
        }
    }

    /// <summary>How many cues (ids 0 to Count - 1) the trie knows.</summary>
    public int Count { get; }

    /// <summary>
    /// Every cue starts with an ASCII letter or digit, so it can only occur where a run of letters and digits starts:
    /// <see cref="Match(string, ReadOnlySpan{Token}, List{int}?)"/> may be used.
    /// </summary>
    public bool StartsAtWords { get; }

    public int LengthOf(int id) => _lengths[id];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Child(int node, char c)
    {
        if (c < 128)
        {
            ref readonly var n = ref _nodes[node];
            var row = n.Row;
            if (row < 0)
            {
                return n.OneChar == c ? n.OneChild : -1;
            }

            var a = _alphabet[c];
            return a == 0 ? -1 : _dense[(row * _alphabetSize) + a - 1];
        }

        var end = _edgeStart[node] + _edgeCount[node];
        for (var e = _edgeStart[node]; e < end; e++)
        {
            if (_edgeChar[e] == c)
            {
                return _edgeChild[e];
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordChar(char c) => c < 128 ? char.IsAsciiLetterOrDigit(c) : char.IsLetterOrDigit(c);

    /// <summary>Every whole-word occurrence of every cue in <paramref name="lower"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per paper, all loop: see RelationRules
    public CueHits Match(string lower)
    {
        ArgumentNullException.ThrowIfNull(lower);
        var buffer = _scratch ??= new int[256];
        var n = 0;
        var len = lower.Length;
        // p is always a word start: the text's start, or the character after one that is no letter or digit (as
        // FindPhrase checks). After it, the rest of its word is passed over in a tight loop, not character by
        // character through the tests below.
        var p = 0;
        while (p < len)
        {
            var c = lower[p];
            WalkFrom(lower, p, ref buffer, ref n);
            p++;
            if (IsWordChar(c))
            {
                // Inside a word nothing starts; the character that ends it starts nothing either (a letter or digit
                // precedes it), so the next start is the one after it.
                while (p < len && IsWordChar(lower[p]))
                {
                    p++;
                }

                p++;
            }
        }

        return Collect(buffer, n, len);
    }

    /// <summary>
    /// <see cref="Match(string)"/> of a text whose word starts are already known: the starts of
    /// <paramref name="tokens"/> (all of the text's tokens, in order) and <paramref name="joined"/> (the starts inside
    /// tokens, in order; see <see cref="Tokenizer.Tokenize(string, string?, List{Token}?, List{int}?)"/>). Only for an
    /// all-ASCII text (its letters and digits are the lower-cased text's) and a matcher that <see cref="StartsAtWords"/>:
    /// a cue can then start nowhere else, so the walk goes from start to start without reading the text in between.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CueHits Match(string lower, ReadOnlySpan<Token> tokens, List<int>? joined)
    {
        ArgumentNullException.ThrowIfNull(lower);
        var buffer = _scratch ??= new int[256];
        var n = 0;
        var extra = joined is null ? [] : CollectionsMarshal.AsSpan(joined);
        var j = 0;
        foreach (var t in tokens)
        {
            while (j < extra.Length && extra[j] < t.Start)
            {
                WalkFrom(lower, extra[j++], ref buffer, ref n);
            }

            WalkFrom(lower, t.Start, ref buffer, ref n);
        }

        while (j < extra.Length)
        {
            WalkFrom(lower, extra[j++], ref buffer, ref n);
        }

        return Collect(buffer, n, lower.Length);
    }

    /// <summary>Records (id, p) for every cue that occurs as a whole word from word start <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WalkFrom(string lower, int p, ref int[] buffer, ref int n)
    {
        var len = lower.Length;
        var c = lower[p];
        int node;
        var q = p;
        if (c < 128 && p + 1 < len && !_walkAlways[c] && lower[p + 1] is var c1 && c1 < 128)
        {
            // No cue of one character starts with c (else it walks always): the first node that can end a cue is the
            // one after the pair.
            node = PairNode((c << 7) | c1);
            q = p + 1;
        }
        else
        {
            node = Child(0, c);
        }

        var nodes = _nodes;
        for (; node >= 0; node = ++q < len ? Child(node, lower[q]) : -1)
        {
            var id = nodes[node].Terminal;
            if (id >= 0 && (q + 1 >= len || !char.IsLetterOrDigit(lower[q + 1])))
            {
                if (n + 2 > buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                    _scratch = buffer;
                }

                buffer[n++] = id;
                buffer[n++] = p;
            }
        }
    }

    /// <summary>The hits in <paramref name="buffer"/> (id, position pairs, positions ascending) grouped by id.</summary>
    private CueHits Collect(int[] buffer, int n, int textLength)
    {
        // Counting sort by id; positions stay in text order within an id.
        var hits = _spareHits;
        _spareHits = null;
        int[] offsets;
        if (hits is not null && hits.Ends.Length == Count + 1)
        {
            offsets = hits.Ends;
            Array.Clear(offsets);
        }
        else
        {
            offsets = new int[Count + 1];
        }

        for (var i = 0; i < n; i += 2)
        {
            offsets[buffer[i] + 1]++;
        }

        for (var i = 1; i <= Count; i++)
        {
            offsets[i] += offsets[i - 1];
        }

        // Filling moves each id's start to its end, so afterwards the occurrences of id are [ends[id - 1], ends[id])
        // (from 0 for the first id): no second offsets array.
        // Only the first n / 2 positions are read (through the offsets): a recycled array may be longer.
        var positions = hits is not null && hits.Positions.Length >= n / 2 ? hits.Positions : new int[n / 2];
        for (var i = 0; i < n; i += 2)
        {
            positions[offsets[buffer[i]]++] = buffer[i + 1];
        }

        if (hits is null)
        {
            return new CueHits(this, offsets, positions, textLength);
        }

        hits.Reset(this, offsets, positions, textLength);
        return hits;
    }
}

/// <summary>
/// Where each cue occurs in one paper (from <see cref="CueMatcher.Match(string)"/>). Recycled: the next paper's match on
/// this thread refills the same object and tables.
/// </summary>
internal sealed class CueHits
{
    private CueMatcher _matcher;
    private int _textLength;

    public CueHits(CueMatcher matcher, int[] ends, int[] positions, int textLength) => Reset(matcher, ends, positions, textLength);

    /// <summary>Per cue id, the end of its positions in <see cref="Positions"/> (the start is the previous id's end).</summary>
    internal int[] Ends { get; private set; }

    /// <summary>The positions of all hits, grouped by cue id, ascending within an id (only those the ends cover are read).</summary>
    internal int[] Positions { get; private set; }

    /// <summary>Fills the hits (made, or recycled for another paper).</summary>
    [MemberNotNull(nameof(_matcher), nameof(Ends), nameof(Positions))]
    internal void Reset(CueMatcher matcher, int[] ends, int[] positions, int textLength)
    {
        _matcher = matcher;
        Ends = ends;
        Positions = positions;
        _textLength = textLength;
    }

    /// <summary>Gives the hits (their tables) back to the matcher; they must not be read afterwards.</summary>
    public void Recycle() => CueMatcher.Recycle(this);

    /// <summary>True when the matcher knows this cue (it was created before the matcher was built).</summary>
    public bool Covers(Cue cue) => cue.Id < _matcher.Count;

    /// <summary>True when the cue occurs anywhere in the paper.</summary>
    public bool Occurs(Cue cue) => Ends[cue.Id] > Start(cue.Id);

    private int Start(int id) => id == 0 ? 0 : Ends[id - 1];

    /// <summary>Same answer as <see cref="PaperContext.FindPhrase(string, int, int)"/>: the first whole-word occurrence inside [from, to), or -1.</summary>
    public int Find(Cue cue, int from, int to)
    {
        if (from < 0)
        {
            return -1;
        }

        to = Math.Min(to, _textLength);
        var id = cue.Id;
        var end = Ends[id];
        var positions = Positions;
        for (var k = Start(id); k < end; k++)
        {
            var p = positions[k];
            if (p >= from)
            {
                // Later occurrences end later still: if this one does not fit, none does.
                return p + _matcher.LengthOf(id) <= to ? p : -1;
            }
        }

        return -1;
    }
}
