namespace PaperGraph.Core.Tests;

/// <summary>The read-only property map of a result relation, against the dictionary it replaces.</summary>
public sealed class RelationPropertiesTests
{
    [Fact]
    public void Null_values_are_left_out_and_the_rest_keep_their_order()
    {
        var p = RelationProperties.Of("value", 51.7, "unit", "%", "metric", null, "setting", "5-shot");
        Assert.Equal(3, p.Count);
        Assert.Equal(["value", "unit", "setting"], p.Select(kv => kv.Key));
        Assert.Equal(["value", "unit", "setting"], p.Keys);
        Assert.Equal(51.7, (double)p["value"]!);
        Assert.False(p.ContainsKey("metric"));
        Assert.False(p.TryGetValue("metric", out _));
        Assert.Throws<KeyNotFoundException>(() => p["metric"]);
    }

    [Fact]
    public void Lookups_compare_keys_ordinally()
    {
        var p = RelationProperties.Of("value", 1.0, "unit", "score", "metric", "accuracy", "setting", null);
        Assert.True(p.TryGetValue("metric", out var metric));
        Assert.Equal("accuracy", metric);
        Assert.False(p.ContainsKey("Metric"));
        Assert.Equal(["score"], p.Values.OfType<string>().Take(1));
    }

    [Fact]
    public void The_first_walk_is_the_map_itself_and_later_or_nested_walks_see_every_pair()
    {
        var p = RelationProperties.Of("value", 51.7, "unit", "%", "metric", "accuracy", "setting", null);
        using var first = p.GetEnumerator();
        Assert.Same(p, first);
        Assert.True(first.MoveNext());
        Assert.Equal("value", first.Current.Key);

        // A walk started while the first is under way gets its own enumerator, from the start.
        Assert.Equal(["value", "unit", "metric"], p.Select(kv => kv.Key));
        Assert.True(first.MoveNext());
        Assert.Equal("unit", first.Current.Key);
        Assert.True(first.MoveNext());
        Assert.Equal("accuracy", first.Current.Value);
        Assert.False(first.MoveNext());
        Assert.False(first.MoveNext());
        first.Dispose();
        first.Dispose();

        // The map is not handed out again: every later walk has its own enumerator and sees all pairs.
        using var again = p.GetEnumerator();
        Assert.NotSame(p, again);
        Assert.Equal(["value", "unit", "metric"], p.Select(kv => kv.Key));
        Assert.Equal(["value", "unit", "metric"], p.Select(kv => kv.Key));
    }

    [Fact]
    public void Walks_on_many_threads_at_once_each_see_every_pair()
    {
        for (var round = 0; round < 200; round++)
        {
            var p = RelationProperties.Of("value", 1.0, "unit", "score", "metric", "f1", "setting", "5-shot");
            var seen = new string[8][];
            Parallel.For(0, seen.Length, i => seen[i] = [.. p.Select(kv => kv.Key)]);
            Assert.All(seen, keys => Assert.Equal(["value", "unit", "metric", "setting"], keys));
        }
    }

    [Fact]
    public void An_empty_map_walks_nothing()
    {
        var p = RelationProperties.Of("value", null, "unit", null, "metric", null, "setting", null);
        Assert.Empty(p);
        Assert.Empty(p);
    }
}
