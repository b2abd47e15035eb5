namespace PaperGraph.Core.Tests;

public sealed class GivenPropertyCacheTests
{
    private static KeyValuePair<string, object?>[] Pairs(params (string Key, object? Value)[] pairs) =>
        [.. pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value))];

    [Fact]
    public void A_set_remembered_is_found_again_by_the_same_key_and_text_objects_and_number_bits()
    {
        var metric = new string("given-cache-metric".AsSpan());
        var given = Pairs(("value", 61.25), ("metric", metric));
        Assert.Null(GivenPropertyCache.Find(given, out var slot));
        Assert.True(slot >= 0);
        var shared = Pairs(("metric", metric), ("value", 61.25));

        GivenPropertyCache.Remember(slot, given, shared);

        // Another box with the same bits is the same number.
        Assert.Same(shared, GivenPropertyCache.Find(Pairs(("value", 61.25), ("metric", metric)), out _));
    }

    [Fact]
    public void Equal_text_in_another_object_other_bits_another_order_or_fewer_pairs_are_not_found()
    {
        var metric = new string("given-cache-other".AsSpan());
        var given = Pairs(("value", 0.0), ("metric", metric));
        GivenPropertyCache.Find(given, out var slot);
        GivenPropertyCache.Remember(slot, given, Pairs(("metric", metric), ("value", 0.0)));

        Assert.Null(GivenPropertyCache.Find(Pairs(("value", 0.0), ("metric", new string(metric.AsSpan()))), out _));
        Assert.Null(GivenPropertyCache.Find(Pairs(("value", -0.0), ("metric", metric)), out _));
        Assert.Null(GivenPropertyCache.Find(Pairs(("metric", metric), ("value", 0.0)), out _));
        Assert.Null(GivenPropertyCache.Find(Pairs(("value", 0.0)), out _));
    }

    [Fact]
    public void Values_of_other_kinds_and_sets_of_more_than_four_pairs_are_never_kept()
    {
        Assert.Null(GivenPropertyCache.Find(Pairs(("count", 3)), out var intSlot));
        Assert.Equal(-1, intSlot);
        Assert.Null(GivenPropertyCache.Find(Pairs(("a", "1"), ("b", "2"), ("c", "3"), ("d", "4"), ("e", "5")), out var manySlot));
        Assert.Equal(-1, manySlot);
    }

    [Fact]
    public void Sorted_properties_of_a_repeated_set_are_the_same_shared_array_with_the_same_content()
    {
        var unit = new string("%".AsSpan());
        var first = PreparedPaper.SortedProperties(new Dictionary<string, object?> { ["value"] = 77.5, ["unit"] = unit, ["metric"] = "given-cache-acc" });
        var again = PreparedPaper.SortedProperties(new Dictionary<string, object?> { ["value"] = 77.5, ["unit"] = unit, ["metric"] = "given-cache-acc" });
        var copy = PreparedPaper.SortedProperties(new Dictionary<string, object?> { ["value"] = 77.5, ["unit"] = new string(unit.AsSpan()), ["metric"] = "given-cache-acc" });

        Assert.Same(first, again);
        Assert.Same(first, copy);
        Assert.Equal(["metric", "unit", "value"], first.Select(p => p.Key));
        Assert.Equal(["given-cache-acc", "%", 77.5], first.Select(p => p.Value));
        Assert.NotEqual(first, PreparedPaper.SortedProperties(new Dictionary<string, object?> { ["value"] = 77.25, ["unit"] = unit, ["metric"] = "given-cache-acc" }));
    }
}
