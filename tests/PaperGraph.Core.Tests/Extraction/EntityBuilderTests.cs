namespace PaperGraph.Core.Tests;

/// <summary>The entity builder's properties: as a dictionary filled mention by mention had them, shared when equal.</summary>
public sealed class EntityBuilderTests
{
    private static readonly Vocabulary Vocabulary = Vocabulary.Load(null);

    private static PaperContext Built(Paper paper)
    {
        var ctx = new PaperContext(paper, Vocabulary);
        new MentionFinder(Vocabulary, new ModelGrammar(Vocabulary)).Find(ctx);
        EntityBuilder.Build(ctx);
        return ctx;
    }

    private static Paper Paper(string title, string abstractText) =>
        new("test:1", title, abstractText, null, null, [], new SourceLocation("test", 1));

    /// <summary>The properties the way the builder used to fill each entity's own dictionary, mention by mention.</summary>
    private static Dictionary<string, object?> Plain(PaperEntity e)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        void Put(string key, string? value)
        {
            if (value is not null)
            {
                properties.TryAdd(key, value);
            }
        }

        foreach (var m in e.Mentions)
        {
            Put("acronym", m.Acronym);
            Put("category", m.Category);
            Put("category", m.Term?.Category);
            if (m.Model is { } p && m.Label == NodeLabel.Model)
            {
                Put("family", p.Family?.Stem ?? p.Stem);
                Put("parameters", p.Parameters);
                Put("activeParameters", p.ActiveParameters);
                Put("version", p.Version);
                Put("variant", p.Variant);
            }
        }

