namespace PaperGraph.Core.Tests;

/// <summary>The mention finder reuses per-thread working lists: each paper's mentions must stay its own.</summary>
public sealed class MentionFinderTests
{
    private static readonly Vocabulary Vocab = Vocabulary.Load(null);

    private static PaperContext Find(MentionFinder finder, string title, string abstractText)
    {
        var ctx = new PaperContext(new Paper("test:1", title, abstractText, null, null, [], new SourceLocation("test", 1)), Vocab);
        finder.Find(ctx);
        return ctx;
    }

    private static string[] Describe(PaperContext ctx) => [.. ctx.Mentions.Select(m => $"{m.Label}:{m.Name}@{m.Start}-{m.End}:{m.Rule}:{m.Sentence}")];

    [Fact]
    public void A_papers_mentions_do_not_change_when_the_next_paper_is_read_on_the_same_thread()
    {
        var finder = new MentionFinder(Vocab, new ModelGrammar(Vocab));
        var first = Find(finder, "DeepSeek-V3 Technical Report",
            "We present DeepSeek-V3, a Mixture-of-Experts (MoE) model. DeepSeek-V3 outperforms Llama 3.1 405B on MMLU and GSM8K.");
        var before = Describe(first);
        Assert.NotEmpty(before);

        var second = Find(finder, "Qwen2.5-Math", "We introduce Qwen2.5-Math-7B, trained with Group Relative Policy Optimization (GRPO) on the MATH benchmark.");

        Assert.Equal(before, Describe(first));
        Assert.NotSame(first.Mentions, second.Mentions);
        Assert.Contains(second.Mentions, m => m.Rule == "acronym.definition" || m.Acronym == "GRPO");
    }

    [Fact]
    public void The_same_paper_read_twice_gives_the_same_mentions()
    {
        var finder = new MentionFinder(Vocab, new ModelGrammar(Vocab));
        const string Title = "Code Llama: Open Foundation Models for Code";
        const string Abstract = "We release Code Llama 7B, built on Llama 2 7B. The 70B Llama-2 model and Mistral 7B v0.1 are compared on HumanEval and MBPP benchmarks.";
        var once = Describe(Find(finder, Title, Abstract));
        _ = Find(finder, "Another paper", "We propose Sparse Attention (SA), evaluated on the LongBench benchmark.");
        var twice = Describe(Find(finder, Title, Abstract));

        Assert.Equal(once, twice);
    }

    [Fact]
    public void Every_cue_word_pattern_still_fires()
    {
        var finder = new MentionFinder(Vocab, new ModelGrammar(Vocab));
        var ctx = Find(finder, "Cue words",
            "We release a family of models, which we name Zorblax. We scale up Zorblax to 16B parameters. "
            + "Robust Intelligence, a subsidiary of Cisco, helped. We propose FlashTrixAttn for speed. "
            + "Results are evaluated on the ZorbQA benchmark.");
        var rules = ctx.Mentions.Select(m => m.Rule).ToHashSet();
        Assert.Contains("pattern.named-model", rules);
        Assert.Contains("pattern.scale-to-size", rules);
        Assert.Contains("pattern.org-subsidiary", rules);
        Assert.Contains("pattern.we-propose-name", rules);
        Assert.Contains("pattern.x-benchmark", rules);
    }

    [Fact]
    public void Candidates_dropped_in_one_paper_are_not_mentions_of_an_earlier_one()
    {
        // Overlapping candidates ("DeepSeek" the organisation inside "DeepSeek V3") are dropped, and their objects made
        // over for the next paper: an earlier paper's mentions must keep their own objects and values.
        var finder = new MentionFinder(Vocab, new ModelGrammar(Vocab));
        var first = Find(finder, "DeepSeek V3 and Llama 2 7B", "We compare DeepSeek V3 with Llama 2 7B and GPT-4 on MMLU using Rotary Position Embedding (RoPE).");
        var firstMentions = first.Mentions.ToArray();
        var described = Describe(first);
        Assert.Contains(described, d => d.StartsWith("Model:DeepSeek V3@", StringComparison.Ordinal));
        for (var k = 0; k < 3; k++)
        {
            var next = Find(finder, "DeepSeek R1 and Mistral 7B", "DeepSeek R1 beats Mistral 7B and Qwen 2.5 72B on GSM8K with Mixture of Experts (MoE).");
            Assert.Equal(described, Describe(first));
            Assert.DoesNotContain(next.Mentions, m => Array.IndexOf(firstMentions, m) >= 0);
        }
    }

    private static Mention At(int start, int end, string name) =>
        new() { Label = NodeLabel.Model, Name = name, Surface = name, Start = start, End = end, Rule = "test" };

    private static readonly Comparison<Mention> ByStart = (a, b) => a.Start.CompareTo(b.Start);

    [Theory]
    [InlineData(5)]
    [InlineData(40)]
    public void Sorting_unless_ordered_gives_what_List_Sort_gives(int count)
    {
        // In order already: left as it is.
        var ordered = Enumerable.Range(0, count).Select(k => At(k * 3, k * 3 + 2, $"m{k}")).ToList();
        var before = ordered.ToArray();
        MentionFinder.SortUnlessOrdered(ordered, ByStart);
        Assert.Equal(before, ordered);

        // Out of order, or with equal neighbours (which an unstable sort may swap): exactly what List.Sort makes of it.
        var random = new Random(7);
        foreach (var equalStarts in new[] { false, true })
        {
            var shuffled = Enumerable.Range(0, count).Select(k => At(equalStarts ? k / 3 : random.Next(1_000), 0, $"m{k}")).ToList();
            if (equalStarts)
            {
                Assert.True(count < 3 || shuffled[0].Start == shuffled[1].Start);
            }

            var expected = shuffled.ToList();
            expected.Sort(ByStart);
            MentionFinder.SortUnlessOrdered(shuffled, ByStart);
            Assert.Equal(expected, shuffled);
        }
    }
}
