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
}
