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

    private sealed class Node
    {
        public Dictionary<string, Node>? Children;
        public List<(int Term, string[] Exact, bool CaseSensitive)>? Terminals;
    }

    public int MaxDepth { get; private set; }

    public void Add(string surface, int term)
    {
        var words = Tokenizer.Words(surface);
        if (words.Length == 0)
        {
            return;
        }

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

        return upper >= 2 && upper * 2 >= s.Count(char.IsLetter);
    }

    /// <summary>
    /// Longest match starting at token <paramref name="start"/>: the term index and the end token (exclusive).
    /// </summary>
    // Called for every token of every paper: compiled optimised at once rather than after a long tier-0 warm-up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (int Term, int EndToken)? Match(string text, List<Token> tokens, int start)
    {
        var span = CollectionsMarshal.AsSpan(tokens);
        var node = _root;
        var bestTerm = -1;
        var bestEnd = 0;
        for (var j = start; j < span.Length; j++)
        {
            if (j > start && !Tokenizer.IsJoiner(text, span[j - 1].End, span[j].Start))
            {
                break;
            }

            if (node.Children is null || !node.Children.TryGetValue(span[j].Norm, out var next))
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