        return properties;
    }

    [Fact]
    public void Properties_are_those_of_the_mentions_in_the_order_and_with_the_values_first_given()
    {
        var papers = new CorpusSynthesizer(new SynthesisOptions(300, 7)).Papers()
            .Select((p, i) => new Paper(p.Id, p.Title, p.Abstract, p.Year, null, [], new SourceLocation("synth", i + 1)))
            .Append(Paper("Llama 2: Open Foundation Models",
                "We present Llama 2-Chat 70B, fine-tuned from Llama 2 with Reinforcement Learning from Human Feedback (RLHF). "
                + "DeepSeek-V2-Lite uses Multi-head Latent Attention (MLA) and Mixture-of-Experts (MoE)."));
        var withProperties = 0;
        foreach (var paper in papers)
        {
            var ctx = Built(paper);
            foreach (var e in ctx.Entities.Values)
            {
                var expected = Plain(e);
                var actual = e.Properties;
                Assert.Equal(expected.ToList(), actual.ToList());
                Assert.Equal(expected.Count, actual.Count);
                foreach (var (key, value) in expected)
                {
                    Assert.Same(value, actual[key]);
                }

                // A model's own map, or a (shared) ordinal dictionary for the others.
                if (expected.Keys.Any(k => k is not ("acronym" or "category")))
                {
                    Assert.IsType<EntityBuilder.PropertyMap>(actual);
                }
                else
                {
                    Assert.Same(StringComparer.Ordinal, Assert.IsType<Dictionary<string, object?>>(actual).Comparer);
                }

                withProperties += expected.Count > 0 ? 1 : 0;
            }
        }

        Assert.True(withProperties > 300, $"only {withProperties} entities with properties");
    }

    [Fact]
    public void Entities_with_the_same_properties_share_one_dictionary_and_others_do_not()
    {
        // The same technique (same vocabulary strings) in two papers, and two models of different sizes.
        var first = Built(Paper("A study", "We use Direct Preference Optimization (DPO) to align Llama 2 7B."));
        var dpo1 = first.Entities.Values.Single(e => e.Name == "Direct Preference Optimization").Properties;
        var llama7 = first.Entities.Values.Single(e => e.Label == NodeLabel.Model).Properties;

        var second = Built(Paper("Another study", "We apply Direct Preference Optimization (DPO) to Llama 2 13B."));
        var dpo2 = second.Entities.Values.Single(e => e.Name == "Direct Preference Optimization").Properties;
        var llama13 = second.Entities.Values.Single(e => e.Label == NodeLabel.Model).Properties;

        Assert.NotEmpty(dpo1);
        Assert.Same(dpo1, dpo2);
        Assert.Equal("7B", llama7["parameters"]);
        Assert.Equal("13B", llama13["parameters"]);
        Assert.NotSame(llama7, llama13);
    }

    [Fact]
    public void An_entity_without_mentions_has_no_properties_and_one_of_an_earlier_paper_keeps_its_own()
    {
        var first = Built(Paper("A study", "We fine-tune Mistral 7B with LoRA."));
        var mistral = first.Entities.Values.Single(e => e.Label == NodeLabel.Model);
        _ = Built(Paper("Another", "GPT-4 achieves 86.4% on MMLU."));

        // Built for an earlier paper on this thread: it keeps the properties it was built with.
        Assert.Equal("7B", mistral.Properties["parameters"]);
        Assert.Empty(new PaperEntity { Label = NodeLabel.Organization, Name = "Meta", FoundInText = false }.Properties);
    }

    [Fact]
    public void A_property_map_reads_like_the_dictionary_filled_in_the_same_order()
    {
        var set = default(EntityBuilder.PropertySet);
        set.TryAdd(2, "llama");
        set.TryAdd(6, "chat");
        set.TryAdd(3, "70B");
        set.TryAdd(0, "L2C");
        var map = new EntityBuilder.PropertyMap(ref set);
        var expected = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["family"] = "llama",
            ["variant"] = "chat",
            ["parameters"] = "70B",
            ["acronym"] = "L2C",
        };

        Assert.Equal(expected.ToList(), map.ToList());
        Assert.Equal(expected.Keys, map.Keys);
        Assert.Equal(expected.Values, map.Values);
        Assert.Equal(4, map.Count);
        Assert.Equal("70B", map["parameters"]);
        Assert.True(map.TryGetValue("variant", out var variant));
        Assert.Equal("chat", variant);
        Assert.True(map.ContainsKey("acronym"));
        Assert.False(map.ContainsKey("version"));
        Assert.False(map.ContainsKey("category"));
        Assert.False(map.TryGetValue("Family", out var none));
        Assert.Null(none);
        Assert.Null(map.GetValueOrDefault("activeParameters"));
        Assert.Throws<KeyNotFoundException>(() => map["version"]);
        Assert.Throws<ArgumentNullException>(() => map.ContainsKey(null!));

        // Each enumeration starts over; Reset does too.
        using var walk = map.GetEnumerator();
        Assert.True(walk.MoveNext());
        Assert.Equal(new KeyValuePair<string, object?>("family", "llama"), walk.Current);
        walk.Reset();
        var again = new List<KeyValuePair<string, object?>>();
        while (walk.MoveNext())
        {
            again.Add(walk.Current);
        }

        Assert.Equal(expected.ToList(), again);
        Assert.False(walk.MoveNext());
        Assert.Equal(expected.ToList(), map.ToList());
    }

    [Fact]
    public void A_property_map_of_all_seven_keys_keeps_their_order()
    {
        var set = default(EntityBuilder.PropertySet);
        int[] ids = [6, 5, 4, 3, 2, 1, 0];
        foreach (var id in ids)
        {
            set.TryAdd(id, "v" + id);
        }

        var map = new EntityBuilder.PropertyMap(ref set);
        Assert.Equal(ids.Select(id => EntityBuilder.PropertyTable.Keys[id]), map.Keys);
        Assert.Equal(ids.Select(id => (object?)("v" + id)), map.Values);
    }

    [Fact]
    public void A_property_set_keeps_the_first_value_of_each_key_in_the_order_given()
    {
        var set = default(EntityBuilder.PropertySet);
        set.TryAdd(3, "7B");
        set.TryAdd(1, null);
        set.TryAdd(1, "llm");
        set.TryAdd(3, "13B");
        set.TryAdd(0, "L2");
        Assert.Equal(3, set.Count);
        Assert.Equal("7B", set.Values[3]);
        Assert.Equal("llm", set.Values[1]);
        Assert.Null(set.Values[2]);
        Assert.Equal((4 << 0) | (2 << 3) | (1 << 6), set.Order);
    }
}
