namespace PaperGraph.Core.Tests;

/// <summary>
/// A thread's mentions and entities are made over for its next paper once the last paper's context is recycled, and only
/// then: each paper's objects hold its own values, and a context still in use keeps its own.
/// </summary>
public sealed class PaperObjectsTests
{
    private static readonly Vocabulary Vocab = Vocabulary.Load(null);

    private static readonly Paper First = Paper("test:1", "DeepSeek-V3 Technical Report",
        "We present DeepSeek-V3, a Mixture-of-Experts (MoE) model with 671B parameters. DeepSeek-V3 outperforms Llama 3.1 405B "
        + "on MMLU and GSM8K, and the Multi-head Latent Attention (MLA) of DeepSeek-V2 is kept. MLA saves memory.");

    private static readonly Paper Second = Paper("test:2", "Qwen2.5-Math: Expert Models",
        "We introduce Qwen2.5-Math-7B, trained with Group Relative Policy Optimization (GRPO) on the MATH benchmark. "
        + "GRPO beats PPO. Mistral 7B v0.1 and the 70B Llama-2 model are compared on HumanEval.");

    private static Paper Paper(string id, string title, string abstractText) =>
        new(id, title, abstractText, null, null, [], new SourceLocation("test", 1));

    private static PaperContext Built(MentionFinder finder, Paper paper)
    {
        var ctx = new PaperContext(paper, Vocab);
        finder.Find(ctx);
        EntityBuilder.Build(ctx);
        return ctx;
    }

    private static string[] Describe(PaperContext ctx) =>
    [
        .. ctx.Mentions.Select(m => $"{m.Label}:{m.Name}:{m.Surface}@{m.Start}-{m.End}:{m.Rule}:{m.Sentence}:{m.Acronym}:{m.Category}:{m.Term?.Name}:{m.Model?.Name}:{m.Nested}:{string.Join("|", m.ExtraAliasList())}:{m.Key}"),
        .. ctx.Entities.Values.Select(e => $"{e.Label}:{e.Name}:{e.Key}:{string.Join("|", e.Aliases.ToList())}:{string.Join("|", e.Properties.Select(p => $"{p.Key}={p.Value}"))}"
            + $":{string.Join("|", e.Mentions.Select(m => m.Start))}:{e.Role}:{e.RoleRule}:{e.RoleConfidence}:{e.RoleEvidence}:{e.InTitle}:{e.FoundInText}:{e.Ref}"),
    ];

    [Fact]
    public void After_a_recycled_paper_the_next_papers_mentions_and_entities_are_its_objects_made_over_with_the_new_values()
    {
        var finder = new MentionFinder(Vocab, new ModelGrammar(Vocab));
        // The second paper read after a context that is never recycled: all its objects are new.
        var expected = Describe(Built(finder, Second));

        var first = Built(finder, First);
        var firstMentions = first.Mentions.ToHashSet(ReferenceEqualityComparer.Instance);
        var firstEntities = first.Entities.Values.ToHashSet(ReferenceEqualityComparer.Instance);
        var firstList = first.Mentions;
        first.Recycle();

        var second = Built(finder, Second);
        Assert.Equal(expected, Describe(second));
        Assert.Contains(second.Mentions, m => firstMentions.Contains(m));
        Assert.Contains(second.Entities.Values, e => firstEntities.Contains(e));
        Assert.Same(firstList, second.Mentions);
    }

    [Fact]
    public void A_context_that_was_not_recycled_keeps_its_mentions_and_entities_when_the_next_paper_is_read()
    {
        var finder = new MentionFinder(Vocab, new ModelGrammar(Vocab));
        var first = Built(finder, First);
        first.Recycle();

        // Read after a recycled context, so made in its objects; then kept while two more papers are read.
        var kept = Built(finder, Second);
        var before = Describe(kept);
        var keptObjects = kept.Mentions.Cast<object>().Concat(kept.Entities.Values).ToHashSet(ReferenceEqualityComparer.Instance);

        var third = Built(finder, First);
        Assert.Equal(before, Describe(kept));
        Assert.DoesNotContain(third.Mentions, m => keptObjects.Contains(m));
        Assert.DoesNotContain(third.Entities.Values, e => keptObjects.Contains(e));
        third.Recycle();

        var fourth = Built(finder, First);
        Assert.Equal(before, Describe(kept));
        Assert.DoesNotContain(fourth.Mentions, m => keptObjects.Contains(m));
        Assert.NotSame(kept.Mentions, fourth.Mentions);
    }

    [Fact]
    public void A_renewed_entity_is_like_a_new_one_but_for_its_label_and_name()
    {
        var mention = new Mention { Label = NodeLabel.Model, Name = "Veltra-2", Surface = "Veltra-2", Start = 0, End = 8, Rule = "test" };
        var e = new PaperEntity { Label = NodeLabel.Model, Name = "Veltra-2" };
        e.Mentions.Add(mention);
        e.Aliases.Add("Veltra-2");
        var handedOver = e.Aliases.HandOver();
        e.Properties = new Dictionary<string, object?> { ["version"] = "2" };
        e.Role = RelType.Introduces;
        e.RoleEvidence = mention;
        e.RoleRule = "role.introduces";
        e.RoleConfidence = 0.5;
        e.InTitle = true;
        e.FoundInText = false;
        _ = e.Key;
        _ = e.Ref;

        Assert.Same(e, e.Renew(NodeLabel.Benchmark, "MMLU"));
        var fresh = new PaperEntity { Label = NodeLabel.Benchmark, Name = "MMLU" };
        Assert.Equal((fresh.Label, fresh.Name, fresh.Key, fresh.Aliases.Count, fresh.Mentions.Count, fresh.Properties.Count),
            (e.Label, e.Name, e.Key, e.Aliases.Count, e.Mentions.Count, e.Properties.Count));
        Assert.Equal((fresh.Role, fresh.RoleEvidence, fresh.RoleRule, fresh.RoleConfidence, fresh.InTitle, fresh.FoundInText),
            (e.Role, e.RoleEvidence, e.RoleRule, e.RoleConfidence, e.InTitle, e.FoundInText));
        Assert.Equal(fresh.Ref, e.Ref);
        Assert.Equal("mmlu", e.Key);
        // The alias list handed over before stays as it was.
        Assert.Equal(["Veltra-2"], handedOver);
        e.Aliases.Add("mmlu");
        Assert.Equal(["Veltra-2"], handedOver);
        Assert.Equal(["mmlu"], e.Aliases.HandOver());
    }
}
