namespace PaperGraph.Core.Tests;

/// <summary>The paper context: its collections handed from paper to paper on a thread, and its entity key hash.</summary>
public sealed class PaperContextTests
{
    private static readonly Vocabulary Vocabulary = Vocabulary.Load(null);

    private static Paper P(string id, string title, string abstractText) => new(id, title, abstractText, null, null, [], new SourceLocation("test", 1));

    private static readonly Paper Long = P("test:1", "DeepSeek-V2: A Strong Mixture-of-Experts Language Model",
        "We present DeepSeek-V2, a strong Mixture-of-Experts (MoE) language model. It is initialized from DeepSeek-67B. "
        + "DeepSeek-V2 outperforms LLaMA-2 70B on MMLU (78.5 vs. 69.8). See https://github.com/deepseek-ai for code.");

    private static readonly Paper Short = P("test:2", "Phi-2", "We introduce Phi-2, fine-tuned from Phi-1.5 on textbooks.");

    private static string Describe(PaperExtraction x) =>
        string.Join("\n", x.Entities.Select(e => $"{e.Label} {e.Name} [{string.Join(",", e.Aliases)}]"))
        + "\n" + string.Join("\n", x.Relations.Select(r => $"{r.Type} {r.From.Name} {r.To.Name} {r.Start}-{r.End} {r.Rule}"))
        + "\n" + string.Join("\n", x.Unresolved.Select(u => $"{u.Surface} {u.Start} {u.Reason}"));

    [Fact]
    public void A_recycled_context_leaves_nothing_behind_for_the_next_paper()
    {
        var extractor = Extractor.CreateDefault();
        var shortFirst = Describe(extractor.Extract(Short));
        var longFirst = Describe(extractor.Extract(Long));

        // Each paper again, after the other one recycled its collections on this thread.
        Assert.Equal(shortFirst, Describe(extractor.Extract(Short)));
        Assert.Equal(longFirst, Describe(extractor.Extract(Long)));
        Assert.Equal(shortFirst, Describe(extractor.Extract(Short)));
    }

    [Fact]
    public void An_extraction_keeps_its_relations_after_later_papers_reuse_the_context_collections()
    {
        var extractor = Extractor.CreateDefault();
        var kept = extractor.Extract(Long);
        var described = Describe(kept);
        Assert.NotEmpty(kept.Relations);

        extractor.Extract(Short);
        extractor.Extract(Long);

        Assert.Equal(described, Describe(kept));
    }

    [Fact]
    public void An_extraction_keeps_its_unresolved_mentions_and_one_without_any_has_an_empty_list()
    {
        var extractor = Extractor.CreateDefault();
        var ambiguous = extractor.Extract(P("test:3", "Comparison", "We compare Llama-V2 and Qwen-V2. V2 is ambiguous here."));
        var described = Describe(ambiguous);
        Assert.NotEmpty(ambiguous.Unresolved);

        Assert.Empty(extractor.Extract(Short).Unresolved);
        extractor.Extract(P("test:4", "Again", "We compare Llama-V2 and Qwen-V2. V2 is ambiguous here too."));

        Assert.Equal(described, Describe(ambiguous));
    }

    [Fact]
    public void A_context_made_from_recycled_collections_has_this_papers_tokens_and_sentences_only()
    {
        var first = new PaperContext(Long, Vocabulary);
        var tokens = first.Tokens.Select(t => (t.Start, t.End, t.Norm)).ToList();
        var sentences = first.Sentences.ToList();
        first.Recycle();

        var second = new PaperContext(Short, Vocabulary);
        Assert.Equal(Tokenizer.Tokenize(second.Text, second.Lower).Select(t => (t.Start, t.End, t.Norm)), second.Tokens.Select(t => (t.Start, t.End, t.Norm)));
        Assert.Equal(SentenceSplitter.Split(second.Text, Short.Title.Length), second.Sentences);
        Assert.Empty(second.Entities);
        Assert.Empty(second.IntroducedModels);
        Assert.Empty(second.Relations);
        Assert.Empty(second.Unresolved);
        second.Recycle();

        var again = new PaperContext(Long, Vocabulary);
        Assert.Equal(tokens, again.Tokens.Select(t => (t.Start, t.End, t.Norm)));
        Assert.Equal(sentences, again.Sentences);
    }

    [Fact]
    public void A_recycled_contexts_lower_cased_text_serves_the_next_paper_of_its_length()
    {
        var a = P("test:5", "Same Length", "We Present ALPHA-1.");
        var b = P("test:6", "same length", "we present beta-22.");
        Assert.Equal(a.Text.Length, b.Text.Length);

        var first = new PaperContext(a, Vocabulary);
        var lower = first.Lower;
        Assert.Equal(a.Text.ToLowerInvariant(), lower);
        first.Recycle();

        var second = new PaperContext(b, Vocabulary);
        Assert.Same(lower, second.Lower);
        Assert.Equal(b.Text, second.Lower);

        // While the second context holds it, a third paper of the length gets its own.
        var third = new PaperContext(a, Vocabulary);
        Assert.NotSame(second.Lower, third.Lower);
        Assert.Equal(a.Text.ToLowerInvariant(), third.Lower);
        Assert.Equal(b.Text, second.Lower);
        second.Recycle();
        third.Recycle();
    }

    [Fact]
    public void Url_tokens_are_masked_and_a_text_without_urls_masks_nothing()
    {
        var ctx = new PaperContext(Long, Vocabulary);
        var url = Long.Text.IndexOf("https://", StringComparison.Ordinal);
        Assert.Equal([(url, Long.Text.IndexOf(" for code", StringComparison.Ordinal))], ctx.Masked);
        Assert.DoesNotContain(ctx.Tokens, t => t.Norm == "github");
        Assert.Empty(new PaperContext(Short, Vocabulary).Masked);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("gpt")]
    [InlineData("gpt4")]
    [InlineData("llama-2-70b-chat")]
    [InlineData("qwen2.5-72b-instruct")]
    public void The_entity_key_hash_agrees_with_equality(string key)
    {
        var comparer = EntityKeyComparer.Instance;
        var copy = new string(key.AsSpan());
        Assert.True(comparer.Equals((NodeLabel.Model, key), (NodeLabel.Model, copy)));
        Assert.Equal(comparer.GetHashCode((NodeLabel.Model, key)), comparer.GetHashCode((NodeLabel.Model, copy)));
        Assert.False(comparer.Equals((NodeLabel.Model, key), (NodeLabel.Technique, key)));
    }

    [Fact]
    public void Entity_keys_that_differ_only_where_the_hash_does_not_look_are_still_told_apart()
    {
        var entities = new Dictionary<(NodeLabel, string), int>(EntityKeyComparer.Instance)
        {
            [(NodeLabel.Model, "llama-2-70b-chat")] = 2,
            [(NodeLabel.Model, "llama-3-70b-chat")] = 3,
            [(NodeLabel.Model, "llama-3-70b-chat-x")] = 4,
        };

        Assert.Equal(2, entities[(NodeLabel.Model, "llama-2-70b-chat")]);
        Assert.Equal(3, entities[(NodeLabel.Model, "llama-3-70b-chat")]);
        Assert.False(entities.ContainsKey((NodeLabel.Model, "llama-4-70b-chat")));
    }
}
