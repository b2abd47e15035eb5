namespace PaperGraph.Core.Tests;

public sealed class MentionTests
{
    private static Mention Make() => new() { Label = NodeLabel.Model, Name = "Veltra-2", Surface = "Veltra-2", Start = 0, End = 8, Rule = "test" };

    [Fact]
    public void A_mention_without_extra_aliases_has_none_to_walk()
    {
        var m = Make();
        Assert.False(m.HasExtraAliases);
        Assert.Equal(0, m.ExtraAliases.Count);
        Assert.Empty(m.ExtraAliasList());
    }

    [Fact]
    public void One_extra_alias_is_walked_once()
    {
        var m = Make();
        m.ExtraAliases.Add("Veltra 2");
        Assert.True(m.HasExtraAliases);
        Assert.Equal(1, m.ExtraAliases.Count);
        Assert.Equal(["Veltra 2"], m.ExtraAliasList());
    }

    [Fact]
    public void Several_extra_aliases_are_walked_in_the_order_added_duplicates_kept()
    {
        var m = Make();
        m.ExtraAliases.Add("b");
        m.ExtraAliases.Add("a");
        m.ExtraAliases.Add("b");
        m.ExtraAliases.Add("c");
        m.ExtraAliases.Add("d");
        Assert.Equal(5, m.ExtraAliases.Count);
        Assert.Equal(["b", "a", "b", "c", "d"], m.ExtraAliasList());
    }

    private static readonly TermEntry Rope = new(NodeLabel.Technique, "Rotary Position Embedding", "RoPE", [], "positional-encoding", false);

    [Fact]
    public void A_new_mention_has_no_term_acronym_or_category()
    {
        var m = Make();
        Assert.Null(m.Term);
        Assert.Null(m.Acronym);
        Assert.Null(m.Category);
    }

    [Fact]
    public void UseTerm_gives_the_term_with_its_acronym_and_category()
    {
        var m = Make();
        m.UseTerm(Rope);
        Assert.Same(Rope, m.Term);
        Assert.Equal("RoPE", m.Acronym);
        Assert.Equal("positional-encoding", m.Category);
    }

    [Fact]
    public void Term_acronym_and_category_are_set_independently()
    {
        var m = Make();
        m.Acronym = "VT";
        Assert.Equal("VT", m.Acronym);
        Assert.Null(m.Term);
        Assert.Null(m.Category);

        m.Category = "llm";
        Assert.Equal(("VT", "llm"), (m.Acronym, m.Category));
        Assert.Null(m.Term);

        m.Term = Rope;
        Assert.Same(Rope, m.Term);
        Assert.Equal(("VT", "llm"), (m.Acronym, m.Category));

        m.Acronym = null;
        m.Category = null;
        Assert.Same(Rope, m.Term);
        Assert.Null(m.Acronym);
        Assert.Null(m.Category);

        m.UseTerm(Rope);
        m.Category = "other";
        Assert.Equal(("RoPE", "other"), (m.Acronym, m.Category));
        m.Term = null;
        Assert.Equal(("RoPE", "other"), (m.Acronym, m.Category));
    }

    [Fact]
    public void A_term_carries_the_key_of_its_name() => Assert.Equal(NameKey.Of(Rope.Name), Rope.Key);

    [Fact]
    public void The_key_of_a_mention_named_by_its_term_or_parse_is_theirs_until_renamed()
    {
        var byTerm = Make();
        byTerm.Name = Rope.Name;
        byTerm.UseTerm(Rope);
        Assert.Same(Rope.Key, byTerm.Key);

        var parse = new ModelParse("Veltra-2 7B", null, "Veltra", "Veltra", "2", "7B", null, null, false);
        var byParse = Make();
        byParse.Name = parse.Name;
        byParse.Model = parse;
        Assert.Same(parse.Key, byParse.Key);
        byParse.Name = "Veltra-2 7B Chat";
        Assert.Equal("veltra27bchat", byParse.Key);

        var other = Make();
        other.Model = parse;
        Assert.Equal("veltra2", other.Key);
    }

