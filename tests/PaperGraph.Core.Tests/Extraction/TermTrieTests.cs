namespace PaperGraph.Core.Tests;

/// <summary>The vocabulary trie, in particular its per-thread table of first words (keyed by string identity).</summary>
public sealed class TermTrieTests
{
    private static List<Token> Tokens(string text) => Tokenizer.Tokenize(text, Tokenizer.LowerInvariant(text));

    [Fact]
    public void The_longest_term_at_a_token_is_found()
    {
        var trie = new TermTrie();
        trie.Add("Mixture of Experts", 0);
        trie.Add("Mixture", 1);
        const string text = "a Mixture of Experts layer and a Mixture";
        var tokens = Tokens(text);

        Assert.Equal((0, 4), trie.Match(text, tokens, 1));
        Assert.Equal((1, 8), trie.Match(text, tokens, 7));
        Assert.Null(trie.Match(text, tokens, 6));
        Assert.Null(trie.Match(text, tokens, tokens.Count));
    }

    [Fact]
    public void Repeated_lookups_of_the_same_word_give_the_same_answer()
    {
        var trie = new TermTrie();
        trie.Add("GRPO", 0);
        const string text = "GRPO beats PPO; grpo is lower-case; GRPO again";
        var tokens = Tokens(text);
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal((0, 1), trie.Match(text, tokens, 0));
            Assert.Null(trie.Match(text, tokens, 1));
            Assert.Null(trie.Match(text, tokens, 3)); // case-sensitive short form: "grpo" is not GRPO
            Assert.Equal((0, 8), trie.Match(text, tokens, 7));
        }
    }

    [Fact]
    public void A_term_added_after_matching_is_found_by_later_matches()
    {
        var trie = new TermTrie();
        trie.Add("Transformer", 0);
        const string text = "Transformer and Mamba";
        var tokens = Tokens(text);
        Assert.Null(trie.Match(text, tokens, 2));

        trie.Add("Mamba", 1);

        Assert.Equal((1, 3), trie.Match(text, tokens, 2));
        Assert.Equal((0, 1), trie.Match(text, tokens, 0));
    }

    [Fact]
    public void Matching_with_a_fetched_cache_answers_like_matching_without()
    {
        var trie = new TermTrie();
        trie.Add("Mixture of Experts", 0);
        trie.Add("GRPO", 1);
        const string text = "GRPO and a Mixture of Experts; grpo, GRPO";
        var tokens = Tokens(text);
        var cache = trie.Cache();
        Assert.Same(cache, trie.Cache());
        for (var i = 0; i <= tokens.Count; i++)
        {
            Assert.Equal(trie.Match(text, tokens, i), trie.Match(text, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens), i, cache));
        }

        trie.Add("Experts", 2);
        Assert.NotSame(cache, trie.Cache()); // a table filled before an Add is not used after it
        var experts = tokens.FindIndex(t => text[t.Start..t.End] == "Experts");
        Assert.Equal((2, experts + 1), trie.Match(text, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens), experts, trie.Cache()));
    }

    [Fact]
    public void Two_tries_on_one_thread_keep_their_own_answers()
    {
        var first = new TermTrie();
        first.Add("Adam", 0);
        var second = new TermTrie();
        second.Add("Lion", 0);
        const string text = "Adam or Lion";
        var tokens = Tokens(text);
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal((0, 1), first.Match(text, tokens, 0));
            Assert.Null(second.Match(text, tokens, 0));
            Assert.Equal((0, 3), second.Match(text, tokens, 2));
            Assert.Null(first.Match(text, tokens, 2));
        }
    }

    [Fact]
    public void Words_longer_than_the_intern_limit_still_match()
    {
        var word = "Supercalifragilisticexpialidociousnessformer";
        var trie = new TermTrie();
        trie.Add(word, 0);
        var text = "the " + word + " model";
        var tokens = Tokens(text);

        Assert.Equal((0, 2), trie.Match(text, tokens, 1));
        Assert.Equal((0, 2), trie.Match(text, Tokens(text), 1));
    }
}
