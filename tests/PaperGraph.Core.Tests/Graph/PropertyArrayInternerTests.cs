namespace PaperGraph.Core.Tests;

public sealed class PropertyArrayInternerTests
{
    private static KeyValuePair<string, object?>[] Pairs(params (string Key, object? Value)[] pairs) =>
        [.. pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value))];

    [Fact]
    public void Equal_property_sets_share_one_array()
    {
        var first = PropertyArrayInterner.Intern(Pairs(("metric", "pass@1-interner-test"), ("value", 63.5)));
        var second = PropertyArrayInterner.Intern(Pairs(("metric", "pass@1-interner-test"), ("value", 63.5)));

        Assert.Same(first, second);
    }

    [Fact]
    public void Pairs_in_scratch_memory_get_the_shared_array_or_a_copy_of_their_own()
    {
        var scratch = new KeyValuePair<string, object?>[4];
        scratch[0] = new("metric", "pass@1-span-test");
        scratch[1] = new("value", 42.5);
        var shared = PropertyArrayInterner.Intern(Pairs(("metric", "pass@1-span-test"), ("value", 42.5)));

        var found = PropertyArrayInterner.Intern(scratch.AsSpan(0, 2));
        scratch[1] = new("value", 43.5);
        var made = PropertyArrayInterner.Intern(scratch.AsSpan(0, 2));
        scratch[0] = new("other", "x");

        Assert.Same(shared, found);
        Assert.NotSame(scratch, made);
        Assert.Equal([new("metric", "pass@1-span-test"), new("value", 43.5)], made);
        Assert.Same(made, PropertyArrayInterner.Intern(Pairs(("metric", "pass@1-span-test"), ("value", 43.5))));
        var unshared = PropertyArrayInterner.Intern([new KeyValuePair<string, object?>("authors-span-test", new[] { "Ada" })]);
        Assert.Equal("authors-span-test", Assert.Single(unshared).Key);
    }

    [Fact]
    public void Values_of_another_type_or_other_bits_are_different_sets()
    {
        var zero = PropertyArrayInterner.Intern(Pairs(("value-interner-test", 0.0)));
        var negativeZero = PropertyArrayInterner.Intern(Pairs(("value-interner-test", -0.0)));
        var integer = PropertyArrayInterner.Intern(Pairs(("value-interner-test", 0)));
        var wide = PropertyArrayInterner.Intern(Pairs(("value-interner-test", 0L)));
        var text = PropertyArrayInterner.Intern(Pairs(("value-interner-test", "0")));

        Assert.Equal(5, new[] { zero, negativeZero, integer, wide, text }.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(-0.0, (double)negativeZero[0].Value!);
        Assert.True(double.IsNegative((double)negativeZero[0].Value!));
    }

    [Fact]
    public void Sets_with_values_not_compared_by_content_are_kept_as_given()
    {
        var list = Pairs(("authors-interner-test", new[] { "Ada" }));
        var again = Pairs(("authors-interner-test", new[] { "Ada" }));

        Assert.Same(list, PropertyArrayInterner.Intern(list));
        Assert.Same(again, PropertyArrayInterner.Intern(again));
    }

    [Fact]
    public void An_edge_that_gets_a_property_added_leaves_edges_sharing_its_properties_alone()
    {
        var graph = new KnowledgeGraph();
        graph.AddEntity(NodeLabel.Model, "Veltra-V2");
        graph.AddEntity(NodeLabel.Model, "Veltra-V1");
        graph.AddEntity(NodeLabel.Model, "Orvix-V3");
        var kind = new Dictionary<string, object?> { ["kind"] = "fine-tuned" };
        var first = graph.AddRelationship(RelType.DerivedFrom, "model:veltra-v2", "model:veltra-v1", kind);
        var second = graph.AddRelationship(RelType.DerivedFrom, "model:orvix-v3", "model:veltra-v1", kind);

        first.AddProperty("note", "extra");

        Assert.Equal(["kind", "note"], first.Properties.Keys);
        Assert.Equal(["kind"], second.Properties.Keys);
        Assert.Equal("fine-tuned", second.Properties["kind"]);
    }

    [Fact]
    public void A_set_made_of_the_same_objects_again_gets_the_same_shared_array()
    {
        var metric = "pass@1-cache-test";
        var value = ValueInterner.Intern(71.25);
        var first = PropertyArrayInterner.Intern([new("metric", metric), new("value", value)]);
        var again = PropertyArrayInterner.Intern([new("metric", metric), new("value", value)]);
        var sameContent = PropertyArrayInterner.Intern(Pairs(("metric", new string("pass@1-cache-test".AsSpan())), ("value", 71.25)));

        Assert.Same(first, again);
        Assert.Same(first, sameContent);
    }

    [Fact]
    public void Values_seen_again_on_a_thread_are_the_shared_object_of_their_content()
    {
        var text = new string("cache-test-unit".AsSpan());
        var shared = ValueInterner.Intern(text);
        var copy = ValueInterner.Intern(new string("cache-test-unit".AsSpan()));
        var number = ValueInterner.Intern(12.5);
        var zero = ValueInterner.Intern(0.0);
        var negativeZero = ValueInterner.Intern(-0.0);

        Assert.Same(shared, ValueInterner.Intern(text));
        Assert.Same(shared, copy);
        Assert.Same(number, ValueInterner.Intern(12.5));
        Assert.NotSame(zero, negativeZero);
        Assert.True(double.IsNegative((double)ValueInterner.Intern(-0.0)));
        Assert.Equal(7, ValueInterner.Intern(7));
    }
}
