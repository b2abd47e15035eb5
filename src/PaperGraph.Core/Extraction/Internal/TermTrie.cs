using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PaperGraph.Core;

/// <summary>
/// A trie over normalised word tokens of every vocabulary surface form, so the text is matched in one pass
/// (each start token walks at most the depth of the longest term). Short or all-capital forms match case-sensitively.
/// </summary>
internal sealed class TermTrie
{
    private readonly Node _root = new();

    internal sealed class Node
    {
        public Dictionary<string, Node>? Children;
        public List<(int Term, string[] Exact, bool CaseSensitive)>? Terminals;
    }

    public int MaxDepth { get; private set; }

    // The root is looked up for every token of every paper, and most tokens start no term. Token normal forms are
    // interned per thread (one string per word), so a small per-thread table keyed by the string's identity answers
    // the root step without hashing the word's characters again. A miss or a collision falls back to the dictionary;
    // the table only ever holds what the dictionary answered for that same string.
    private const int RootCacheSize = 8192;

    [ThreadStatic]
    private static RootCache? _rootCache;

    // Bumped by Add, so a table filled before a later Add is not trusted.
    private int _version;

    /// <summary>The per-thread table of root steps (see <see cref="Cache"/>).</summary>
    internal sealed class RootCache(TermTrie owner, int version)
    {
        public readonly TermTrie Owner = owner;
        public readonly int Version = version;
        public readonly Entry[] Entries = new Entry[RootCacheSize];
    }

    internal struct Entry
    {
        public string? Key;
        public Node? Node;
    }

    /// <summary>Adds a surface form of term number <paramref name="term"/> (while the vocabulary is loaded).</summary>
    [MethodImpl(MethodImplOptions.NoOptimization)]
    public void Add(string surface, int term)
    {
        var words = Tokenizer.Words(surface);
        if (words.Length == 0)
        {
            return;
        }

        _version++;

        var node = _root;
        foreach (var w in words)
        {
            node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            var key = Tokenizer.Normalise(w);
            if (!node.Children.TryGetValue(key, out var next))
            {
                node.Children[key] = next = new Node();
            }

            node = next;
        }

        var caseSensitive = surface.Length <= 5 || (words.Length == 1 && IsAcronymLike(surface));
        node.Terminals ??= [];
        node.Terminals.Add((term, words, caseSensitive));
        MaxDepth = Math.Max(MaxDepth, words.Length);
    }

    private static bool IsAcronymLike(string s)
    {
        var upper = 0;
        foreach (var c in s)
        {
            if (char.IsUpper(c))
            {
                upper++;
            }
        }

        if (upper < 2)
        {
            return false;
        }

        // A loop, not s.Count(char.IsLetter): LINQ's generic code over chars would be jitted at start-up for this.
        var letters = 0;
        foreach (var c in s)
        {
            if (char.IsLetter(c))
            {
                letters++;
            }
        }

        return upper * 2 >= letters;
    }

    /// <summary>
    /// Longest match starting at token <paramref name="start"/>: the term index and the end token (exclusive).
    /// </summary>
    // Called for every token of every paper: compiled optimised at once rather than after a long tier-0 warm-up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (int Term, int EndToken)? Match(string text, List<Token> tokens, int start) =>
        Match(text, CollectionsMarshal.AsSpan(tokens), start, Cache());

    /// <summary>
    /// The calling thread's table of root steps for this trie, made or renewed when needed: a caller matching at every
    /// token of a paper fetches it once and passes it to each <see cref="Match(string, ReadOnlySpan{Token}, int, RootCache)"/>
    /// (valid until the next <see cref="Add"/>).
    /// </summary>
    internal RootCache Cache()
    {
        var cache = _rootCache;
        if (cache is null || !ReferenceEquals(cache.Owner, this) || cache.Version != _version)
        {
            _rootCache = cache = new RootCache(this, _version);
        }

        return cache;
    }

    /// <summary><see cref="Match(string, List{Token}, int)"/> over the tokens as a span, with the thread's <see cref="Cache"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal (int Term, int EndToken)? Match(string text, ReadOnlySpan<Token> span, int start, RootCache cache)
    {
        if ((uint)start >= (uint)span.Length || RootChild(span[start].Norm, cache) is not { } node)
        {
            return null;
        }

        var bestTerm = -1;
        var bestEnd = 0;
        for (var j = start; j < span.Length; j++)
        {
            Node next;
            if (j == start)
            {
                next = node;
            }
            else if (!Tokenizer.IsJoiner(text, span[j - 1].End, span[j].Start)
                     || node.Children is null || !node.Children.TryGetValue(span[j].Norm, out next!))
            {
                break;
            }

            node = next;
            if (node.Terminals is not { } terminals)
            {
                continue;
            }

            foreach (var (term, exact, cs) in terminals)
            {
                if (!cs || ExactMatch(text, span, start, exact))
                {
                    bestTerm = term;
                    bestEnd = j + 1;
                    break;
                }
            }
        }

        return bestTerm >= 0 ? (bestTerm, bestEnd) : null;
    }

    /// <summary>The root's child for a first word, or null: through the per-thread identity table, else the dictionary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Node? RootChild(string norm, RootCache cache)
    {
        ref var entry = ref cache.Entries[RuntimeHelpers.GetHashCode(norm) & (RootCacheSize - 1)];
        if (ReferenceEquals(entry.Key, norm))
        {
            return entry.Node;
        }

        Node? child = null;
        _root.Children?.TryGetValue(norm, out child);
        entry.Key = norm;
        entry.Node = child;
        return child;
    }

    private static bool ExactMatch(string text, ReadOnlySpan<Token> tokens, int start, string[] exact)
    {
        for (var k = 0; k < exact.Length; k++)
        {
            var t = text.AsSpan(tokens[start + k].Start, tokens[start + k].Length);
            var e = exact[k];
            if (t.Equals(e, StringComparison.Ordinal))
            {
                continue;
            }

            // Plural of an acronym: "MoEs", "SAEs".
            if (k == exact.Length - 1 && t.Length == e.Length + 1 && t[^1] == 's' && t[..^1].Equals(e, StringComparison.Ordinal))
            {
                continue;
            }

            return false;
        }

        return true;
    }
}
