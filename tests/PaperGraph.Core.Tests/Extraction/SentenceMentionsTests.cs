namespace PaperGraph.Core.Tests;

/// <summary>The per-thread sentence mention lists: a paper's mentions by sentence in text order, paper after paper.</summary>
public sealed class SentenceMentionsTests
{
    private static readonly Vocabulary Vocabulary = Vocabulary.Load(null);

    private static PaperContext Context(string title, string abstractText)
    {
        var ctx = new PaperContext(new Paper("test:1", title, abstractText, null, null, [], new SourceLocation("test", 1)), Vocabulary);
        new MentionFinder(Vocabulary, new ModelGrammar(Vocabulary)).Find(ctx);
        return ctx;
    }

    private static void AssertSameAsContext(PaperContext ctx)
    {
        var index = SentenceMentions.Of(ctx);
        for (var s = -1; s <= ctx.Sentences.Count; s++)
        {
            // The grouping written plainly: the sentence's mentions, stable-sorted by start.
            var expected = ctx.Mentions.Where(m => m.Sentence == s).OrderBy(m => m.Start).ToList();
            Assert.Equal(expected, index.InSentence(s));
            foreach (var label in Enum.GetValues<NodeLabel>())
            {
                Assert.Equal(expected.Where(m => m.Label == label), index.InSentence(s, label));
            }
        }
    }

    [Fact]
    public void Each_paper_gets_its_own_lists_in_text_order_by_label()
    {
        var first = Context("Llama 2: Open Foundation Models",
            "We present Llama 2 and Llama 2-Chat, fine-tuned from Llama 2 with RLHF. Llama 2-Chat outperforms GPT-3.5 on MMLU. "
            + "Meta releases the models. Compared with Falcon-40B, Llama 2-70B achieves 68.9% on MMLU and 29.9% on HumanEval.");
        AssertSameAsContext(first);

        var second = Context("Mistral 7B", "Mistral 7B uses grouped-query attention (GQA).");
        AssertSameAsContext(second);
        Assert.Empty(SentenceMentions.Of(second).InSentence(5));

        // Asked again for the first paper, the lists are refilled for it.
        AssertSameAsContext(first);
    }
}