    [Fact]
    public void An_entity_takes_the_key_of_its_first_mention_while_it_bears_that_name()
    {
        var parse = new ModelParse("Veltra-2 7B", null, "Veltra", "Veltra", "2", "7B", null, null, false);
        var m = Make();
        m.Name = parse.Name;
        m.Model = parse;
        var alone = new PaperEntity { Label = NodeLabel.Model, Name = m.Name };
        Assert.Equal("veltra27b", alone.Key);
        var e = new PaperEntity { Label = NodeLabel.Model, Name = m.Name };
        e.Mentions.Add(m);
        Assert.Same(parse.Key, e.Key);
        e.Name = "Veltra-2";
        Assert.Equal("veltra2", e.Key);
        var other = new PaperEntity { Label = NodeLabel.Model, Name = "Other 1B" };
        other.Mentions.Add(m);
        Assert.Equal("other1b", other.Key);
    }

    [Fact]
    public void Key_follows_the_name()
    {
        var m = Make();
        Assert.Equal("veltra2", m.Key);
        m.Name = "Veltra-3 7B";
        Assert.Equal("veltra37b", m.Key);
    }

    [Fact]
    public void Label_and_rule_read_back_as_set()
    {
        var m = Make();
        foreach (var label in Enum.GetValues<NodeLabel>())
        {
            m.Label = label;
            Assert.Equal(label, m.Label);
        }

        Assert.Equal("test", m.Rule);
        m.Rule = "acronym.definition";
        Assert.Same("acronym.definition", m.Rule);
        // A rule string made at run time is read back equal (the first string registered under that text).
        var made = string.Concat("resolve.", "made-at-run-time");
        m.Rule = made;
        Assert.Equal("resolve.made-at-run-time", m.Rule);
        m.Rule = new string(made.AsSpan());
        Assert.Equal("resolve.made-at-run-time", m.Rule);
        Assert.Equal(MentionRules.Id(made), MentionRules.Id(new string(made.AsSpan())));
        Assert.NotEqual(MentionRules.Id("acronym.use"), MentionRules.Id("acronym.definition"));
    }

    [Fact]
    public void A_vocabulary_rule_is_one_string_per_label()
    {
        foreach (var label in Enum.GetValues<NodeLabel>())
        {
            var rule = MentionRules.Vocabulary(label);
            Assert.Equal("vocab." + label.ToString().ToLowerInvariant(), rule);
            Assert.Same(rule, MentionRules.Vocabulary(label));
            Assert.Same(rule, MentionRules.Name(MentionRules.Id(rule)));
        }
    }

    [Fact]
    public void A_mention_takes_80_bytes()
    {
        // Mentions are made per occurrence: the label and rule in bytes keep the object at 80 bytes.
        var made = new Mention[1_000];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < made.Length; i++)
        {
            made[i] = new Mention { Label = NodeLabel.Technique, Name = "RoPE", Surface = "RoPE", Start = i, End = i + 4, Rule = "acronym.use" };
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(80 * made.Length, bytes);
        Assert.Equal(999, made[^1].Start);
    }

    [Fact]
    public void A_renewed_mention_is_like_a_new_one_with_the_values_given()
    {
        var m = Make();
        m.UseTerm(Rope);
        m.Model = new ModelParse("Veltra-2", null, "Veltra", "Veltra", "2", null, null, null, false);
        m.ExtraAliases.Add("V2");
        m.Sentence = 3;
        m.Nested = true;
        _ = m.Key;

        Assert.Same(m, m.Renew(NodeLabel.Benchmark, "MMLU", "mmlu", 10, 14, "pattern.x-benchmark"));
        var fresh = new Mention { Label = NodeLabel.Benchmark, Name = "MMLU", Surface = "mmlu", Start = 10, End = 14, Rule = "pattern.x-benchmark" };
        Assert.Equal(fresh.ToString(), m.ToString());
        Assert.Equal((fresh.Label, fresh.Name, fresh.Surface, fresh.Start, fresh.End, fresh.Rule), (m.Label, m.Name, m.Surface, m.Start, m.End, m.Rule));
        Assert.Equal("mmlu", m.Key);
        Assert.Null(m.Term);
        Assert.Null(m.Acronym);
        Assert.Null(m.Category);
        Assert.Null(m.Model);
        Assert.False(m.HasExtraAliases);
        Assert.Equal(0, m.Sentence);
        Assert.False(m.Nested);
    }
}
